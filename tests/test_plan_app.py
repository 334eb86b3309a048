"""Periksa Pembacaan through AppTest (issue 15): a file misread in each of four ways is corrected with the
widgets, the figures are exact, and the corrected dataset's share link gives the same figures."""

from __future__ import annotations

import plan_files as pf
import polars as pl
from conftest import APP, DATA
from streamlit.testing.v1 import AppTest

from pekalongan.format import number_id
from pekalongan.ingest import load

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(app, name: str, data: bytes) -> AppTest:
    at = app.run()
    at.file_uploader[0].upload(name, data, XLSX).run()
    assert not at.exception
    return at.switch_page("app_pages/periksa.py").run()


def widget(elements, *parts: str):
    """The one widget whose key ends with these parts (the keys name the upload, the round, the sheet, the
    header rows and the column)."""
    found = [e for e in elements if e.key and e.key.endswith("_" + "_".join(parts))]
    assert len(found) == 1, [e.key for e in elements]
    return found[0]


def by_year(at) -> dict[str, str]:
    """The figures beside the reading: {year: value as the page writes it}."""
    frames = [d.value for d in at.dataframe if list(d.value.columns) == ["Tahun", "Nilai (USD)"]]
    assert len(frames) <= 1
    if not frames:
        assert any(c.value == "Tidak ada baris ekspor yang bisa dipakai dari berkas yang diunggah. Lihat laporan di "
                   "bawah." for c in at.caption)
        return {}
    return dict(zip(frames[0].iloc[:, 0], frames[0].iloc[:, 1]))


def linked(at) -> AppTest:
    """A fresh session opening the link the corrected upload was saved under, on Periksa Pembacaan's figures."""
    other = AppTest.from_file(APP, default_timeout=120)
    other.query_params["data"] = at.query_params["data"]
    other.run()
    assert not other.exception
    return other


def link_by_year(other: AppTest) -> dict[str, float]:
    return {str(y): v for y, v in other.session_state["_konteks"].dataset.records.group_by("year")
            .agg(pl.col("value_usd").sum()).iter_rows()}


def test_wrong_header_row_is_corrected(app):
    at = upload(app, "ska_header.xlsx", pf.make_wrong_header())
    assert by_year(at) == {}  # nothing read: the row explaining the columns was taken for the header
    assert at.number_input[0].value == 1
    at.number_input[0].set_value(3).run()
    assert not at.exception
    assert by_year(at) == {"2024": "2.500,00"}
    assert widget(at.selectbox, "4", "role").value == "value"
    first_link = at.query_params["data"]
    other = linked(at)
    assert link_by_year(other) == {"2024": 2500.0}
    assert other.query_params["data"] == first_link
    other.switch_page("app_pages/kualitas.py").run()
    assert any("dibetulkan dengan tangan" in i.value and "baris 3" in i.value for i in other.info)


def test_weight_taken_as_value_is_corrected(app):
    at = app.run()
    at.file_uploader[0].upload("realisasi.xlsx", pf.make_weight_as_value(), XLSX).run()
    # Ringkasan says what it doubts, with a link to the step.
    assert any("mungkin itu kolom berat" in w.value for w in at.warning)
    at.switch_page("app_pages/periksa.py").run()
    assert by_year(at) == {"2023": "550,00"}  # the kilograms, added up as dollars
    widget(at.selectbox, "2", "role").set_value("weight").run()
    widget(at.selectbox, "3", "role").set_value("value").run()
    assert not at.exception
    assert by_year(at) == {"2023": "7.500,00"}
    at.switch_page("app_pages/ringkasan.py").run()
    assert not any("mungkin itu kolom berat" in w.value for w in at.warning)  # the official has said
    assert link_by_year(linked(at)) == {str(y): v for y, v in pf.WEIGHT_TOTAL.items()}


def test_summary_sheet_is_left_out(app):
    at = upload(app, "ska_rekap.xlsx", pf.make_summary_sheet())
    assert by_year(at) == {"2024": "4.000,00"}  # the register and its recap, counted twice
    [rekap] = [c for c in at.checkbox if c.key.endswith("_0_1_used")]
    rekap.uncheck().run()
    assert not at.exception
    assert by_year(at) == {"2024": "2.000,00"}
    assert link_by_year(linked(at)) == {"2024": 2000.0}


def test_unknown_currency_is_named(app):
    at = upload(app, "india.xlsx", pf.make_unknown_currency())
    assert by_year(at) == {"2022": "240.000,00"}  # rupees read as dollars
    widget(at.selectbox, "3", "currency").set_value("INR").run()
    assert not at.exception
    assert by_year(at) == {"2022": "3.000,00"}
    assert link_by_year(linked(at)) == {"2022": 3000.0}


def test_the_first_rows_show_how_each_was_read_and_a_row_can_be_taken_as_a_total(app):
    at = upload(app, "ska_header.xlsx", pf.make_wrong_header())
    at.number_input[0].set_value(3).run()
    [preview] = [d.value for d in at.dataframe if "Dibaca sebagai" in d.value.columns]
    assert list(preview["Baris"][:4]) == ["1", "2", "3", "4"]
    assert list(preview["Dibaca sebagai"][:4]) == ["judul tabel", "judul tabel", "judul kolom", "data"]
    assert "E · nilai ekspor" in preview.columns and list(preview["E · nilai ekspor"][2:4]) == ["FOB (US$)", "1200"]
    [totals] = [m for m in at.multiselect if m.label == "Baris jumlah (tidak dijumlahkan)"]
    totals.set_value([6]).run()  # CV Canting Emas's row, taken as a total: not added
    assert not at.exception
    assert by_year(at) == {"2024": "2.000,00"}
    assert link_by_year(linked(at)) == {"2024": 2000.0}


def test_the_file_an_overlapping_year_is_counted_from_is_chosen(app):
    names = ("overlap_ska_2023.xlsx", "overlap_bps_komoditi.xlsx")
    files = [(n, (DATA / "layouts" / n).read_bytes()) for n in names]
    at = app.run()
    for name, data in files:
        at.file_uploader[0].upload(name, data, XLSX)
    at.run()
    at.switch_page("app_pages/periksa.py").run()
    assert not at.exception
    [box] = [s for s in at.selectbox if s.key.endswith("_overlap_2023")]
    auto = load(files)
    assert box.value == auto.plan.overlap[2023]
    other = next(n for n in names if n != box.value)
    box.set_value(other).run()
    assert not at.exception
    expected = load(files, prefer={2023: other}).records.filter(pl.col("year") == 2023).get_column("value_usd").sum()
    assert expected != auto.records.filter(pl.col("year") == 2023).get_column("value_usd").sum()
    assert by_year(at)["2023"] == number_id(expected, 2)
    assert link_by_year(linked(at))["2023"] == expected


def test_a_file_of_the_same_shape_is_offered_the_corrected_reading(app):
    at = upload(app, "januari.xlsx", pf.make_weight_as_value())
    widget(at.selectbox, "2", "role").set_value("weight").run()
    widget(at.selectbox, "3", "role").set_value("value").run()
    assert by_year(at) == {"2023": "7.500,00"}
    at.file_uploader[0].upload("februari.xlsx", pf.make_weight_as_value_next_month(), XLSX).run()
    assert not at.exception
    # The next month's file, a new upload: read as the reader reads it, and offered the corrected reading.
    assert by_year(at) == {"2023": "120,00"}  # kilograms read as dollars again
    [offer] = [b for b in at.button if b.label == "Pakai bacaan yang sama"]
    assert any("berbentuk sama" in i.value for i in at.info)
    offer.click().run()
    assert not at.exception
    assert by_year(at) == {"2023": "2.000,00"}
    assert not [b for b in at.button if b.label == "Pakai bacaan yang sama"]
    assert link_by_year(linked(at)) == {str(y): v for y, v in pf.NEXT_MONTH_TOTAL.items()}


def test_the_step_speaks_english_by_the_switch(app):
    app.query_params["bahasa"] = "en"
    at = upload(app, "realisasi.xlsx", pf.make_weight_as_value())
    assert [h.value for h in at.header] == ["Check the Reading"]
    role = widget(at.selectbox, "2", "role")
    assert role.label == "Role C" and role.value == "value"
    assert role.format_func("weight") == "weight" and role.format_func("ignored") == "not used"
    role.set_value("weight").run()
    assert any(i.value.startswith("The reading was corrected by hand: column “Realisasi \\(Kg\\)” as weight")
               for i in at.info)


def test_a_table_with_no_header_the_reader_knows_is_read_through_the_widgets(app):
    data = b"Daftar ekspor 2024\nPT;Ke;Jumlah\nPT A;Jepang;100\nPT B;Malaysia;50\n"
    at = app.run()
    at.file_uploader[0].upload("daftar.csv", data, "text/csv").run()
    at.switch_page("app_pages/periksa.py").run()
    assert by_year(at) == {}
    [use] = at.checkbox
    use.check().run()
    assert not at.exception
    at.number_input[0].set_value(2).run()
    assert [s.label for s in at.selectbox] == ["Peran A", "Peran B", "Peran C"]
    widget(at.selectbox, "0", "role").set_value("exporter").run()
    widget(at.selectbox, "1", "role").set_value("destination").run()
    widget(at.selectbox, "2", "role").set_value("value").run()
    assert not at.exception
    assert by_year(at) == {"2024": "150,00"}
    assert link_by_year(linked(at)) == {"2024": 150.0}


def test_names_from_the_file_are_not_markdown(app):
    at = upload(app, "realisasi.xlsx", pf.make_weight_as_value())
    widget(at.selectbox, "2", "role").set_value("weight").run()
    [note] = [i.value for i in at.info if "dibetulkan" in i.value]
    assert note == "Bacaan sudah dibetulkan dengan tangan: kolom “Realisasi \\(Kg\\)” sebagai berat (kg)."
    assert "Kolom C: “Realisasi \\(Kg\\)”" in [m.value for m in at.markdown]
