"""Aggregations against the Ministry of Trade's definitions, the city's published figures and plain polars."""

from __future__ import annotations

import json
import math
import re

import polars as pl
import pycountry
import pytest

from pekalongan import aggregate
from pekalongan.aggregate import (
    OTHER_KEY,
    by_year,
    by_year_and,
    cumulative,
    first_years,
    has_months,
    headline,
    matrix,
    monthly,
    new_exporters_by_year,
    standard_table,
    targets_usd,
)
from pekalongan.filters import Filters
from pekalongan.format import Kind, in_unit, pct_press, table_cell, usd_press
from pekalongan.formulas import change_pct, share_expr, trend_pct
from pekalongan.ingest import load_sample
from pekalongan.labels import label_expr, labelled, line_labels, table_frame, table_json
from pekalongan.narrative import narrative
from pekalongan.schema import SCHEMA, Column

# Kemendag's worked example (juta US$), docs/reference.md.
NON_MIGAS = [154940.8, 219362.1, 275906.1, 243605.9, 250652.3]
HS_03 = [3513.1, 3707.4, 4009.1, 3618.9, 3995.6]
# Kota Pekalongan's published yearly realisation (docs/pekalongan_published.csv).
PUBLISHED = {2018: 19_600_000, 2019: 22_926_000, 2020: 25_437_000, 2021: 30_263_567, 2022: 19_640_000}


@pytest.fixture(scope="module")
def sample():
    return load_sample()


@pytest.fixture(scope="module")
def records(sample) -> pl.DataFrame:
    return sample.records


def make_records(rows: list[dict]) -> pl.DataFrame:
    """A few hand-written records -> a frame with the canonical schema (missing fields null)."""
    return pl.DataFrame([{c: row.get(c) for c in SCHEMA} for row in rows], schema=SCHEMA)


def value_sum(frame: pl.DataFrame) -> float:
    return float(frame.get_column(Column.VALUE_USD).sum())


# --- The ministry's percentages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (NON_MIGAS, 11.26),  # the published Trend of NON MIGAS
        (HS_03, 2.36),  # and of HS 03
        ([100.0, 110.0], 10.0),  # two points: the line goes through both, so trend equals the change
        ([1.0, 2.0, 4.0, 8.0], 100.0),  # doubling every year
        ([5.0, 5.0, 5.0], 0.0),
        ([8.0, 4.0, 2.0, 1.0], -50.0),
    ],
)
def test_trend_pct_matches_the_ministry(values, expected):
    assert round(trend_pct(values), 2) == expected


@pytest.mark.parametrize(
    "values",
    [
        [],
        [250652.3],  # one value: no line
        [100.0, 0.0, 120.0],  # ln(0) is undefined
        [100.0, -5.0, 120.0],
        [100.0, None, 120.0],
        [100.0, math.nan],
        [100.0, math.inf],
        [1e-300, 1e300],  # a slope whose exponential overflows
    ],
)
def test_trend_pct_undefined_is_none(values):
    assert trend_pct(values) is None


def test_trend_is_not_the_compound_growth_rate():
    cagr = ((NON_MIGAS[-1] / NON_MIGAS[0]) ** (1 / (len(NON_MIGAS) - 1)) - 1) * 100
    assert round(cagr, 2) == 12.78
    assert round(trend_pct(NON_MIGAS), 2) != round(cagr, 2)


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (250652.3, 243605.9, 2.89),  # Perub 2024-2023 of NON MIGAS
        (3995.6, 3618.9, 10.41),  # and of HS 03
        (25_437_000, 22_926_000, 10.95),  # Kota Pekalongan 2020 vs 2019
        (110.0, 100.0, 10.0),
        (100.0, 100.0, 0.0),
        (0.0, 100.0, -100.0),
        (5.0, 0.0, None),  # no base
        (5.0, None, None),
        (None, 5.0, None),
        (5.0, -2.0, None),  # a negative base would flip the sign
        (math.nan, 1.0, None),
        (1.0, math.nan, None),
        (math.inf, 1.0, None),
        (1e308, 1e-308, None),  # overflows to inf
    ],
)
def test_change_pct(current, previous, expected):
    result = change_pct(current, previous)
    if expected is None:
        assert result is None
    else:
        assert math.isfinite(result) and round(result, 2) == expected


# --- The sample against the published figures ----------------------------------------------------------------


def test_by_year_equals_published_totals(records):
    totals = dict(by_year(records).iter_rows())
    assert list(totals) == list(PUBLISHED)
    for year, published in PUBLISHED.items():
        assert totals[year] == pytest.approx(published, abs=0.005), year


def test_by_year_fills_missing_years_with_zero(records):
    gap = records.filter(pl.col(Column.YEAR) != 2020)
    frame = by_year(gap)
    assert frame.get_column(Column.YEAR).to_list() == [2018, 2019, 2020, 2021, 2022]
    assert dict(frame.iter_rows())[2020] == 0.0
    assert by_year(records, years=[2017, 2018]).rows() == [(2017, 0.0), (2018, pytest.approx(19_600_000))]


def test_headline_2020_as_published(sample):
    h = headline(sample.records, sample.targets, 2020)
    assert round(h.achievement_pct, 2) == 132.55
    assert round(h.change_pct, 2) == 10.95
    assert h.previous_year == 2019 and h.previous_usd == pytest.approx(22_926_000)
    assert h.target_usd == 19_190_000 and h.remaining_usd == 0.0
    assert h.rate_idr == 14488 and h.value_idr == pytest.approx(25_437_000 * 14488)


def test_headline_2022_below_target(sample):
    h = headline(sample.records, sample.targets, 2022)
    assert round(h.achievement_pct, 2) == 74.28
    assert h.remaining_usd == pytest.approx(26_440_000 - 19_640_000)
    assert h.change_pct < 0


def test_headline_defaults_to_the_last_year(sample):
    assert headline(sample.records, sample.targets).year == 2022


def test_headline_counts_match_plain_polars(records):
    h = headline(records, None, 2021)
    year = records.filter(pl.col(Column.YEAR) == 2021)
    assert h.exporters == year.get_column(Column.EXPORTER).drop_nulls().n_unique()
    assert h.destinations == year.get_column(Column.DESTINATION).n_unique()
    assert h.commodities == year.get_column(Column.COMMODITY).n_unique()
    declared = year.filter(pl.col(Column.EXPORTER_TYPE) == "new").get_column(Column.EXPORTER).n_unique()
    assert h.new_exporters_declared == declared
    seen_before = set(records.filter(pl.col(Column.YEAR) < 2021).get_column(Column.EXPORTER).to_list())
    derived = set(year.get_column(Column.EXPORTER).to_list()) - seen_before
    assert h.new_exporters_derived == len(derived)
    assert h.target_usd is None and h.achievement_pct is None and h.remaining_usd is None


def test_first_year_has_no_comparison_and_no_derived_new_exporters(sample):
    h = headline(sample.records, sample.targets, 2018)
    assert h.previous_usd is None and h.change_pct is None and h.new_exporters_derived is None
    table = new_exporters_by_year(sample.records)
    assert table.row(0)[0] == 2018 and table.row(0)[2] is None
    first = dict(first_years(sample.records).group_by("first_year").len().iter_rows())
    assert dict(table.select(Column.YEAR, "derived").drop_nulls().iter_rows()) == {
        y: first.get(y, 0) for y in (2019, 2020, 2021, 2022)
    }


def test_new_exporters_use_all_records_for_first_appearance(records):
    only_2021 = Filters(year_from=2021, year_to=2021).apply(records)
    # Seen alone, 2021 is the first year of the data, so nobody can be called new by first appearance ...
    assert headline(only_2021, None, 2021).new_exporters_derived is None
    # ... but against the whole history they can.
    assert headline(only_2021, None, 2021, all_records=records).new_exporters_derived == headline(
        records, None, 2021
    ).new_exporters_derived


@pytest.mark.parametrize(
    ("year", "lang", "expected"),
    [
        (2020, "id", "Nilai ekspor Kota Pekalongan tahun 2020 mencapai US$25,44 juta, naik 10,95 persen dibandingkan "
                     "tahun 2019 dan melampaui target US$19,19 juta (132,55 persen dari target), didominasi sarung "
                     "batik, surimi dan kain batik dengan tujuan utama Malaysia, Singapura dan Thailand."),
        (2020, "en", "Kota Pekalongan's exports in 2020 reached US$25.44 million, up 10.95 percent from 2019 and "
                     "exceeding the target of US$19.19 million (132.55 percent of the target), led by Sarung Batik, "
                     "Surimi and Kain Batik and going mainly to Malaysia, Singapore and Thailand."),
        (2022, "id", "Nilai ekspor Kota Pekalongan tahun 2022 mencapai US$19,64 juta, turun 35,10 persen dibandingkan "
                     "tahun 2021 dan belum mencapai target US$26,44 juta (74,28 persen dari target), didominasi sarung "
                     "batik, surimi dan kain batik dengan tujuan utama Malaysia, Singapura dan Korea Selatan."),
        (2022, "en", "Kota Pekalongan's exports in 2022 reached US$19.64 million, down 35.10 percent from 2021 and "
                     "short of the target of US$26.44 million (74.28 percent of the target), led by Sarung Batik, "
                     "Surimi and Kain Batik and going mainly to Malaysia, Singapore and South Korea."),
        # No target published for 2019; no year before 2018.
        (2019, "id", "Nilai ekspor Kota Pekalongan tahun 2019 mencapai US$22,93 juta, naik 16,97 persen dibandingkan "
                     "tahun 2018, didominasi sarung batik, surimi dan kain batik dengan tujuan utama Thailand, "
                     "Tanzania dan Malaysia."),
        (2018, "id", "Nilai ekspor Kota Pekalongan tahun 2018 mencapai US$19,60 juta, melampaui target US$18,00 juta "
                     "(108,89 persen dari target), didominasi surimi, sarung batik dan kain batik dengan tujuan utama "
                     "Singapura, Malaysia dan Korea Selatan."),
    ],
)
def test_narrative(sample, year, lang, expected):
    assert narrative(sample.records, sample.targets, year, lang) == expected


def test_narrative_names_the_selection_and_ranks_only_what_it_leaves_open(sample):
    chosen = Filters(commodities=("Sarung Batik",))
    sentence = narrative(chosen.apply(sample.records), None, 2022, "id", filters=chosen)
    assert sentence == ("Nilai ekspor Kota Pekalongan tahun 2022 untuk komoditi sarung batik mencapai US$6,64 juta, "
                        "turun 38,48 persen dibandingkan tahun 2021, dengan tujuan utama Tanzania, Singapura dan "
                        "Uni Emirat Arab.")
    assert "didominasi" not in sentence  # "didominasi sarung batik" of sarung batik alone is a tautology
    english = narrative(chosen.apply(sample.records), None, 2022, "en", filters=chosen)
    assert english == ("Kota Pekalongan's exports of Sarung Batik in 2022 reached US$6.64 million, down 38.48 percent "
                       "from 2021, mainly to Tanzania, Singapore and the United Arab Emirates.")


def test_narrative_of_one_destination_and_type_names_both(sample):
    chosen = Filters(destinations=("MYS",), exporter_types=("new",))
    rows = chosen.apply(sample.records)
    sentence = narrative(rows, None, 2022, "en", filters=chosen, destination_names={"MYS": "Malaysia"})
    value = rows.filter(pl.col("year") == 2022).get_column("value_usd").sum()
    assert sentence.startswith(f"Kota Pekalongan's exports to Malaysia by new exporters in 2022 reached "
                               f"{usd_press(value, 'en')}")
    assert "mainly to" not in sentence


def test_narrative_closes_with_the_source_and_the_office(sample):
    sentence = narrative(sample.records, sample.targets, 2022, "id", files=["ska_2022.xlsx"])
    assert sentence.endswith(". Sumber: ska_2022.xlsx, diolah Dinas Perdagangan, Koperasi dan UKM Kota Pekalongan.")
    english = narrative(sample.records, sample.targets, 2022, "en", files=["a.xlsx", "b.csv", "c.ods", "d.txt"])
    assert english.endswith(". Source: a.xlsx, b.csv, c.ods and 1 more files, compiled by the Trade, Cooperatives "
                            "and SME Office of Kota Pekalongan.")


def test_english_puts_the_before_the_countries_that_take_it():
    from pekalongan.narrative import place

    assert [place(n, "en") for n in ("United States", "Netherlands", "Japan", "Philippines")] == [
        "the United States", "the Netherlands", "Japan", "the Philippines"]
    assert place("Amerika Serikat", "id") == "Amerika Serikat"


def test_narrative_lower_cases_commodities_only_in_indonesian(sample):
    sentence = narrative(sample.records, sample.targets, 2020, "id")
    assert "sarung batik, surimi dan kain batik" in sentence
    assert "Sarung Batik" not in sentence


def test_narrative_without_data_says_so(sample):
    assert narrative(sample.records, sample.targets, 2030) == "Belum ada data ekspor untuk tahun 2030."


def test_usd_press_puts_the_unit_first():
    assert usd_press(25_437_000) == "US$25,44 juta"
    assert usd_press(19_190_000, "en") == "US$19.19 million"
    assert usd_press(None) == "-"
    assert pct_press(35.1) == "35,10 persen"
    assert pct_press(35.1, "en") == "35.10 percent"


def by(records: pl.DataFrame, column: str, lang: str = "id", top: int | None = None, rest: bool = True,
       other: str | None = None) -> pl.DataFrame:
    """A ranking as the pages show it: `aggregate.ranking`, labelled by the renderer (`labels.labelled`)."""
    return labelled(aggregate.ranking(records, column, top, rest), column, lang, other=other)


# --- Rankings ------------------------------------------------------------------------------------------------------


def test_by_ranks_and_sums_the_rest(records):
    full = by(records, "commodity")
    values = full.get_column(Column.VALUE_USD).to_list()
    assert values == sorted(values, reverse=True)
    assert full.get_column("share_pct").sum() == pytest.approx(100)
    top = by(records, Column.COMMODITY, top=3)
    assert top.height == 4
    assert top.row(3)[:2] == (OTHER_KEY, "Lainnya")
    assert top.get_column(Column.VALUE_USD).sum() == pytest.approx(value_sum(records))
    assert top.get_column(Column.WEIGHT_KG).sum() == pytest.approx(records.get_column(Column.WEIGHT_KG).sum())
    assert by(records, "commodity", "en", top=3).row(3)[1] == "Others"
    assert by(records, "commodity", top=3, rest=False).height == 3


def test_by_matches_plain_polars(records):
    expected = (
        records.group_by(Column.DESTINATION)
        .agg(pl.col(Column.VALUE_USD).sum())
        .sort(Column.VALUE_USD, descending=True)
    )
    got = by(records, "destination")
    assert got.get_column("key").to_list() == expected.get_column(Column.DESTINATION).to_list()
    assert got.get_column(Column.VALUE_USD).to_list() == pytest.approx(expected.get_column(Column.VALUE_USD).to_list())


def test_by_ties_are_ranked_by_key_and_weight_stays_null_without_weights():
    rows = make_records([
        {"year": 2020, "commodity": "B", "value_usd": 10.0},
        {"year": 2020, "commodity": "A", "value_usd": 10.0},
        {"year": 2020, "commodity": "C", "value_usd": 30.0},
    ])
    got = by(rows, "commodity")
    assert got.get_column("key").to_list() == ["C", "A", "B"]
    assert got.get_column(Column.WEIGHT_KG).to_list() == [None, None, None]
    assert got.get_column("share_pct").to_list() == pytest.approx([60.0, 20.0, 20.0])


def test_by_on_no_records_has_no_share():
    empty = make_records([])
    assert by(empty, "commodity").is_empty()
    assert by_year(empty).is_empty()
    assert not has_months(empty)


@pytest.mark.parametrize(
    ("column", "lang", "key", "label"),
    [
        ("destination", "id", "KOR", "Korea Selatan"),
        ("destination", "en", "KOR", "South Korea"),
        ("destination", "en", "Eropa", "Europe"),
        ("exporter_type", "id", "new", "Eksportir baru"),
        ("exporter_type", "en", "umkm", "MSMEs (UMKM)"),
        ("commodity", "en", "Sarung Batik", "Sarung Batik"),
        ("commodity", "id", None, "(tidak diisi)"),
    ],
)
def test_label_expr(column, lang, key, label):
    frame = pl.DataFrame(
        {column: [key], Column.DESTINATION_NAME: ["Korea Selatan" if key == "KOR" else key]},
        schema={column: pl.String, Column.DESTINATION_NAME: pl.String},
    )
    assert frame.select(label_expr(column, lang)).item() == label


def test_by_year_and_sums_to_the_yearly_totals(records):
    frame = by_year_and(records, "destination", top=4)
    assert frame.get_column("key").n_unique() == 5
    assert frame.height == 5 * 5  # every year × every key, zeros included
    per_year = dict(frame.group_by(Column.YEAR).agg(pl.col(Column.VALUE_USD).sum()).iter_rows())
    for year, total in by_year(records).iter_rows():
        assert per_year[year] == pytest.approx(total)


def test_matrix_covers_every_value(records):
    frame = matrix(records, "commodity", "destination", top_rows=4, top_cols=5)
    assert frame.columns == ["row_key", "col_key", "col_destination_name", Column.VALUE_USD]
    frame = labelled(labelled(frame, "commodity", prefix="row_"), "destination", prefix="col_")
    assert frame.columns == ["row_key", "row_label", "col_key", "col_label", Column.VALUE_USD]
    assert frame.height == 5 * 6
    assert frame.get_column(Column.VALUE_USD).sum() == pytest.approx(value_sum(records))
    cell = frame.filter((pl.col("row_key") == "Surimi") & (pl.col("col_key") == "THA")).get_column(Column.VALUE_USD)
    expected = records.filter((pl.col(Column.COMMODITY) == "Surimi") & (pl.col(Column.DESTINATION) == "THA"))
    assert cell.item() == pytest.approx(value_sum(expected))


# --- Months and cumulative -------------------------------------------------------------------------------------


def test_monthly_and_cumulative_on_the_sample(records):
    assert has_months(records)
    months = monthly(records)
    assert months.height == 5 * 12
    assert months.get_column(Column.VALUE_USD).sum() == pytest.approx(value_sum(records))
    cum = cumulative(records, 2022, 6)
    first_half = records.filter(pl.col(Column.MONTH) <= 6)
    current = value_sum(first_half.filter(pl.col(Column.YEAR) == 2022))
    previous = value_sum(first_half.filter(pl.col(Column.YEAR) == 2021))
    assert cum == {
        "year": 2022,
        "through_month": 6,
        "current": pytest.approx(current),
        "previous": pytest.approx(previous),
        "change_pct": pytest.approx((current / previous - 1) * 100),
    }
    assert cumulative(records, 2018)["previous"] is None  # nothing before the first year


PARTIAL_YEAR = [
    {"year": 2023, "month": 1, "commodity": "Surimi", "value_usd": 100.0},
    {"year": 2023, "month": 8, "commodity": "Surimi", "value_usd": 50.0},
    {"year": 2023, "month": 11, "commodity": "Surimi", "value_usd": 999.0},  # after August: not in the c-to-c
    {"year": 2023, "month": 3, "commodity": "Kain Batik", "value_usd": 10.0},
    {"year": 2024, "month": 2, "commodity": "Surimi", "value_usd": 180.0},
    {"year": 2024, "month": 8, "commodity": "Kain Batik", "value_usd": 20.0},
]


def test_cumulative_defaults_to_the_last_month_with_data():
    cum = cumulative(make_records(PARTIAL_YEAR), 2024)
    assert cum["through_month"] == 8
    assert cum["current"] == 200.0 and cum["previous"] == 160.0
    assert cum["change_pct"] == pytest.approx(25.0)


def test_standard_table_with_months_has_the_ministry_headers():
    table = standard_table(make_records(PARTIAL_YEAR), "commodity")
    assert [(column.id, column.kind) for column in table.columns] == [
        ("label", Kind.LABEL), ("2023", Kind.MONEY), ("2024", Kind.MONEY), ("change", Kind.PERCENT),
        ("share", Kind.PERCENT), ("trend", Kind.PERCENT), ("cum_current", Kind.MONEY), ("cum_previous", Kind.MONEY),
        ("cum_change", Kind.PERCENT),
    ]
    frame = table_frame(table)
    assert frame.columns == [
        "Komoditi", "2023", "2024", "Perub (%) 2024–2023", "Peran (%) 2024", "Trend (%) 2023–2024",
        "Jan–Agu 2024", "Jan–Agu 2023", "Perub (%) c-to-c",
    ]
    assert frame.get_column("Komoditi").to_list() == ["Surimi", "Kain Batik", "Jumlah"]
    assert frame.row(0)[1:] == pytest.approx((1149.0, 180.0, (180 / 1149 - 1) * 100, 90.0, (180 / 1149 - 1) * 100,
                                               180.0, 150.0, 20.0))
    assert frame.row(2)[-3:] == pytest.approx((200.0, 160.0, 25.0))
    assert table_frame(table, "en").columns[0] == "Commodity"
    assert table_frame(table, "en").columns[-1] == "Change (%) c-to-c"


# --- The standard table ----------------------------------------------------------------------------------------


def test_standard_table_by_destination_json(sample):
    data = table_json(standard_table(sample.records, "destination", targets=sample.targets))
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data
    assert set(data) == {"by", "years", "rows", "total", "targets"}
    assert data["by"] == "destination" and data["years"] == [2018, 2019, 2020, 2021, 2022]
    for row in data["rows"]:
        assert set(row) == {"key", "label", "values", "change_pct", "share_pct", "trend_pct"}
        assert re.fullmatch(r"[A-Z]{3}", row["key"]) and pycountry.countries.get(alpha_3=row["key"]) is not None
        assert list(row["values"]) == ["2018", "2019", "2020", "2021", "2022"]
    assert {r["key"]: r["label"] for r in data["rows"]}["SGP"] == "Singapura"
    assert set(data["total"]) == set(data["rows"][0])
    for year, published in PUBLISHED.items():
        assert data["total"]["values"][str(year)] == pytest.approx(published, abs=0.005)
    assert sum(r["share_pct"] for r in data["rows"]) == pytest.approx(100)
    assert data["targets"]["2020"]["target_usd"] == 19_190_000
    assert round(data["targets"]["2022"]["achievement_pct"], 2) == 74.28
    assert "2019" not in data["targets"]


def test_standard_table_speaks_the_language_it_is_rendered_in(sample):
    # The table holds keys; labels and headers are the renderer's, in whatever language it asks for.
    table = standard_table(sample.records, "destination")
    english = table_frame(table, "en")
    assert english.columns[0] == "Destination"
    assert english.get_column("Destination").to_list()[-1] == "Total"
    assert "Singapore" in english.get_column("Destination").to_list()
    assert {r["key"]: r["label"] for r in table_json(table, "en")["rows"]}["SGP"] == "Singapore"
    assert line_labels(table, "id") == table_frame(table).get_column("Negara Tujuan").to_list()
    assert line_labels(table) == line_labels(table, "id")  # Indonesian first


def test_the_rest_of_a_ranking_is_keyed_not_named(records):
    ranked = by(records, "commodity", "en", top=3)
    assert ranked.get_column("key").to_list()[-1] == OTHER_KEY
    assert ranked.get_column("label").to_list()[-1] == "Others"
    assert by(records, "commodity", top=3, other="Sisanya").get_column("label").to_list()[-1] == "Sisanya"
    keyed = aggregate.ranking(records, "commodity", top=3)
    assert "label" not in keyed.columns and keyed.get_column("key").to_list() == ranked.get_column("key").to_list()
    assert keyed.get_column("share_pct").to_list() == pytest.approx(ranked.get_column("share_pct").to_list())


@pytest.mark.parametrize(
    ("value", "kind", "money_unit", "lang", "text"),
    [
        (25_437_000.0, Kind.MONEY, 1e6, "id", "25,44"),
        (25_437_000.0, Kind.MONEY, 1.0, "id", "25.437.000,00"),
        (25_437_000.0, Kind.MONEY, 1e6, "en", "25.44"),
        (10.954, Kind.PERCENT, 1e6, "id", "10,95"),  # percentages are never divided
        (-35.1, Kind.PERCENT, 1.0, "en", "-35.10"),
        (None, Kind.MONEY, 1e6, "id", "-"),
        (math.nan, Kind.PERCENT, 1e6, "id", "-"),
    ],
)
def test_one_unit_rule_for_every_table(value, kind, money_unit, lang, text):
    assert table_cell(value, kind, lang, money_unit=money_unit) == text


@pytest.mark.parametrize(("value", "kind", "shown"), [
    (25_437_000.0, Kind.MONEY, 25.437), (10.95, Kind.PERCENT, 10.95), (None, Kind.MONEY, None),
])
def test_in_unit_divides_money_only(value, kind, shown):
    assert in_unit(value, kind) == shown  # the XLSX writes these numbers; juta USD by default


@pytest.mark.parametrize(("whole", "expected"), [(200.0, [25.0, 75.0]), (0.0, [None, None]), (None, [None, None]),
                                                 (math.nan, [None, None]), (-5.0, [None, None])])
def test_share_expr_guards_its_base(whole, expected):
    frame = pl.DataFrame({"v": [50.0, 150.0]})
    assert frame.select(share_expr(pl.col("v"), whole)).to_series().to_list() == expected


def test_standard_table_rows_add_up_and_zero_years_have_no_trend(records):
    table = standard_table(records, "commodity")
    for year in table.years:
        assert sum(r.values[year] for r in table.rows) == pytest.approx(table.total.values[year])
    crab = next(r for r in table.rows if r.key == "Crab Shell Pellet")  # first exported in 2020
    assert crab.values[2018] == 0.0 and crab.trend_pct is None
    assert crab.change_pct == pytest.approx(change_pct(crab.values[2022], crab.values[2021]))
    last = [r.values[2022] for r in table.rows]
    assert last == sorted(last, reverse=True)
    assert "targets" not in table_json(table)


def test_standard_table_by_year_has_only_the_total(sample):
    table = standard_table(sample.records, "year", targets=sample.targets)
    data = table_json(table)
    assert data["rows"] == []
    assert data["total"]["trend_pct"] == pytest.approx(trend_pct(list(PUBLISHED.values())), rel=1e-9)
    assert table_frame(table).height == 1


def test_standard_table_rejects_an_unknown_dimension(records):
    with pytest.raises(ValueError):
        standard_table(records, "warna")


def test_targets_in_rupiah_are_converted_with_the_years_rate():
    targets = pl.DataFrame(
        {"year": [2022, 2023, 2024], "target_usd": [26_440_000.0, None, None],
         "target_idr": [380_700_000_000.0, 405_000_000_000.0, 1.0], "rate_idr": [14_399.0, 15_000.0, None]},
        schema={"year": pl.Int32, "target_usd": pl.Float64, "target_idr": pl.Float64, "rate_idr": pl.Float64},
    )
    assert targets_usd(targets) == {2022: 26_440_000.0, 2023: 27_000_000.0}  # 2024: no rate, no target
    rows = make_records([{"year": 2023, "commodity": "Surimi", "value_usd": 13_500_000.0}])
    assert table_json(standard_table(rows, "commodity", targets=targets))["targets"] == {
        "2023": {"target_usd": 27_000_000.0, "realisation_usd": 13_500_000.0, "achievement_pct": 50.0}
    }
    h = headline(rows, targets, 2023)
    assert h.achievement_pct == 50.0 and h.value_idr == 13_500_000.0 * 15_000


# --- Filters change the numbers as they should --------------------------------------------------------------


def test_filtered_commodities_and_years(records):
    chosen = Filters(year_from=2019, year_to=2020, commodities=("Surimi", "Kain Batik"))
    data = chosen.apply(records)
    plain = records.filter(
        pl.col(Column.YEAR).is_between(2019, 2020) & pl.col(Column.COMMODITY).is_in(["Surimi", "Kain Batik"])
    )
    expected = dict(plain.group_by(Column.YEAR).agg(pl.col(Column.VALUE_USD).sum()).iter_rows())
    got = dict(by_year(data).iter_rows())
    assert list(got) == [2019, 2020]
    assert got == pytest.approx(expected)
    assert got[2020] < PUBLISHED[2020]
    table = standard_table(data, "commodity")
    assert [r.key for r in table.rows] == ["Surimi", "Kain Batik"]
    assert table.total.change_pct == pytest.approx((expected[2020] / expected[2019] - 1) * 100)


def test_filtered_destination_headline(records, sample):
    data = Filters(destinations=("SGP",)).apply(records)
    plain = records.filter(pl.col(Column.DESTINATION) == "SGP")
    h = headline(data, sample.targets, 2021)
    this = plain.filter(pl.col(Column.YEAR) == 2021)
    assert h.value_usd == pytest.approx(value_sum(this))
    assert h.change_pct == pytest.approx(
        (value_sum(this) / value_sum(plain.filter(pl.col(Column.YEAR) == 2020)) - 1) * 100
    )
    assert h.destinations == 1
    assert h.exporters == this.get_column(Column.EXPORTER).n_unique()
    assert h.achievement_pct == pytest.approx(value_sum(this) / 26_180_000 * 100)


def test_filtered_exporter_type_shares(records):
    data = Filters(exporter_types=("umkm",)).apply(records)
    plain = records.filter(pl.col(Column.EXPORTER_TYPE) == "umkm")
    ranking = by(data, "commodity", top=2)
    first = plain.group_by(Column.COMMODITY).agg(pl.col(Column.VALUE_USD).sum()).sort(
        Column.VALUE_USD, descending=True
    ).row(0)
    assert ranking.row(0)[0] == first[0]
    assert ranking.get_column("share_pct")[0] == pytest.approx(first[1] / value_sum(plain) * 100)
    assert by(data, "exporter_type").get_column("key").to_list() == ["umkm"]


def test_dimension_names_map_to_columns():
    assert aggregate.DIMENSIONS == {
        "year": "year", "commodity": "commodity", "destination": "destination",
        "exporter_type": "exporter_type", "exporter": "exporter",
    }


def test_the_ministrys_formulas_live_in_one_module():
    # Perub, Peran, Trend and achievement are percentages: no module but formulas.py turns a ratio into one.
    from pathlib import Path

    root = Path(aggregate.__file__).parent
    sources = [p for p in root.rglob("*.py") if p.name != "formulas.py"]
    assert len(sources) > 20
    pattern = re.compile(r"\*\s*100\b|\b100\s*\*|math\.(log|exp)\(")
    offenders = [f"{p.name}:{n}" for p in sources for n, line in enumerate(p.read_text().splitlines(), 1)
                 if pattern.search(line)]
    assert offenders == []


def test_aggregates_speak_no_language():
    # Keys and figures only: labels and headers are the renderers' (pekalongan.labels), so nothing here takes a
    # language or reads the catalogue.
    import inspect

    takes_lang = [name for name, f in inspect.getmembers(aggregate, inspect.isfunction)
                  if f.__module__ == aggregate.__name__ and "lang" in inspect.signature(f).parameters]
    methods = [f"{cls.__name__}.{name}" for cls in (aggregate.StandardTable, aggregate.TableColumn,
                                                     aggregate.StandardRow)
               for name, f in inspect.getmembers(cls, inspect.isfunction) if "lang" in inspect.signature(f).parameters]
    assert takes_lang + methods == []
    assert "pekalongan.i18n" not in {m.__name__ for m in vars(aggregate).values() if inspect.ismodule(m)}
    assert not hasattr(aggregate, "t") and not hasattr(aggregate, "label_expr")


def test_a_ranking_is_the_same_whatever_the_language_it_is_shown_in(records):
    ranked = aggregate.ranking(records, "destination", top=4)
    english, indonesian = labelled(ranked, "destination", "en"), labelled(ranked, "destination", "id")
    assert english.drop("label").equals(indonesian.drop("label"))
    assert english.columns == ["key", "label", Column.VALUE_USD, Column.WEIGHT_KG, "share_pct"]
    assert english.get_column("label").to_list()[-1] == "Others"
    assert "Singapura" in indonesian.get_column("label").to_list()
