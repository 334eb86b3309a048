"""Filters and the link's query string as tables of cases: what a selection keeps, how it says itself, how it
carries over to another dataset, and how it reads from and writes to a link (codes, older labels, typed targets)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from pekalongan import address
from pekalongan.address import TypedTarget
from pekalongan.filters import Choices, Filters

RECORDS = pl.DataFrame(
    {
        "year": [2020, 2020, 2021, 2021, 2022],
        "commodity": ["Surimi", "Sarung Batik", "Surimi", "Kain Batik", "Surimi"],
        "destination": ["JPN", "SGP", "SGP", "USA", "JPN"],
        "exporter_type": ["umkm", "new", "established", "umkm", "umkm"],
        "exporter": ["PT A", "CV B", "PT A", "PT C", "PT A"],
        "value_usd": [1.0, 2.0, 4.0, 8.0, 16.0],
    },
    schema_overrides={"year": pl.Int32},
)
CHOICES = Choices(
    years=(2020, 2021, 2022),
    commodities=("Surimi", "Kain Batik", "Sarung Batik"),
    destinations=("JPN", "USA", "SGP"),
    exporters=("PT A", "PT C", "CV B"),
)
ALIASES = {
    "destinations": {"Singapura": "SGP", "Singapore": "SGP", "Jepang": "JPN", "Japan": "JPN"},
    "exporter_types": {"UMKM": "umkm", "MSMEs (UMKM)": "umkm", "Eksportir baru": "new", "New exporters": "new"},
}


@pytest.mark.parametrize(
    ("filters", "total"),
    [
        (Filters(), 31.0),
        (Filters(year_from=2021), 28.0),
        (Filters(year_to=2020), 3.0),
        (Filters(year_from=2021, year_to=2021), 12.0),
        (Filters(commodities=("Surimi",)), 21.0),
        (Filters(commodities=("Surimi",), destinations=("SGP",)), 4.0),
        (Filters(exporter_types=("umkm",), year_to=2021), 9.0),
        (Filters(exporters=("PT A", "CV B")), 23.0),
        (Filters(commodities=("Kerupuk Ikan",)), 0.0),
    ],
)
def test_apply_keeps_what_the_filters_say(filters, total):
    assert filters.apply(RECORDS).get_column("value_usd").sum() == total


@pytest.mark.parametrize(
    ("filters", "lang", "sentence"),
    [
        (Filters(), "id", "Semua tahun, semua komoditi, semua negara tujuan, semua jenis eksportir, semua eksportir."),
        (Filters(year_from=2019, year_to=2020, commodities=("Surimi",)), "id",
         "Tahun 2019–2020, komoditi Surimi, semua negara tujuan, semua jenis eksportir, semua eksportir."),
        (Filters(year_from=2021, year_to=2021, destinations=("SGP", "JPN")), "en",
         "Year 2021, all commodities, destination Singapore and Japan, all exporter types, all exporters."),
        (Filters(exporter_types=("umkm",)), "id",
         "Semua tahun, semua komoditi, semua negara tujuan, eksportir UMKM, semua eksportir."),
    ],
)
def test_describe_says_the_selection_in_a_sentence(filters, lang, sentence):
    names = {"SGP": "Singapore", "JPN": "Japan"}
    assert filters.describe(lang, names) == sentence


@pytest.mark.parametrize(
    ("filters", "choices", "expected"),
    [
        # The sample's full range on a 2019-2023 file: no year filter at all, not the sample's 2018-2022.
        (Filters(), Choices(years=(2019, 2020, 2021, 2022, 2023)), Filters()),
        (Filters(year_from=2020, year_to=2021), Choices(years=(2019, 2020, 2021, 2022, 2023)),
         Filters(year_from=2020, year_to=2021)),
        # A bound the other dataset does not have, or at its edge, means "from the start" / "to the end".
        (Filters(year_from=2018, year_to=2021), Choices(years=(2019, 2020, 2021, 2022)), Filters(year_to=2021)),
        (Filters(year_from=2019, year_to=2022), Choices(years=(2019, 2020, 2021, 2022)), Filters()),
        (Filters(year_from=2023, year_to=2024), Choices(years=(2019, 2020)), Filters()),
        # Values it does not hold are dropped, the others kept in their order.
        (Filters(commodities=("Kerupuk Ikan", "Surimi"), destinations=("SGP",)), CHOICES,
         Filters(commodities=("Surimi",), destinations=("SGP",))),
        (Filters(exporters=("PT Z",), exporter_types=("umkm", "nope")), CHOICES,
         Filters(exporter_types=("umkm",))),
    ],
)
def test_within_carries_only_what_the_other_dataset_holds(filters, choices, expected):
    assert filters.within(choices) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, Filters()),
        ({"tahun": ["2021", "2022"]}, Filters(year_from=2021)),
        ({"tahun": ["2021", "2020"]}, Filters(year_to=2021)),  # the wrong way round still means 2020-2021
        ({"tahun": ["2021"]}, Filters()),  # one year is not a range
        ({"tahun": ["abc", "2021"]}, Filters(year_to=2021)),
        ({"negara": ["SGP"], "jenis": ["umkm"]}, Filters(destinations=("SGP",), exporter_types=("umkm",))),
        # Links sent before the codes carried display labels, in either language.
        ({"negara": ["Singapura", "Japan"], "jenis": ["UMKM"]},
         Filters(destinations=("SGP", "JPN"), exporter_types=("umkm",))),
        ({"jenis": ["MSMEs (UMKM)", "umkm"]}, Filters(exporter_types=("umkm",))),
        ({"komoditi": ["Surimi", "Kerupuk Ikan", "Surimi"]}, Filters(commodities=("Surimi",))),
        ({"eksportir": ["PT A"], "negara": ["Atlantis"]}, Filters(exporters=("PT A",))),
    ],
)
def test_filters_read_from_a_link(query, expected):
    assert address.filters_from_query(query, CHOICES, ALIASES) == expected


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(year_from=2021, year_to=2021),
        Filters(year_from=2021),
        Filters(commodities=("Surimi", "Kain Batik"), destinations=("SGP",), exporter_types=("umkm", "new"),
                exporters=("PT A",)),
    ],
)
def test_filters_round_trip_through_a_link(filters):
    query = address.filters_to_query(filters, CHOICES)
    assert all(isinstance(v, str) for values in query.values() for v in values)
    assert address.filters_from_query(query, CHOICES, {}) == filters


@pytest.mark.parametrize(
    ("filters", "query"),
    [
        (Filters(), {}),
        (Filters(year_from=2021), {"tahun": ["2021", "2022"]}),
        (Filters(year_to=2020), {"tahun": ["2020", "2020"]}),
        (Filters(destinations=("SGP",), exporter_types=("umkm",)), {"negara": ["SGP"], "jenis": ["umkm"]}),
    ],
)
def test_a_link_carries_codes(filters, query):
    assert address.filters_to_query(filters, CHOICES) == query


@pytest.mark.parametrize(
    ("query", "lang"),
    [({}, "id"), ({"bahasa": ["en"]}, "en"), ({"bahasa": ["English"]}, "en"), ({"bahasa": ["Indonesia"]}, "id"),
     ({"bahasa": ["fr"]}, "id")],
)
def test_the_language_of_a_link(query, lang):
    assert address.lang_from_query(query) == lang


DAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        (TypedTarget(2022, "target_usd", 25_000_000.0, DAY), "2022_usd_25000000_2026-12-01"),
        (TypedTarget(2023, "target_idr", 405e9, DAY), "2023_idr_405000000000_2026-12-01"),
        (TypedTarget(2021, "rate_idr", 14_397.5, DAY), "2021_kurs_14397.5_2026-12-01"),
        (TypedTarget(2020, "target_usd", None, DAY), "2020_usd_-_2026-12-01"),
    ],
)
def test_typed_targets_round_trip_through_a_link(typed, text):
    assert address.targets_to_query([typed]) == [text]
    assert address.targets_from_query({"target": [text]}) == (typed,)


@pytest.mark.parametrize(
    "text",
    ["2022_usd_25000000", "2022:usd:1:2026-12-01", "2022_eur_1_2026-12-01", "year_usd_1_2026-12-01",
     "2022_usd_abc_2026-12-01",
     "2022_usd_-5_2026-12-01", "2022_usd_inf_2026-12-01", "2022_usd_1_yesterday", ""],
)
def test_malformed_typed_targets_are_dropped(text):
    assert address.targets_from_query({"target": [text]}) == ()


def test_typed_cells_lie_over_the_files_targets():
    targets = pl.DataFrame(
        {"year": [2020, 2021], "target_usd": [19.19e6, None], "target_idr": [None, None], "rate_idr": [14488.0, None]},
        schema={"year": pl.Int32, "target_usd": pl.Float64, "target_idr": pl.Float64, "rate_idr": pl.Float64},
    )
    typed = [TypedTarget(2021, "target_usd", 25e6, DAY), TypedTarget(2020, "rate_idr", None, DAY),
             TypedTarget(2030, "target_usd", 1.0, DAY)]  # a year the dataset does not have is not added
    merged = address.with_typed_targets(targets, typed, [2020, 2021, 2022])
    assert merged.to_dicts() == [
        {"year": 2020, "target_usd": 19.19e6, "target_idr": None, "rate_idr": None},
        {"year": 2021, "target_usd": 25e6, "target_idr": None, "rate_idr": None},
        {"year": 2022, "target_usd": None, "target_idr": None, "rate_idr": None},
    ]


def test_the_address_puts_token_language_filters_and_targets_in_order():
    link = address.address("T" * 32, "en", Filters(year_from=2021, destinations=("SGP",)), CHOICES,
                           [TypedTarget(2022, "target_usd", 25e6, DAY)])
    assert list(link) == ["data", "bahasa", "tahun", "negara", "target"]
    assert address.address(None, "id", Filters(), CHOICES) == {}


def test_the_public_sentence_says_nothing_of_exporters():
    from pekalongan.filters import Filters

    chosen = Filters(commodities=("Surimi",), exporters=("PT A",))
    assert chosen.describe("id", public=True) == "Semua tahun, komoditi Surimi, semua negara tujuan, semua jenis eksportir."
    assert chosen.describe("id").endswith("eksportir PT A.")


def test_a_download_name_says_the_selection():
    from pekalongan.filters import Filters

    assert Filters(year_from=2024, year_to=2024, commodities=("Sarung Batik",)).slug([2020, 2024]) == "2024_sarung-batik"
    assert Filters().slug([2018, 2019, 2022]) == "2018-2022"
    assert Filters(destinations=("JPN", "SGP", "MYS"), exporters=("CV Café & Co.",)).slug([2021]) == \
        "2021_jpn_sgp_1-lainnya_cv-cafe-co"
