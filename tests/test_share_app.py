"""Share links through AppTest: a second session that has only the first one's query parameters sees the same
data, filters and numbers; a broken token shows the friendly message and the sample."""

from __future__ import annotations

import os

import polars as pl
from conftest import APP, DATA
from streamlit.testing.v1 import AppTest

from pekalongan import format as fmt
from pekalongan.ingest import load_paths, load_sample
from pekalongan.store import Store


def cards(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def fresh(params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_the_query_string_alone_reopens_the_same_view(app):
    at = app.run()
    at.file_uploader[0].upload("ska_2020.xlsx", (DATA / "ska_2020.xlsx").read_bytes(), "application/octet-stream")
    at.run()
    at.sidebar.multiselect(key="komoditi").set_value(["Surimi"]).run()
    assert not at.exception
    first = cards(at)
    params = dict(at.query_params)
    assert "data" in params
    assert address_of(at)["komoditi"] == ["Surimi"]  # the app writes the filters into the address itself

    other = fresh(params)
    assert not other.exception
    assert not any("data contoh" in i.value for i in other.info)
    assert cards(other) == first
    assert other.sidebar.multiselect(key="komoditi").value == ["Surimi"]


def test_public_link_hides_exporters(app):
    at = app.run()
    at.file_uploader[0].upload("ska_2020.xlsx", (DATA / "ska_2020.xlsx").read_bytes(), "application/octet-stream")
    at.run()
    saved = next(iter(at.session_state["_tersimpan"].values()))  # state.SAVED_KEY
    public = fresh({"data": saved.public_token})
    assert not public.exception
    assert any("Tampilan publik" in i.value for i in public.info)
    assert not [m for m in public.sidebar.multiselect if m.key == "eksportir"]
    full = fresh({"data": saved.token})
    assert [m for m in full.sidebar.multiselect if m.key == "eksportir"]
    # Same yearly total in both views.
    assert cards(public)["Nilai ekspor 2020"] == cards(full)["Nilai ekspor 2020"]


def test_a_tampered_token_shows_the_friendly_message_and_the_sample():
    at = fresh({"data": "x" * 32})
    assert not at.exception
    assert any("tidak berlaku" in w.value for w in at.warning)
    assert any("data contoh" in i.value for i in at.info)
    at = fresh({"data": "../../etc/passwd"})
    assert not at.exception and any("tidak berlaku" in w.value for w in at.warning)


# ------------------------------------------------------------------------- codes, typed targets, carry-over

SAMPLE = load_sample().records
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sample_total(year: int, **where: str) -> float:
    rows = SAMPLE.filter(pl.col("year") == year)
    for column, value in where.items():
        rows = rows.filter(pl.col(column) == value)
    return rows.get_column("value_usd").sum()


def address_of(at) -> dict[str, list[str]]:
    """The address bar the app wrote, every parameter as its list of values."""
    return {key: v if isinstance(v := at.query_params[key], list) else [v] for key in at.query_params}


def test_a_link_with_codes_opens_the_same_filters_in_either_language():
    expected = sample_total(2022, destination="SGP", exporter_type="umkm")
    assert expected > 0
    at = fresh({"negara": "SGP", "jenis": "umkm", "bahasa": "en"})
    assert not at.exception
    assert cards(at)["Exports 2022"] == fmt.usd(expected, "en")
    assert at.sidebar.multiselect(key="negara").value == ["SGP"]
    assert at.sidebar.multiselect(key="jenis").value == ["umkm"]
    # The app writes the address back as codes, the language among them.
    assert address_of(at) == {"bahasa": ["en"], "negara": ["SGP"], "jenis": ["umkm"]}

    at.sidebar.segmented_control(key="bahasa").set_value("id").run()
    assert not at.exception
    assert cards(at)["Nilai ekspor 2022"] == fmt.usd(expected, "id")
    assert at.sidebar.multiselect(key="negara").value == ["SGP"]
    assert address_of(at) == {"negara": ["SGP"], "jenis": ["umkm"]}
    assert any("negara tujuan Singapura, eksportir UMKM" in c.value.replace("\\", "") for c in at.caption)


def test_a_link_sent_with_todays_labels_still_opens_and_is_rewritten_as_codes():
    at = fresh({"negara": ["Singapura", "Malaysia"], "jenis": "UMKM", "bahasa": "English"})
    assert not at.exception
    both = sample_total(2022, destination="SGP", exporter_type="umkm") + sample_total(
        2022, destination="MYS", exporter_type="umkm")
    assert cards(at)["Exports 2022"] == fmt.usd(both, "en")
    assert address_of(at) == {"bahasa": ["en"], "negara": ["SGP", "MYS"], "jenis": ["umkm"]}


def test_a_typed_target_in_the_link_gives_the_same_cards_and_says_where_it_came_from():
    at = fresh({"tahun": ["2019", "2019"], "target": "2019_usd_25000000_2026-12-01"})
    assert not at.exception
    shown = cards(at)
    assert shown["Nilai ekspor 2019"] == fmt.usd(22_926_000) == "22,93 juta USD"
    assert shown["Target"] == "25,00 juta USD"  # the sample has no 2019 target: it is the typed one
    assert shown["Capaian target"] == fmt.pct(22_926_000 / 25_000_000 * 100) == "91,70%"
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "Diketik manual: target (USD) 2019 pada 1 Desember 2026." in captions
    assert "Target dan kurs: angka yang dipublikasikan (data contoh)." in captions
    assert address_of(at) == {"tahun": ["2019", "2019"], "target": ["2019_usd_25000000_2026-12-01"]}

    # Over a file's own target too, and the rate: 2022's published 26,44 juta becomes the typed 20 juta.
    at = fresh({"target": ["2022_usd_20000000_2026-11-30", "2022_kurs_15000_2026-11-30"], "bahasa": "en"})
    shown = cards(at)
    assert shown["Target"] == "20.00 million USD"
    assert shown["Target achieved"] == fmt.pct(19_640_000 / 20_000_000 * 100, "en") == "98.20%"
    assert shown["In rupiah"] == fmt.rupiah(19_640_000 * 15_000, "en")
    assert "Typed by hand: target (USD) 2022 on November 30, 2026; rate 2022 on November 30, 2026." in [
        c.value.replace("\\", "") for c in at.caption]


def test_the_samples_years_do_not_narrow_an_upload_and_a_link_shows_the_same(app):
    at = app.run()
    at.file_uploader[0].upload("bps_wide_komoditi.xlsx", (DATA / "bps_wide_komoditi.xlsx").read_bytes(), XLSX).run()
    assert not at.exception
    upload = load_paths([DATA / "bps_wide_komoditi.xlsx"]).records
    last = upload.filter(pl.col("year") == 2023).get_column("value_usd").sum()
    assert at.sidebar.select_slider(key="tahun").value == (2019, 2023)
    assert cards(at)["Nilai ekspor 2023"] == fmt.usd(last)
    params = address_of(at)
    assert set(params) == {"data"}
    link = fresh(params)
    assert cards(link) == cards(at)


def test_a_selection_carries_over_to_an_upload_only_where_the_upload_has_it(app):
    at = app.run()
    at.sidebar.select_slider(key="tahun").set_value((2020, 2021))
    at.sidebar.multiselect(key="komoditi").set_value(["Kerupuk Ikan", "Surimi"]).run()
    at.file_uploader[0].upload("bps_wide_komoditi.xlsx", (DATA / "bps_wide_komoditi.xlsx").read_bytes(), XLSX).run()
    assert not at.exception
    assert at.sidebar.select_slider(key="tahun").value == (2020, 2021)
    assert at.sidebar.multiselect(key="komoditi").value == ["Surimi"]  # the file has no Kerupuk Ikan
    upload = load_paths([DATA / "bps_wide_komoditi.xlsx"]).records
    surimi = upload.filter((pl.col("year") == 2021) & (pl.col("commodity") == "Surimi")).get_column("value_usd").sum()
    assert cards(at)["Nilai ekspor 2021"] == fmt.usd(surimi)
    params = address_of(at)
    assert params["tahun"] == ["2020", "2021"] and params["komoditi"] == ["Surimi"]
    assert cards(fresh(params)) == cards(at)


def test_the_revocation_key_gives_the_uploader_the_links_back_and_revoking_asks_first():
    saved = Store(os.environ["PEKALONGAN_STORE"]).save(load_paths([DATA / "ska_2020.xlsx"]))
    at = fresh({"data": saved.token})  # the uploader after F5: only the full link in the address
    codes = [c.value for c in at.sidebar.code]
    assert len(codes) == 1 and saved.public_token not in codes[0]
    at.sidebar.text_input(key="kunci_cabut").input("wrong-key")
    at.sidebar.button(key="tunjukkan_tautan").click().run()
    assert [e.value for e in at.sidebar.error] == ["Kunci pencabutan tidak cocok dengan tautan ini."]
    at.sidebar.text_input(key="kunci_cabut").input(saved.revoke_key)
    at.sidebar.button(key="tunjukkan_tautan").click().run()
    codes = [c.value for c in at.sidebar.code]
    assert len(codes) == 3 and f"data={saved.public_token}" in codes[1] and codes[2] == saved.revoke_key
    assert any("Simpan kunci ini" in w.value for w in at.sidebar.warning)

    at.sidebar.button(key="cabut").click().run()
    assert any("Cabut tautan?" in e.value for e in at.sidebar.error)
    assert Store(os.environ["PEKALONGAN_STORE"]).open(saved.token)  # nothing revoked before "Ya, cabut"
    at.sidebar.button(key="cabut_batal").click().run()
    assert not any("Cabut tautan?" in e.value for e in at.sidebar.error)
    at.sidebar.button(key="cabut").click().run()
    at.sidebar.button(key="cabut_ya").click().run()
    assert not at.exception
    assert any("Tautan sudah dicabut" in s.value for s in at.success)
    assert any("data contoh" in i.value for i in at.info)
    assert "data" not in address_of(at)
    colleague = fresh({"data": saved.public_token})
    assert any("tidak berlaku" in w.value for w in colleague.warning)


def test_the_csv_delimiter_survives_a_language_switch(app):
    at = app.run()
    at.sidebar.radio(key="pemisah_csv_id").set_value(",").run()
    at.sidebar.segmented_control(key="bahasa").set_value("en").run()
    assert not at.exception
    radio = at.sidebar.radio(key="pemisah_csv_en")
    assert radio.value == "," and radio.options == ["semicolon ; (Indonesian Excel)", "comma ,"]
    at.sidebar.radio(key="pemisah_csv_en").set_value(";").run()
    at.sidebar.segmented_control(key="bahasa").set_value("id").run()
    assert at.sidebar.radio(key="pemisah_csv_id").value == ";"


def test_a_choice_made_in_the_same_run_as_a_language_switch_is_kept(app):
    at = app.run()
    # Both changes reach the server in one rerun, as when an official switches language right after a pick.
    at.sidebar.multiselect(key="negara").set_value(["SGP"])
    at.sidebar.segmented_control(key="bahasa").set_value("en").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="negara").value == ["SGP"]
    assert cards(at)["Exports 2022"] == fmt.usd(sample_total(2022, destination="SGP"), "en")
    assert address_of(at) == {"bahasa": ["en"], "negara": ["SGP"]}
