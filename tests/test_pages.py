"""Every page through AppTest: on the sample and on each file of the corpus; headline cards against the published
figures; filters change the numbers exactly as an independent polars computation says they should."""

from __future__ import annotations

import json

import polars as pl
import pytest
from conftest import DATA

from pekalongan import format as fmt
from pekalongan.ingest import load_sample

PAGES = ["ringkasan", "komoditi", "negara", "eksportir", "bulanan", "kualitas", "panduan", "tentang"]
PUBLISHED = {  # docs/pekalongan_published.csv, as first published
    2018: (19_600_000, 18_000_000),
    2019: (22_926_000, None),
    2020: (25_437_000, 19_190_000),
    2021: (30_263_567, 26_180_000),
    2022: (19_640_000, 26_440_000),
}
CORPUS = sorted(k for k in json.loads((DATA / "expected.json").read_text()) if not k.startswith("_"))
MIME = {"csv": "text/csv", "txt": "text/plain", "xlsx": "application/octet-stream", "xls": "application/octet-stream",
        "ods": "application/octet-stream"}


def cards(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def run_all_pages(at) -> None:
    for page in PAGES:
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])


def test_every_page_runs_on_the_sample(app):
    at = app.run()
    run_all_pages(at)
    at.switch_page("app_pages/negara.py").run()
    charts = at.get("vega_lite_chart")
    assert len(charts) >= 3
    for chart in charts:
        spec = json.loads(chart.proto.spec)
        assert spec["config"]["locale"]["number"]["decimal"] == ","
        rows = sum(len(v) for v in spec.get("datasets", {}).values())
        assert rows <= 500  # aggregated frames only, whatever the upload's size


@pytest.mark.parametrize("name", CORPUS)
def test_every_page_runs_on_each_corpus_file(app, name):
    at = app.run()
    at.file_uploader[0].upload(name, (DATA / name).read_bytes(), MIME[name.rsplit(".", 1)[1]]).run()
    assert not at.exception
    run_all_pages(at)


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_headline_cards_equal_the_published_figures(app, year):
    at = app.run()
    at.sidebar.select_slider(key="tahun").set_value((year, year)).run()
    shown = cards(at)
    value, target = PUBLISHED[year]
    assert shown[f"Nilai ekspor {year}"] == fmt.usd(value)
    if target is None:
        assert shown["Target"] == "-"
    else:
        assert shown["Target"] == fmt.usd(target)
        assert shown["Capaian target"] == fmt.pct(value / target * 100)


def test_published_achievement_2022_and_growth_2020(app):
    at = app.run()
    at.sidebar.select_slider(key="tahun").set_value((2022, 2022)).run()
    assert cards(at)["Capaian target"] == "74,28%"  # as the press reported it
    at.sidebar.select_slider(key="tahun").set_value((2019, 2020)).run()
    assert cards(at)["Nilai ekspor 2020"] == "25,44 juta USD"
    [metric] = [m for m in at.metric if m.label == "Nilai ekspor 2020"]
    assert metric.delta.startswith("+10,95%")
    assert "melampaui target US$19,19 juta (132,55 persen dari target)" in at.info[-1].value.replace("\\", "")


def test_filters_change_the_numbers_exactly(app):
    records = load_sample().records
    surimi_2021 = records.filter((pl.col("commodity") == "Surimi") & (pl.col("year") == 2021))
    at = app.run()
    at.sidebar.select_slider(key="tahun").set_value((2021, 2021))
    at.sidebar.multiselect(key="komoditi").set_value(["Surimi"]).run()
    shown = cards(at)
    assert shown["Nilai ekspor 2021"] == fmt.usd(surimi_2021.get_column("value_usd").sum())
    assert shown["Eksportir 2021"] == str(surimi_2021.get_column("exporter").n_unique())
    assert shown["Negara tujuan 2021"] == str(surimi_2021.get_column("destination").n_unique())
    assert shown["Komoditi 2021"] == "1"
    assert shown["Target"] == "-"  # a city target is not compared with one commodity
    assert any("komoditi Surimi" in c.value.replace("\\", "") for c in at.caption)

    at.sidebar.multiselect(key="negara").set_value(["JPN"]).run()
    to_japan = surimi_2021.filter(pl.col("destination") == "JPN")
    assert cards(at)["Nilai ekspor 2021"] == fmt.usd(to_japan.get_column("value_usd").sum())

    at.sidebar.multiselect(key="komoditi").set_value([]).run()
    at.sidebar.multiselect(key="negara").set_value([])
    at.sidebar.multiselect(key="jenis").set_value(["new"]).run()
    new_2021 = records.filter((pl.col("exporter_type") == "new") & (pl.col("year") == 2021))
    assert cards(at)["Nilai ekspor 2021"] == fmt.usd(new_2021.get_column("value_usd").sum())


def test_english_switch(app):
    at = app.run()
    at.sidebar.segmented_control(key="bahasa").set_value("en").run()
    assert not at.exception
    assert "Exports 2022" in cards(at)
    assert cards(at)["Exports 2022"] == "19.64 million USD"


def test_standard_table_on_the_commodity_page_uses_dashes_not_nan(app):
    at = app.run()
    at.switch_page("app_pages/komoditi.py").run()
    table = at.dataframe[-1].value
    text = " ".join(str(v) for v in table.to_numpy().ravel())
    assert "nan" not in text.lower() and "inf" not in text.lower()
    crab = table[table["Komoditi"] == "Crab Shell Pellet"].iloc[0]
    assert crab["2018"] == "0,00" and crab.filter(like="Trend").iloc[0] == "-"


def test_template_downloads_from_the_guide(app):
    at = app.run()
    at.switch_page("app_pages/panduan.py").run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("templat" in label.lower() for label in labels)


def test_every_chart_has_a_png_button_and_the_sidebar_offers_the_data(app):
    at = app.run()
    at.switch_page("app_pages/komoditi.py").run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("PNG") == len(at.get("vega_lite_chart")) == 3
    for wanted in ("Data terpilih (.csv)", "Data dan tabel (.xlsx)", "Unduh laporan (1 halaman)",
                   "Format Satu Data (.csv)"):
        assert wanted in labels
