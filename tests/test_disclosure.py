"""The public view protects every exporter's figures: an audit by linear programming of everything it shows.

For several datasets (the sample, a year of two exporters, a dominant exporter, many small exporters; the last
three written as SKA registers by xlsxwriter and read by the app's own reader), the test builds the public
dataset the app serves, gathers every number the public view can show (every page's figures under every filter
of one key or none per dimension and every single year or the full range, and pairs of keys, plus the numbers
in the public downloads), checks each against the truth computed here from the records, and then, with its own
variables and its own p% rule, asks scipy's HiGHS for the least and greatest value of every sensitive cell of
every table a viewer could aim at (the full year x commodity x destination x exporter type cube and its
margins, and the months; and every sum of a line's suppressed cells that its published total gives away)
consistent with all those numbers. Each must be free to move by its protection both ways. A figure under a filter of several keys or several years is a sum of figures under one key or one year
(checked below), so it tells a viewer nothing the single-key figures do not.
"""

from __future__ import annotations

import csv
import io
import itertools
import random
from datetime import date

import numpy as np
import polars as pl
import pytest
import xlsxwriter
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from pekalongan import export, public
from pekalongan.confidential import public_dataset
from pekalongan.filters import Filters
from pekalongan.ingest import load, load_sample

P = 0.10
MIN = 3
DIMS = ("commodity", "destination", "exporter_type")
TYPE_WORDS = {"umkm": "UMKM", "established": "Besar", "new": "Eksportir Baru"}


# --- Datasets, written as an office's SKA register ---------------------------------------------------------------


def register(rows: list[tuple[date, str, str, str, str, float]]) -> bytes:
    """(date, exporter, type, commodity, destination, value) rows -> an SKA register workbook (title rows, header)."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet("SKA")
    ws.write(0, 0, "REKAPITULASI SKA KOTA PEKALONGAN")
    ws.write(1, 0, "Dinas Perdagangan, Koperasi dan UKM")
    header = ["No", "Tanggal", "Nama Perusahaan", "Jenis Eksportir", "Komoditi", "Negara Tujuan", "Nilai FOB (US$)"]
    for c, h in enumerate(header):
        ws.write(3, c, h)
    dates = wb.add_format({"num_format": "dd/mm/yyyy"})
    for r, (day, who, kind, what, where, value) in enumerate(rows, start=4):
        ws.write_number(r, 0, r - 3)
        ws.write_datetime(r, 1, day, dates)
        for c, text in enumerate((who, TYPE_WORDS[kind], what, where), start=2):
            ws.write_string(r, c, text)
        ws.write_number(r, 6, value)
    wb.close()
    return buffer.getvalue()


def two_exporters() -> list:
    rng = random.Random(2)
    rows = []
    for year in (2021, 2022):
        for i in range(7):
            for month in (2, 6, 10):
                rows.append((date(year, month, 3 + i), f"PT Batik {i}", ("umkm", "established")[i % 2],
                             ("Sarung Batik", "Kain Batik")[i % 2], ("Singapura", "Malaysia", "Jepang")[i % 3],
                             round(rng.uniform(5e3, 4e4), 2)))
    for month, who in ((3, "PT Dua Satu"), (8, "PT Dua Dua"), (11, "PT Dua Satu")):  # 2023: two exporters only
        rows.append((date(2023, month, 9), who, "established", "Surimi", "Jepang", round(rng.uniform(2e4, 9e4), 2)))
    return rows


def dominant() -> list:
    rng = random.Random(3)
    rows = []
    for year in (2021, 2022):
        for i in range(6):
            for month in (1, 5, 9):
                rows.append((date(year, month, 2 + i), f"CV Kecil {i}", "umkm", ("Kain Batik", "Surimi")[i % 2],
                             ("Singapura", "Malaysia")[i % 2], round(rng.uniform(1e3, 5e3), 2)))
        for month in (2, 7, 12):  # one firm is ~94% of the year and of Surimi
            rows.append((date(year, month, 20), "PT Raksasa Samudra", "established", "Surimi", "Singapura",
                         round(rng.uniform(3e5, 4e5), 2)))
    return rows


def many_small() -> list:
    rng = random.Random(4)
    goods = ["Sarung Batik", "Kain Batik", "Surimi", "Kerupuk Ikan", "Tenun ATBM"]
    places = ["Singapura", "Malaysia", "Jepang", "Korea Selatan", "Amerika Serikat"]
    rows = []
    for year in (2021, 2022):
        for i in range(30):
            for _ in range(2):
                rows.append((date(year, rng.randint(1, 12), rng.randint(1, 28)), f"UD Perajin {i}",
                             ("umkm", "new")[i % 5 == 0], rng.choice(goods), rng.choice(places),
                             round(rng.uniform(1e3, 9e3), 2)))
    return rows


def dataset(name: str):
    if name == "sample":
        return load_sample()
    rows = {"two_exporters": two_exporters, "dominant": dominant, "many_small": many_small}[name]()
    return load([(f"{name}.xlsx", register(rows))])


# --- The truth, and the test's own variables ---------------------------------------------------------------------


def text_keys(records: pl.DataFrame) -> pl.DataFrame:
    return records.select(
        "year", "month", *[pl.col(d).cast(pl.String) for d in DIMS],
        pl.col("exporter").cast(pl.String).fill_null("?"), pl.col("value_usd").fill_null(0.0),
    )


class Model:
    """Unknowns: the non-empty cube cells (year, commodity, destination, type) and the (year, month) cells, tied
    by each year's total; a shown figure is one equation over them."""

    def __init__(self, records: pl.DataFrame) -> None:
        self.records = text_keys(records)
        cube = self.records.group_by("year", *DIMS).agg(pl.col("value_usd").sum()).sort("year", *DIMS, nulls_last=True)
        months = self.records.group_by("year", "month").agg(pl.col("value_usd").sum()).sort("year", "month")
        self.cube = list(cube.select("year", *DIMS).iter_rows())
        self.months = list(months.select("year", "month").iter_rows())
        self.truth = np.concatenate([cube["value_usd"].to_numpy(), months["value_usd"].to_numpy()])
        self.rows: dict[tuple, float] = {}  # equation (indices of the unknowns) -> the value shown

    def cube_row(self, years, chosen: dict) -> tuple:
        return tuple(i for i, (y, *keys) in enumerate(self.cube)
                     if y in years and all(chosen.get(d) is None or k in chosen[d] for d, k in zip(DIMS, keys)))

    def month_row(self, cells) -> tuple:
        n = len(self.cube)
        return tuple(n + i for i, cell in enumerate(self.months) if cell in cells)

    def shown(self, row: tuple, value: float | None) -> None:
        """A number the public view showed: it must be the truth, and it becomes an equation."""
        if value is None:
            return
        truth = float(self.truth[list(row)].sum()) if row else 0.0
        assert value == pytest.approx(truth, rel=1e-9, abs=1e-6), (row, value, truth)
        self.rows[row] = value

    def system(self) -> tuple[csr_matrix, np.ndarray]:
        """Every equation shown, and each year's months = its cube cells."""
        n = self.truth.size
        lines, b = [list(eq) for eq in self.rows], list(self.rows.values())
        for year in sorted({y for y, *_ in self.cube} | {y for y, _ in self.months}):
            lines.append(([i for i, c in enumerate(self.cube) if c[0] == year],
                          [len(self.cube) + i for i, c in enumerate(self.months) if c[0] == year]))
            b.append(0.0)
        rows, cols, vals = [], [], []
        for r, line in enumerate(lines):
            if isinstance(line, tuple):
                minus, plus = line
                rows += [r] * (len(minus) + len(plus))
                cols += minus + plus
                vals += [-1.0] * len(minus) + [1.0] * len(plus)
            else:
                rows += [r] * len(line)
                cols += line
                vals += [1.0] * len(line)
        return csr_matrix((vals, (rows, cols)), shape=(len(lines), n)), np.array(b)

    def interval(self, row: tuple, system: tuple[csr_matrix, np.ndarray]) -> tuple[float, float]:
        """The least and greatest value of the unknowns in `row` consistent with everything shown."""
        a, b = system
        objective = np.zeros(self.truth.size)
        objective[list(row)] = 1.0
        bounds = [(min(0.0, v), None) for v in self.truth]
        low = linprog(objective, A_eq=a, b_eq=b, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=a, b_eq=b, bounds=bounds, method="highs")
        assert low.status == 0 and high.status in (0, 3)
        return low.fun, (np.inf if high.status == 3 else -high.fun)


def protection(contributions: list[float]) -> float:
    """The test's own p% and threshold rule: how far a cell must stay undetermined (0: safe)."""
    xs = sorted(contributions, reverse=True)
    x1, x2, total = xs[0], (xs[1] if len(xs) > 1 else 0.0), sum(xs)
    need = max(P * x1 - (total - x1 - x2), 0.0)
    return max(need, P * total) if len(xs) < MIN else need


def sensitive_cells(model: Model):
    """Every sensitive cell of every margin of the cube and of the months: (name, equation, value, protection)."""
    recs = model.records
    for size in range(len(DIMS) + 1):
        for dims in itertools.combinations(DIMS, size):
            per = recs.group_by("year", *dims, "exporter").agg(pl.col("value_usd").sum())
            for key, group in per.group_by("year", *dims):
                need = protection(group["value_usd"].to_list())
                if need > 0:
                    chosen = {d: {k} for d, k in zip(dims, key[1:])}
                    yield (dims, key), model.cube_row({key[0]}, chosen), float(group["value_usd"].sum()), need
    per = recs.group_by("year", "month", "exporter").agg(pl.col("value_usd").sum())
    for key, group in per.group_by("year", "month"):
        need = protection(group["value_usd"].to_list())
        if need > 0:
            yield ("month", key), model.month_row({key}), float(group["value_usd"].sum()), need


def sensitive_rests(model: Model, p):
    """For every line of a published table (cells equal but in one key) whose total is published: the sum of its
    suppressed cells, when that sum is itself sensitive (total minus published cells would give it away)."""
    recs = model.records
    for dims, cells in p.tables.items():
        names = ("month",) if dims == ("month",) else dims
        for free in range(len(names)):
            rest = names[:free] + names[free + 1:]
            margin = p.table(rest) if rest else p.table(())
            lines: dict[tuple, list] = {}
            for key, cell in cells.items():
                lines.setdefault((key[0], *key[1:][:free], *key[1:][free + 1:]), []).append((key[1:][free], cell))
            for line, members in lines.items():
                hidden = {k for k, c in members if c.value is None}
                total = margin.get(line)
                if total is None or total.value is None or len(hidden) < 2 or len(hidden) == len(members):
                    continue
                chosen = {**{d: {k} for d, k in zip(rest, line[1:])}, names[free]: hidden}
                part = recs.filter(pl.col("year") == line[0])
                for d, keys in chosen.items():
                    part = part.filter(pl.col(d).is_in([k for k in keys if k is not None]) |
                                       (pl.col(d).is_null() & (None in keys)))
                per = part.group_by("exporter").agg(pl.col("value_usd").sum())["value_usd"].to_list()
                need = protection(per)
                if need > 0:
                    row = (model.month_row({(line[0], m) for m in hidden}) if dims == ("month",)
                           else model.cube_row({line[0]}, chosen))
                    yield ("rest", dims, line, tuple(sorted(map(str, hidden)))), row, float(sum(per)), need


# --- Everything the public view shows -------------------------------------------------------------------------


def filter_choices(p, years: tuple[int, ...]):
    """Single keys and one pair per dimension, every single year and the full range."""
    keys = {d: sorted({k[1] for k in p.table((d,))}, key=str) for d in DIMS}
    per_dim = {d: [()] + [(k,) for k in keys[d] if k is not None] + ([tuple(keys[d][:2])] if len(keys[d]) > 2 else [])
               for d in DIMS}
    spans = [(None, None)] + [(y, y) for y in years]
    for (start, end), c, d, t in itertools.product(spans, per_dim[DIMS[0]], per_dim[DIMS[1]], per_dim[DIMS[2]]):
        yield Filters(year_from=start, year_to=end, commodities=c, destinations=d, exporter_types=t)


def gather(model: Model, p, filters: Filters) -> set[float]:
    """Every number of every public page under these filters, as equations; returns the values shown."""
    sel = public.selection(p, filters)
    chosen = {d: sel.of(d) for d in DIMS}
    values = set()
    for by in (None, *DIMS):
        found = public.series(p, sel, by)
        for key, per_year in (found or {}).items():
            for year, value in per_year.items():
                pick = dict(chosen) if by is None else {**chosen, by: {key}}
                model.shown(model.cube_row({year}, pick), value)
                values.add(None if value is None else round(value, 2))
        ranking = public.ranking(p, sel, by, "id") if by else None
        if ranking is not None:  # the ranking's figures over the years are sums of the yearly ones
            for key, _, value in ranking.rows:
                assert value == pytest.approx(sum(found[key].values()))
    grid = public.matrix(p, sel)
    for (c, d), value in (grid or {}).items():
        model.shown(model.cube_row(set(sel.years), {**chosen, "commodity": {c}, "destination": {d}}), value)
    for cell, value in (public.months(p, sel) or {}).items():
        model.shown(model.month_row({cell}), value)
        values.add(None if value is None else round(value, 2))
    cum = public.cumulative(p, sel)
    if cum is not None:
        year, through, current, previous = cum
        model.shown(model.month_row({(year, m) for m in range(1, through + 1)}), current)
        model.shown(model.month_row({(year - 1, m) for m in range(1, through + 1)}), previous)
    return values


def download_numbers(p, filters: Filters) -> list[float]:
    """Every number in the public CSV and Satu Data files for these filters."""
    sel = public.selection(p, filters)
    numbers = []
    table = list(csv.DictReader(io.StringIO(export.public_csv(p, sel, "en", ",").decode("utf-8-sig"))))
    numbers += [float(r["value_usd"]) for r in table if r["value_usd"]]
    satu = list(csv.DictReader(io.StringIO(export.public_satu_data_csv(p, sel).decode())))
    numbers += [float(r["nilai_ekspor"]) for r in satu if r["nilai_ekspor"]]
    for r in table:
        assert set(r) == {"table", "year", "commodity", "destination", "exporter_type", "month", "value_usd",
                          "exporters", "note"}
    return numbers


@pytest.mark.parametrize("name", ["sample", "two_exporters", "dominant", "many_small"])
def test_every_sensitive_cell_stays_undetermined_by_its_protection(name):
    full = dataset(name)
    served = public_dataset(full)
    p = served.protection
    assert served.files == [] and served.records["value_usd"].null_count() == served.records.height
    assert served.records["exporter"].null_count() == served.records.height
    model = Model(full.records)
    shown: set = set()
    for filters in filter_choices(p, p.years):
        shown |= gather(model, p, filters)
    for filters in (Filters(), *[Filters(year_from=y, year_to=y) for y in p.years]):
        for number in download_numbers(p, filters):
            assert round(number, 2) in shown or any(abs(number - s) < 0.011 for s in shown if s is not None), number
    checked, failures = 0, []
    system = model.system()
    for name_, row, value, need in itertools.chain(sensitive_cells(model), sensitive_rests(model, p)):
        low, high = model.interval(row, system)
        checked += 1
        tolerance = 1e-6 * max(value, 1.0)
        if not (low <= value - need + tolerance and high >= value + need - tolerance):
            failures.append((name_, value, need, low, high))
    assert checked > 0
    assert not failures, failures[:5]


def test_the_samples_public_view_keeps_its_yearly_totals_and_names_the_leaders():
    full = load_sample()
    p = public_dataset(full).protection
    sel = public.selection(p, Filters())
    yearly = dict(full.records.group_by("year").agg(pl.col("value_usd").sum()).iter_rows())
    assert public.totals(p, sel) == pytest.approx(yearly)
    last = Filters(year_from=max(p.years), year_to=max(p.years))
    commodities = public.ranking(p, public.selection(p, last), "commodity")
    destinations = public.ranking(p, public.selection(p, last), "destination")
    truth = full.records.filter(pl.col("year") == max(p.years))
    leader = lambda col: truth.group_by(col).agg(pl.col("value_usd").sum()).sort("value_usd")[col].cast(pl.String)[-1]  # noqa: E731
    assert commodities.rows[0][0] == leader("commodity")
    assert destinations.rows[0][0] == leader("destination")
    sentence = public.narrative(p, public.selection(p, Filters()), {}, "id")
    assert "rahasia" not in sentence and leader("commodity").lower() in sentence


def test_a_year_of_two_exporters_is_confidential_and_the_filter_on_umkm_shows_its_figures():
    p = public_dataset(dataset("two_exporters")).protection
    sel = public.selection(p, Filters())
    assert public.totals(p, sel)[2023] is None
    assert "rahasia" in public.narrative(p, sel, {}, "id")
    umkm = public.selection(p, Filters(exporter_types=("umkm",)))
    assert public.totals(p, umkm)[2021] is not None  # four UMKM exporters that year


def test_the_public_view_ignores_an_exporter_filter():
    p = public_dataset(dataset("dominant")).protection
    everyone = public.totals(p, public.selection(p, Filters()))
    named = public.totals(p, public.selection(p, Filters(exporters=("PT Raksasa Samudra",))))
    assert named == everyone


# --- The public view's pages (AppTest) ---------------------------------------------------------------------------


def every_text(at) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "text") for e in getattr(at, kind)]
    parts += [m.label + " " + m.value for m in at.metric]
    parts += [str(df.value) for df in at.dataframe]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_public_page_draws_protected_tables_only(lang):
    from conftest import APP
    from streamlit.testing.v1 import AppTest

    from pekalongan.store import configured_store

    sample = load_sample()
    saved = configured_store().save(sample)
    names = set(sample.records["exporter"].drop_nulls().cast(pl.String))
    pages = ("ringkasan", "komoditi", "negara", "eksportir", "bulanan", "kualitas", "tentang")
    for page in pages:
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params["data"] = saved.public_token
        at.query_params["eksportir"] = sorted(names)[0]  # never taken by a public view
        at.run()
        if lang == "en":
            at.sidebar.segmented_control(key="bahasa").set_value("en").run()
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, (page, at.exception)
        text = every_text(at)
        assert not any(name in text for name in names), page
        assert "Lainnya (dirahasiakan)" not in text and "Eksportir 1" not in text, page
        assert "eksportir" not in at.query_params, page
        if page == "ringkasan":
            label = "Nilai ekspor 2022" if lang == "id" else "Exports 2022"
            assert {m.label: m.value for m in at.metric}[label] == ("19,64 juta USD" if lang == "id"
                                                                     else "19.64 million USD")
        if page == "tentang":
            assert ("p% rule" if lang == "en" else "aturan p%") in text


def test_the_public_link_shown_to_the_uploader_carries_no_exporter_filter():
    from conftest import APP, DATA
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=120).run()
    at.file_uploader[0].upload("ska_2020.xlsx", (DATA / "ska_2020.xlsx").read_bytes(), "application/octet-stream")
    at.run()
    exporter = at.sidebar.multiselect(key="eksportir").options[0]
    at.sidebar.multiselect(key="eksportir").set_value([exporter]).run()
    at.query_params["eksportir"] = exporter  # the browser puts bound widgets into the address bar
    at.run()
    saved = next(iter(at.session_state["_tersimpan"].values()))
    links = [c.value for c in at.code if "data=" in c.value]
    full = [link for link in links if saved.token in link]
    public_links = [link for link in links if saved.public_token in link]
    assert full and public_links
    assert all("eksportir" in link for link in full)  # the full link keeps the view as it is
    assert not any("eksportir" in link or exporter.replace(" ", "+") in link for link in public_links)
    assert any("dirahasiakan" in c.value or "publish" in c.value or "diterbitkan" in c.value
               for c in at.sidebar.caption)


@pytest.mark.parametrize(("contributions", "need"), [
    ([100.0], 10.0),  # one exporter: the threshold rule
    ([60.0, 40.0], 10.0),  # two: each knows its own figure, so the cell must stay 10% of itself undetermined
    ([50.0, 30.0, 20.0], 0.0),  # three, none dominant: safe
    ([90.0, 5.0, 3.0], 6.0),  # p% rule: the rest (3) is 6 short of 10% of the largest (9)
    ([1000.0, 10.0, 10.0, 10.0, 10.0], 70.0),  # a dominant exporter among many small ones
])
def test_the_rules_protection_levels(contributions, need):
    from pekalongan.disclosure import is_sensitive, protection_needed

    assert protection_needed(contributions) == pytest.approx(need)
    assert is_sensitive(contributions) == (need > 0)
    assert protection_needed(contributions) == pytest.approx(protection(contributions))  # the test's own rule


def test_the_modules_own_audit_finds_nothing_left_open():
    from pekalongan.disclosure import audit

    records = dataset("dominant").records
    assert audit(records) == []


def test_a_dataset_too_large_to_cross_publishes_each_dimension_by_year_only():
    from pekalongan.confidential import skeleton
    from pekalongan.disclosure import Rules, audit, protect

    records = load_sample().records
    small = Rules(max_cube_cells=10)  # the sample's 348 cube cells stand for a national file's thousands
    p = protect(records, small)
    assert set(p.tables) == {(), ("commodity",), ("destination",), ("exporter_type",), ("month",)}
    assert audit(records, small) == []
    sel = public.selection(p, Filters(commodities=("Surimi",)))
    assert public.series(p, sel, "destination") is None and public.matrix(p, sel) is None  # not available
    assert public.totals(p, sel) is not None
    rows = skeleton(records, small, crossed=False)
    assert rows.filter(pl.col("commodity").is_not_null() & pl.col("destination").is_not_null()).is_empty()
