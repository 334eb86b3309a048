"""The cell grammar end to end: the `cells_*` files in tests/data read to the records `make_cells.py` wrote down.

Currencies in a `Mata Uang` column, in a header and in the cells themselves, converted with a `Kurs` sheet or typed
rates and rejected without one; years with marks; nil marks; periods written as text; HS codes from chapter labels
and HS codes that lost their leading zero.
"""

from __future__ import annotations

import json

import polars as pl
import pytest
from conftest import DATA

from pekalongan.cli import check_summary
from pekalongan.currency import typed_rates
from pekalongan.ingest import load_paths
from pekalongan.schema import Column

EXPECTED = {k: v for k, v in json.loads((DATA / "cells_expected.json").read_text()).items() if not k.startswith("_")}
FIELDS = ("period", "year_mark", "commodity", "hs_code", "destination", "currency")


@pytest.fixture(scope="module")
def datasets():
    return {name: load_paths([DATA / name]) for name in EXPECTED}


def assert_records(records: pl.DataFrame, expected: list[dict]) -> None:
    assert records.height == len(expected)
    for want in expected:
        match = records.filter(
            (pl.col(Column.SOURCE_ROW) == want["row"]) & pl.col(Column.SOURCE_SHEET).cast(pl.String)
            .eq_missing(want["sheet"]) & (pl.col(Column.YEAR) == want["year"])
            & pl.col(Column.MONTH).eq_missing(want["month"])  # a row of a months-across table gives a record a month
        )
        assert match.height == 1, (want, match)
        got = match.with_columns(pl.col(pl.Categorical).cast(pl.String)).row(0, named=True)
        assert got[Column.MONTH] == want["month"], want
        for field in FIELDS:
            assert got[field] == want[field], (field, want, got)
        assert got[Column.VALUE_USD] == pytest.approx(want["value_usd"], abs=0.005), want
        if want["fx_rate"] is None:
            assert got[Column.FX_RATE] is None
        else:
            assert got[Column.FX_RATE] == pytest.approx(want["fx_rate"], rel=1e-9)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_record(datasets, name):
    assert datasets[name].report.errors == []
    assert_records(datasets[name].records, EXPECTED[name]["records"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rows_not_kept_say_why(datasets, name):
    """Every rejected row is the one the generator expects, and its reason names the currency or the mark."""
    report, expected = datasets[name].report, EXPECTED[name]
    rejected = report.rejected.sort("row")
    assert rejected.select("sheet", "row").rows() == [(r["sheet"], r["row"]) for r in expected["rejected"]]
    for (reason,), want in zip(rejected.select("reason").rows(), expected["rejected"], strict=True):
        assert want["names"] in reason
        assert "bukan angka" not in reason
    skipped = report.skipped.sort("row")
    assert skipped.select("sheet", "row").rows() == [(s["sheet"], s["row"]) for s in expected["skipped"]]
    for want in expected["skipped"]:
        if "names" in want:
            reason = skipped.filter(pl.col("row") == want["row"]).get_column("reason").item()
            assert f"“{want['names']}”" in reason
    assert report.rows_kept == datasets[name].records.select(Column.SOURCE_SHEET, Column.SOURCE_ROW).n_unique()


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "nil_marks" in e))
def test_the_report_says_what_each_nil_mark_meant(datasets, name):
    summary = check_summary(datasets[name])
    (sheet,) = [s for f in summary["files"] for s in f["sheets"] if s["layout"] != "rates"]
    assert sheet["nil_marks"] == EXPECTED[name]["nil_marks"]
    for mark in EXPECTED[name]["nil_marks"]:
        assert any(f"tanda “{mark}”" in w for w in datasets[name].report.warning_texts())


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "hs_padded" in e))
def test_hs_codes_that_lost_their_zero_are_reported(datasets, name):
    notes = [w for w in datasets[name].report.warning_texts() if "kehilangan 0" in w]
    assert len(notes) == 1
    assert f"{EXPECTED[name]['hs_padded']} kode HS" in notes[0]


def test_converted_values_say_their_currency_and_rate(datasets):
    dataset = datasets["cells_register_mata_uang.xlsx"]
    sheets = {s["sheet"]: s for f in check_summary(dataset)["files"] for s in f["sheets"]}
    assert sheets["Register 2021-2022"]["currencies"] == EXPECTED["cells_register_mata_uang.xlsx"]["currencies"]
    assert sheets["Kurs"]["layout"] == "rates"
    notes = [w for w in dataset.report.warning_texts() if "dikonversi ke USD" in w]
    assert sorted(notes) == sorted([
        "2 baris dalam EUR tahun 2021 dikonversi ke USD dengan kurs 1 EUR = 1,18 USD.",
        "1 baris dalam EUR tahun 2022 dikonversi ke USD dengan kurs 1 EUR = 1,05 USD.",
        "2 baris dalam JPY tahun 2021 dikonversi ke USD dengan kurs 1 JPY = 0,0091 USD.",
    ])
    # No dollar figure is a sum of yen and euros: every record not in USD carries its rate.
    records = dataset.records
    assert records.filter(pl.col(Column.CURRENCY).is_not_null() & pl.col(Column.FX_RATE).is_null()).is_empty()


def test_rates_the_official_types_convert_the_rows_that_had_none():
    expected = EXPECTED["cells_yen_euro.xlsx"]
    rates = {(int(year), code): rate for year, codes in expected["typed_rates"].items() for code, rate in codes.items()}
    dataset = load_paths([DATA / "cells_yen_euro.xlsx"], rates=typed_rates(rates))
    assert dataset.report.rejected.is_empty()
    assert_records(dataset.records, expected["records_with_typed_rates"])


def test_a_kurs_sheet_in_its_own_file_converts_the_other_files_rows():
    """The rates may come in a file of their own: a register in yen and euros plus its Kurs file."""
    both = load_paths([DATA / "cells_register_mata_uang.xlsx", DATA / "cells_yen_euro.xlsx"])
    # The register's Kurs sheet carries a 2021 yen rate, so the yen workbook's rows convert with it too.
    yen = both.records.filter(pl.col(Column.SOURCE_SHEET).cast(pl.String) == "Ekspor JPY")
    assert yen.height == 2
    assert yen.get_column(Column.FX_RATE).to_list() == [pytest.approx(0.0091), pytest.approx(0.0091)]


def test_a_kurs_file_of_its_own_converts_the_rupiah_cells():
    expected = EXPECTED["cells_eska_export.csv"]
    dataset = load_paths([DATA / "cells_eska_export.csv", DATA / expected["kurs_file"]])
    assert dataset.report.rejected.is_empty()
    assert_records(dataset.records, expected["records_with_kurs_file"])
    sheets = [s for f in check_summary(dataset)["files"] for s in f["sheets"]]
    assert [s["layout"] for s in sheets] == ["long", "rates"]


@pytest.mark.parametrize("name", ["cells_tahun_bulan.csv", "cells_bab_hs_tahunan.xlsx"])
def test_the_report_says_which_years_are_marked(datasets, name):
    words = {"provisional": "angka sementara", "very_provisional": "angka sangat sementara",
             "revised": "angka perbaikan"}
    marked = {(r["year"], r["year_mark"]) for r in EXPECTED[name]["records"] if r["year_mark"]}
    notes = [w for w in datasets[name].report.warning_texts() if "bertanda" in w]
    assert len(notes) == len(marked)
    for year, mark in marked:
        assert any(f"tahun {year} bertanda {words[mark]}:" in w for w in notes), (year, mark)


def test_cells_in_another_currency_than_their_column_are_reported(datasets):
    notes = [w for w in datasets["cells_eska_export.csv"].report.warning_texts() if "mata uangnya sendiri" in w]
    # "US$ 12.500,00" in a dollar column says nothing new; "Rp 1.250.000" does.
    assert len(notes) == 1 and "1 sel nilai" in notes[0] and "(IDR)" in notes[0]


def test_a_kurs_sheet_with_years_across_is_rates_not_exports(datasets):
    sheets = {s["sheet"]: s["layout"] for f in check_summary(datasets["cells_kurs_lebar.xlsx"])["files"]
              for s in f["sheets"]}
    assert sheets == {"Data": "long", "Kurs": "rates"}
    assert "EUR" not in datasets["cells_kurs_lebar.xlsx"].records.get_column(Column.COMMODITY).cast(pl.String)
