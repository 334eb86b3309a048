"""The reading plan (issue 15): inferred by the reader, accepted by it, written as JSON and read back, kept by the
store, used by the command line; a plan that no longer fits its file says so instead of failing."""

from __future__ import annotations

import json
from dataclasses import replace

import plan_files as pf
import polars as pl
import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pekalongan import cli
from pekalongan import plan as rp
from pekalongan.ingest import load
from pekalongan.store import Store

SUFFIXES = (".xlsx", ".xls", ".ods", ".csv", ".txt")
FILES = sorted(p for p in [*DATA.iterdir(), *(DATA / "layouts").iterdir(), *(DATA / "fuzz_corpus").iterdir()]
               if p.suffix in SUFFIXES)


def by_year(dataset) -> dict[int, float]:
    if dataset.records.is_empty():
        return {}
    return dict(dataset.records.group_by("year").agg(pl.col("value_usd").sum()).sort("year").iter_rows())


def same_reading(a, b) -> None:
    assert a.records.equals(b.records)
    assert a.targets.equals(b.targets)
    assert a.report.rows.equals(b.report.rows)
    assert a.report.warnings == b.report.warnings
    assert [f.as_dict() for f in a.report.files] == [f.as_dict() for f in b.report.files]


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FILES), min_size=1, max_size=3, unique=True))
def test_reading_with_the_inferred_plan_gives_the_same_records(paths):
    files = [(p.name, p.read_bytes()) for p in paths]
    plain = load(files)
    plan = rp.from_json(rp.to_json(plain.plan))  # through its JSON form, as a person would keep it
    assert plan == plain.plan
    planned = load(files, plan=plan)
    same_reading(plain, planned)
    assert planned.plan == plain.plan


def test_every_file_of_the_test_data_reads_the_same_with_its_plan():
    """The property over each file once (hypothesis draws sets of them above)."""
    assert len(FILES) > 50
    for path in FILES:
        files = [(path.name, path.read_bytes())]
        plain = load(files)
        same_reading(plain, load(files, plan=rp.from_json(rp.to_json(plain.plan))))
        assert rp.doubts(plain.plan, plain.records) == [], path.name  # no false alarm on Ringkasan


def _fixed(name: str, data: bytes, edit) -> tuple:
    plain = load([(name, data)])
    plan = rp.from_json(rp.to_json(edit(plain.plan)))
    return plain, load([(name, data)], plan=plan)


def _column(plan, file, sheet, index, **changes):
    s = next(s for s in plan.file(file).sheets if s.sheet == sheet)
    column = next(c for c in s.columns if c.index == index)
    return rp.with_column(plan, file, sheet, replace(column, **changes))


def test_a_plan_sets_the_header_row():
    plain, fixed = _fixed("h.xlsx", pf.make_wrong_header(),
                          lambda p: rp.with_sheet(p, "h.xlsx", "SKA 2024", header_rows=(3,), columns=()))
    assert by_year(plain) == {}
    assert by_year(fixed) == pf.HEADER_TOTAL
    assert fixed.records.height == 3
    [sheet] = fixed.plan.file("h.xlsx").sheets
    assert sheet.header_rows == (3,) and sheet.first_row == 4
    assert [c.role for c in sheet.columns] == ["ignored", "exporter", "destination", "commodity", "value"]


def test_a_plan_sets_roles_units_and_currencies():
    plain, fixed = _fixed("w.xlsx", pf.make_weight_as_value(), lambda p: _column(
        _column(p, "w.xlsx", "Realisasi 2023", 2, role="weight", unit="ton", currency=None),
        "w.xlsx", "Realisasi 2023", 3, role="value", unit="satuan", currency="USD"))
    assert by_year(plain) == {2023: 550.0}
    assert by_year(fixed) == pf.WEIGHT_TOTAL
    assert fixed.records.get_column("weight_kg").to_list() == [300_000.0, 250_000.0]
    # The report names the columns as the file writes them, not as the plan relabelled them.
    assert fixed.report.files[0].sheets[0].columns["Realisasi (Kg)"] == "weight_kg"
    plain, fixed = _fixed("c.xlsx", pf.make_unknown_currency(),
                          lambda p: _column(p, "c.xlsx", "Ekspor India", 3, currency="INR"))
    assert by_year(plain) == pf.RUPEE_AS_USD and by_year(fixed) == pf.RUPEE_TOTAL
    assert fixed.records.get_column("currency").cast(pl.String).to_list() == ["INR", "INR"]
    plain, fixed = _fixed("w.xlsx", pf.make_weight_as_value(), lambda p: _column(
        p, "w.xlsx", "Realisasi 2023", 2, role="ignored", unit=None, currency=None))
    assert by_year(fixed) == {}  # no value column left: nothing counted, no exception


def test_a_plan_leaves_a_sheet_out_and_reading_with_its_own_plan_again_changes_nothing():
    plain, fixed = _fixed("s.xlsx", pf.make_summary_sheet(), lambda p: rp.with_sheet(p, "s.xlsx", "Rekap", used=False))
    assert by_year(plain) == {2024: 4000.0} and by_year(fixed) == pf.SUMMARY_TOTAL
    rekap = next(s for s in fixed.plan.file("s.xlsx").sheets if s.sheet == "Rekap")
    assert not rekap.used and rekap.header_rows == (2,)  # kept as read, so the app can put it back
    again = load([("s.xlsx", pf.make_summary_sheet())], plan=fixed.plan)
    same_reading(fixed, again)


def test_a_plan_that_does_not_fit_says_so():
    data = pf.make_weight_as_value()
    plain = load([("w.xlsx", data)])
    sheet = plain.plan.file("w.xlsx").sheets[0]
    ghost = rp.ColumnPlan(9, "Berat Kotor", "weight", "kg")
    plan = rp.with_sheet(plain.plan, "w.xlsx", "Realisasi 2023", columns=(*sheet.columns, ghost))
    plan = replace(plan, files=(replace(plan.files[0], sheets=(*plan.files[0].sheets, rp.SheetPlan("Lama"))),))
    plan = rp.with_sheet(plan, "w.xlsx", "Realisasi 2023", header_rows=(60,))
    read = load([("w.xlsx", data)], plan=plan)
    assert by_year(read) == by_year(plain)  # the rest of the plan still applies
    warnings = "\n".join(read.report.warning_texts())
    assert "“Berat Kotor” dalam rencana pembacaan tidak ada lagi" in warnings
    assert "lembar “Lama” di “w.xlsx”, tetapi lembar itu tidak ada lagi" in warnings
    assert "Baris 60 di “w.xlsx”, lembar “Realisasi 2023”, tidak bisa dipakai sebagai judul kolom" in warnings


def test_the_overlap_choice_is_part_of_the_plan():
    files = [(n, (DATA / "layouts" / n).read_bytes()) for n in ("overlap_ska_2023.xlsx", "overlap_bps_komoditi.xlsx")]
    plain = load(files)
    assert plain.plan.overlap  # the reader chose a file for the year both cover
    [(year, chosen)] = plain.plan.overlap.items()
    other = next(n for n, _ in files if n != chosen)
    moved = load(files, plan=replace(plain.plan, overlap={year: other}))
    assert moved.plan.overlap == {year: other}
    assert set(moved.records.get_column("source_file").cast(pl.String).unique()) >= {other}
    every = load(files, plan=replace(plain.plan, count_all=True, overlap={}))
    assert every.records.height == sum(load([f]).records.height for f in files)


def test_json_is_short_documented_and_refuses_what_is_not_a_plan():
    plan = load([("s.xlsx", pf.make_summary_sheet())]).plan
    text = rp.to_json(plan)
    assert '{"index": 1, "header": "Eksportir", "role": "exporter"}' in text  # one line per column
    assert json.loads(text)["version"] == rp.PLAN_VERSION
    for bad in ("[]", "{", '{"files": [{"sheets": []}]}',
                '{"files": [{"file": "a", "sheets": [{"sheet": "x", "columns": [{"index": 0, "role": "harga"}]}]}]}'):
        with pytest.raises(rp.PekalonganError) as err:
            rp.from_json(bad)
        assert err.value.code == "plan.invalid"


def test_the_store_keeps_the_plan_and_opens_datasets_saved_before_plans(tmp_path):
    store = Store(tmp_path / "store")
    _, fixed = _fixed("s.xlsx", pf.make_summary_sheet(), lambda p: rp.with_sheet(p, "s.xlsx", "Rekap", used=False))
    fixed = replace(fixed, plan=replace(fixed.plan, corrections=({"what": "sheet|s.xlsx|Rekap", "code": "x"},)))
    saved = store.save(fixed)
    opened = store.open(saved.token).dataset
    assert opened.plan == fixed.plan and by_year(opened) == pf.SUMMARY_TOTAL
    # A manifest written before plans has no key: the dataset opens, with no plan.
    manifest = next((tmp_path / "store" / "datasets").glob("*/versions/1.json"))
    meta = json.loads(manifest.read_text())
    del meta["reading_plan"]
    manifest.write_text(json.dumps(meta))
    assert store.open(saved.token).dataset.plan is None


def test_the_command_line_writes_and_reads_a_plan(tmp_path, capsys):
    path = tmp_path / "w.xlsx"
    path.write_bytes(pf.make_weight_as_value())
    out = tmp_path / "plan.json"
    assert cli.main(["check", str(path), "--plan-out", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["by_year"] == {"2023": 550.0}
    plan = rp.from_json(out.read_text())
    plan = _column(_column(plan, "w.xlsx", "Realisasi 2023", 2, role="weight", unit="kg", currency=None),
                   "w.xlsx", "Realisasi 2023", 3, role="value", unit="satuan", currency="USD")
    out.write_text(rp.to_json(plan))
    assert cli.main(["check", str(path), "--plan", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["by_year"] == {"2023": 7500.0}
    assert cli.main(["summary", str(path), "--plan", str(out), "--json"]) == 0
    assert "7500" in capsys.readouterr().out.replace(".", "").replace(",", "")
    assert cli.main(["check", str(path), "--plan", str(tmp_path / "none.json")]) == 2


def test_ringkasan_doubts_each_misreading_it_can_tell():
    cases = {"w.xlsx": (pf.make_weight_as_value(), "doubt.value_or_weight"),
             "c.xlsx": (pf.make_unknown_currency(), "doubt.unknown_currency"),
             "s.xlsx": (pf.make_summary_sheet(), "doubt.summary_sheet")}
    for name, (data, code) in cases.items():
        read = load([(name, data)])
        assert [d.code for d in rp.doubts(read.plan, read.records)] == [code]
    [doubt] = rp.doubts(*(lambda d: (d.plan, d.records))(load([("c.xlsx", pf.make_unknown_currency())])))
    assert doubt.render("en") == ("Column “Nilai (Rs)” of “c.xlsx”, sheet “Ekspor India”, writes “Rs”, which is not "
                                  "a known currency: read as USD.")


def test_a_new_version_appended_to_a_corrected_link_keeps_the_correction(tmp_path):
    from pekalongan.publish import draft
    from pekalongan.store import APPEND

    store = Store(tmp_path / "store")
    data = pf.make_summary_sheet()
    _, fixed = _fixed("s.xlsx", data, lambda p: rp.with_sheet(p, "s.xlsx", "Rekap", used=False))
    saved = store.save(fixed, [("s.xlsx", data)])
    more = (DATA / "ska_2021_semicolon_id.csv").read_bytes()
    ready = draft(store, saved.token, [("ska_2021_semicolon_id.csv", more)], APPEND)
    assert by_year(ready.dataset)[2024] == pf.SUMMARY_TOTAL[2024]
    assert by_year(ready.dataset)[2021] == by_year(load([("ska_2021_semicolon_id.csv", more)]))[2021]


def test_the_readme_example_is_a_plan():
    from conftest import ROOT

    text = (ROOT / "README.md").read_text()
    example = text.split("## The reading plan", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    plan = rp.from_json(example)
    [sheet, rekap] = plan.file("realisasi.xlsx").sheets
    assert [c.role for c in sheet.columns] == ["exporter", "destination", "weight", "value"] and not rekap.used
    assert plan.overlap == {2023: "realisasi.xlsx"}


def test_a_unit_changed_in_a_wide_table():
    """Years across: each year's column has its own unit. Months across: the unit is the table's, in its title."""
    for name, unit, ratio in (("bps_wide_komoditi.xlsx", "ribu", None), ("tahun_atas_bulan.xlsx", "juta", 1000.0)):
        path = DATA / name if (DATA / name).exists() else DATA / "layouts" / name
        data = path.read_bytes()
        plain = load([(name, data)])
        sheet = plain.plan.files[0].sheets[0]
        first = next(c for c in sheet.columns if c.role == "value")
        fixed = load([(name, data)], plan=rp.with_column(plain.plan, name, sheet.sheet, replace(first, unit=unit)))
        assert fixed.records.height == plain.records.height
        if ratio is not None:
            assert fixed.records.get_column("value_usd").sum() == pytest.approx(
                plain.records.get_column("value_usd").sum() * ratio, rel=1e-12)
            assert {c.unit for c in fixed.plan.files[0].sheets[0].columns if c.role == "value"} == {unit}
        else:  # 2019 in thousands instead of millions; the other years as they were
            year = int(first.header)
            before = plain.records.group_by("year").agg(pl.col("value_usd").sum())
            after = fixed.records.group_by("year").agg(pl.col("value_usd").sum())
            joined = before.join(after, on="year", suffix="_fixed").sort("year")
            for y, b, a in joined.iter_rows():
                assert a == pytest.approx(b / 1000 if y == year else b, rel=1e-12)


def test_a_table_the_reader_found_no_header_in_is_read_from_the_rows_the_plan_gives():
    data = b"Daftar ekspor 2024\nPT;Ke;Jumlah\nPT A;Jepang;100\nPT B;Malaysia;50\n"
    plain = load([("y.csv", data)])
    assert plain.report.errors and plain.plan.file("y.csv").sheets == (rp.SheetPlan(None, used=False),)
    header = load([("y.csv", data)], plan=rp.with_sheet(plain.plan, "y.csv", None, used=True, header_rows=(2,)))
    assert header.report.errors  # a header now, but no column the reader knows: the columns, to be given roles
    [sheet] = header.plan.file("y.csv").sheets
    assert [(c.header, c.role) for c in sheet.columns] == [("PT", "ignored"), ("Ke", "ignored"), ("Jumlah", "ignored")]
    roles = (replace(sheet.columns[0], role="exporter"), replace(sheet.columns[1], role="destination"),
             replace(sheet.columns[2], role="value", unit="satuan", currency="USD"))
    fixed = load([("y.csv", data)], plan=rp.with_sheet(header.plan, "y.csv", None, columns=roles))
    assert not fixed.report.errors
    assert fixed.records.select("year", "exporter", "value_usd").rows() == [(2024, "PT A", 100.0), (2024, "PT B", 50.0)]
    assert [c.role for c in fixed.plan.file("y.csv").sheets[0].columns] == ["exporter", "destination", "value"]
    assert [c.header for c in fixed.plan.file("y.csv").sheets[0].columns] == ["PT", "Ke", "Jumlah"]
    half = load([("y.csv", data)], plan=rp.with_sheet(header.plan, "y.csv", None, columns=(*roles[:2], sheet.columns[2])))
    assert half.report.errors  # no value column yet: the choices so far stay in the plan
    assert [c.role for c in half.plan.file("y.csv").sheets[0].columns] == ["exporter", "destination", "ignored"]
    w_plain, w_fixed = _fixed("w.xlsx", pf.make_weight_as_value(), lambda p: _column(
        _column(p, "w.xlsx", "Realisasi 2023", 2, role="weight", unit="kg", currency=None),
        "w.xlsx", "Realisasi 2023", 3, role="value", unit="satuan", currency="USD"))
    assert [(c.header, c.role) for c in w_fixed.plan.files[0].sheets[0].columns][2:] == [
        ("Realisasi (Kg)", "weight"), ("Realisasi (US$)", "value")]
