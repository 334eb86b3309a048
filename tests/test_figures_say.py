"""Every figure says what it covers (issue 16), through AppTest on the sample and on a statistics-office table: the
cards' year, the press paragraph of a selection, the rupiah of a selection, what the files do not record shown as
not known (never 0), and a ranked chart of one bar that draws it."""

from __future__ import annotations

import json

import polars as pl
import pyarrow as pa
from conftest import DATA

from pekalongan import format as fmt
from pekalongan.ingest import load_sample


def cards(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def narrative_text(at) -> str:
    [info] = [i for i in at.info if i.proto.icon == ":material/newspaper:"]
    return info.value.replace("\\", "")  # shown as escaped markdown: the text the reader sees has no backslashes


def chart_titled(at, title: str, key: str | None = None):
    """The chart drawn under the bold heading `title` (its key, when it has one, picks it among the charts)."""
    headings = [m.value.replace("\\", "") for m in at.markdown]
    assert f"**{title}**" in headings, headings
    if key is None:
        return None
    [found] = [c for c in at.get("vega_lite_chart") if c.proto.id.endswith(f"-{key}")]
    assert "title" not in json.loads(found.proto.spec)  # above it, where it wraps, not cut to the chart's width
    return found


def chart_rows(chart) -> list[dict]:
    rows = []
    for dataset in chart.proto.datasets:
        rows += pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
    for values in json.loads(chart.proto.spec).get("datasets", {}).values():
        rows += values
    return rows


def test_the_count_cards_say_their_year_and_count_it(app):
    records = load_sample().records.filter(pl.col("year") == 2022)
    at = app.run()
    shown = cards(at)
    assert shown["Eksportir 2022"] == str(records.get_column("exporter").n_unique())
    assert shown["Negara tujuan 2022"] == str(records.get_column("destination").n_unique())
    assert shown["Komoditi 2022"] == str(records.get_column("commodity").n_unique())
    assert "Eksportir" not in shown and "Komoditi" not in shown  # no count without its year
    # The charts beside them sum every year of the selection, and say so.
    chart_titled(at, "Komoditi utama, 2018–2022")
    chart_titled(at, "Negara tujuan utama, 2018–2022")


def test_the_cards_follow_the_year_range(app):
    at = app.run()
    at.sidebar.select_slider(key="tahun").set_value((2019, 2020)).run()
    shown = cards(at)
    assert {"Nilai ekspor 2020", "Eksportir 2020", "Eksportir baru 2020", "Negara tujuan 2020",
            "Komoditi 2020"} <= shown.keys()
    chart_titled(at, "Komoditi utama, 2019–2020")


def test_the_press_paragraph_names_the_selection(app):
    at = app.run()
    at.sidebar.multiselect(key="komoditi").set_value(["Sarung Batik"]).run()
    assert narrative_text(at) == (
        "Nilai ekspor Kota Pekalongan tahun 2022 untuk komoditi sarung batik mencapai US$6,64 juta, turun 38,48 persen "
        "dibandingkan tahun 2021, dengan tujuan utama Tanzania, Singapura dan Uni Emirat Arab. Sumber: contoh bawaan "
        "dasbor, diolah Dinas Perdagangan, Koperasi dan UKM Kota Pekalongan.")
    at.sidebar.segmented_control(key="bahasa").set_value("en").run()
    assert narrative_text(at) == (
        "Kota Pekalongan's exports of Sarung Batik in 2022 reached US$6.64 million, down 38.48 percent from 2021, "
        "mainly to Tanzania, Singapore and the United Arab Emirates. Source: the dashboard's bundled sample, compiled by "
        "the Trade, Cooperatives and SME Office of Kota Pekalongan.")


def test_the_unfiltered_paragraph_reads_like_a_release(app):
    at = app.run()
    assert narrative_text(at) == (
        "Nilai ekspor Kota Pekalongan tahun 2022 mencapai US$19,64 juta, turun 35,10 persen dibandingkan tahun 2021 "
        "dan belum mencapai target US$26,44 juta (74,28 persen dari target), didominasi sarung batik, surimi dan kain "
        "batik dengan tujuan utama Malaysia, Singapura dan Korea Selatan. Sumber: contoh bawaan dasbor, diolah Dinas "
        "Perdagangan, Koperasi dan UKM Kota Pekalongan.")


def test_the_rupiah_card_converts_the_selection(app):
    sample = load_sample()
    rate = sample.targets.filter(pl.col("year") == 2022).get_column("rate_idr").item()
    surimi = sample.records.filter((pl.col("commodity") == "Surimi") & (pl.col("year") == 2022))
    at = app.run()
    at.sidebar.multiselect(key="komoditi").set_value(["Surimi"]).run()
    [card] = [m for m in at.metric if m.label == "Setara rupiah"]
    assert card.value == fmt.rupiah(surimi.get_column("value_usd").sum() * rate) != "-"
    assert card.value == "Rp79,9 miliar"
    assert cards(at)["Target"] == "-"  # the city's target is still not compared with one commodity


def test_a_statistics_table_shows_what_it_does_not_record_as_not_known(app):
    name = "bps_wide_komoditi.xlsx"
    at = app.run()
    at.file_uploader[0].upload(name, (DATA / name).read_bytes(), "application/octet-stream").run()
    assert not at.exception
    shown = cards(at)
    year = max(int(label.rsplit(" ", 1)[1]) for label in shown if label.startswith("Nilai ekspor "))
    assert shown[f"Eksportir {year}"] == "-"
    assert shown[f"Eksportir baru {year}"] == "-"
    assert shown[f"Negara tujuan {year}"] == "-"
    assert shown[f"Komoditi {year}"] not in ("-", "0")
    assert any("“-” pada kartu berarti berkas tidak mencatatnya: nama eksportir, jenis eksportir, negara tujuan."
               == c.value for c in at.caption)
    # No chart of one blank "(tidak diisi)" bar: the page says why instead.
    assert not any(m.value.startswith("**Negara tujuan utama") for m in at.markdown)
    assert not [c for c in at.get("vega_lite_chart") if c.proto.id.endswith("-top_negara")]
    assert any("tidak mencatat negara tujuan" in i.value for i in at.info)
    at.switch_page("app_pages/negara.py").run()
    assert not at.get("vega_lite_chart")
    assert any("tidak mencatat negara tujuan" in i.value for i in at.info)


def test_a_ranked_chart_of_one_commodity_draws_its_bar(app):
    surimi = load_sample().records.filter(pl.col("commodity") == "Surimi")
    at = app.run()
    at.sidebar.multiselect(key="komoditi").set_value(["Surimi"]).run()
    chart = chart_titled(at, "Komoditi utama, 2018–2022", "top_komoditi")
    [row] = chart_rows(chart)
    assert row["label"] == "Surimi"
    assert abs(row["value_m"] * 1e6 - surimi.get_column("value_usd").sum()) < 1e-3  # the bar's length, in juta
    spec = json.loads(chart.proto.spec)
    # Under Streamlit's default "fit" the title and axis take the 80 px and leave the one bar a hairline: the
    # chart asks for its height to be the bars' own.
    assert spec["autosize"]["type"] == "fit-x"
    assert spec["height"] >= 80


def test_the_weight_table_gives_value_per_kg(app):
    records = load_sample().records
    surimi = records.filter(pl.col("commodity") == "Surimi")
    at = app.run()
    at.switch_page("app_pages/komoditi.py").run()
    [table] = [d.value for d in at.dataframe if "USD per kg" in d.value.columns]
    row = table[table["Komoditi"] == "Surimi"].iloc[0]
    assert row["Berat"] == fmt.kg(surimi.get_column("weight_kg").sum())
    weighed = surimi.filter(pl.col("weight_kg").is_not_null())
    assert row["USD per kg"] == fmt.number_id(weighed.get_column("value_usd").sum() / weighed.get_column("weight_kg").sum(), 2)
