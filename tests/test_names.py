"""Destinations, exporter types and commodities as offices write them."""

from __future__ import annotations

import gettext

import polars as pl
import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pekalongan import names
from pekalongan.schema import EXPORTER_TYPES, Column


def resolve_one(raw: str | None) -> tuple[str | None, str | None, str]:
    """The (destination, destination_name, kind) that one raw spelling resolves to."""
    row = names.resolve_destinations(pl.Series([raw], dtype=pl.String)).row(0, named=True)
    assert row["raw"] == raw
    return row[Column.DESTINATION], row[Column.DESTINATION_NAME], row[Column.DESTINATION_KIND]


COUNTRY_ALIASES = [
    ("Korsel", "KOR", "Korea Selatan"),
    ("Korea", "KOR", "Korea Selatan"),
    ("Korea Selatan", "KOR", "Korea Selatan"),
    ("South Korea", "KOR", "Korea Selatan"),
    ("Republic of Korea", "KOR", "Korea Selatan"),
    ("Korea, Republic of", "KOR", "Korea Selatan"),
    ("KOREA SELATAN", "KOR", "Korea Selatan"),
    ("Korea Utara", "PRK", "Korea Utara"),
    ("RRT", "CHN", "Tiongkok"),
    ("RRC", "CHN", "Tiongkok"),
    ("Tiongkok", "CHN", "Tiongkok"),
    ("Cina", "CHN", "Tiongkok"),
    ("China", "CHN", "Tiongkok"),
    ("Republik Rakyat Tiongkok", "CHN", "Tiongkok"),
    ("PRC", "CHN", "Tiongkok"),
    ("Amerika", "USA", "Amerika Serikat"),
    ("Amerika Serikat", "USA", "Amerika Serikat"),
    ("AS", "USA", "Amerika Serikat"),
    ("USA", "USA", "Amerika Serikat"),
    ("U.S.A.", "USA", "Amerika Serikat"),
    ("US", "USA", "Amerika Serikat"),
    ("United States", "USA", "Amerika Serikat"),
    ("United States of America", "USA", "Amerika Serikat"),
    ("Amerika Syarikat", "USA", "Amerika Serikat"),
    ("Hongkong", "HKG", "Hong Kong"),
    ("Hong Kong", "HKG", "Hong Kong"),
    ("HK", "HKG", "Hong Kong"),
    ("Singapura", "SGP", "Singapura"),
    ("Singapore", "SGP", "Singapura"),
    ("SINGAPORE", "SGP", "Singapura"),
    ("Jepang", "JPN", "Jepang"),
    ("Japan", "JPN", "Jepang"),
    ("Taiwan", "TWN", "Taiwan"),
    ("Taiwan ROC", "TWN", "Taiwan"),
    ("Chinese Taipei", "TWN", "Taiwan"),
    ("Inggris", "GBR", "Inggris"),
    ("Britania Raya", "GBR", "Inggris"),
    ("UK", "GBR", "Inggris"),
    ("United Kingdom", "GBR", "Inggris"),
    ("England", "GBR", "Inggris"),
    ("Belanda", "NLD", "Belanda"),
    ("Netherlands", "NLD", "Belanda"),
    ("Holland", "NLD", "Belanda"),
    ("Jerman", "DEU", "Jerman"),
    ("Germany", "DEU", "Jerman"),
    ("Perancis", "FRA", "Prancis"),
    ("Prancis", "FRA", "Prancis"),
    ("France", "FRA", "Prancis"),
    ("Uni Emirat Arab", "ARE", "Uni Emirat Arab"),
    ("UEA", "ARE", "Uni Emirat Arab"),
    ("UAE", "ARE", "Uni Emirat Arab"),
    ("Emirat Arab", "ARE", "Uni Emirat Arab"),
    ("Arab Saudi", "SAU", "Arab Saudi"),
    ("Saudi Arabia", "SAU", "Arab Saudi"),
    ("Saudi", "SAU", "Arab Saudi"),
    ("Malaysia", "MYS", "Malaysia"),
    ("Malaysia Barat", "MYS", "Malaysia"),
    ("Thailand", "THA", "Thailand"),
    ("Muangthai", "THA", "Thailand"),
    ("Vietnam", "VNM", "Vietnam"),
    ("Viet Nam", "VNM", "Vietnam"),
    ("Rusia", "RUS", "Rusia"),
    ("Russia", "RUS", "Rusia"),
    ("Russian Federation", "RUS", "Rusia"),
    ("Turki", "TUR", "Turki"),
    ("Turkey", "TUR", "Turki"),
    ("Türkiye", "TUR", "Turki"),
    ("Mesir", "EGY", "Mesir"),
    ("Egypt", "EGY", "Mesir"),
    ("Tanzania", "TZA", "Tanzania"),
    ("Filipina", "PHL", "Filipina"),
    ("Philippines", "PHL", "Filipina"),
    ("Brunei", "BRN", "Brunei Darussalam"),
    ("India", "IND", "India"),
    ("Australia", "AUS", "Australia"),
    ("Selandia Baru", "NZL", "Selandia Baru"),
    ("New Zealand", "NZL", "Selandia Baru"),
    ("Kanada", "CAN", "Kanada"),
    ("Iran", "IRN", "Iran"),
    ("Sri Lanka", "LKA", "Sri Lanka"),
    ("Pantai Gading", "CIV", "Pantai Gading"),
    ("Ivory Coast", "CIV", "Pantai Gading"),
    ("Cote d'Ivoire", "CIV", "Pantai Gading"),
    ("Côte d’Ivoire", "CIV", "Pantai Gading"),
    ("Ceko", "CZE", "Ceko"),
    ("Timor Leste", "TLS", "Timor Leste"),
    ("Timor-Leste", "TLS", "Timor Leste"),
    ("Afrika Selatan", "ZAF", "Afrika Selatan"),
    ("Swiss", "CHE", "Swiss"),
    ("Yordania", "JOR", "Yordania"),
    ("Suriah", "SYR", "Suriah"),
    ("Indonesia", "IDN", "Indonesia"),
    # noise around a name
    ("Negara Singapura", "SGP", "Singapura"),
    ("Singapore (SGP)", "SGP", "Singapura"),
    ("  jepang\u00a0 ", "JPN", "Jepang"),
    ("Jeddah, Saudi Arabia", "SAU", "Arab Saudi"),
    ("Dubai - UAE", "ARE", "Uni Emirat Arab"),
]

CITIES = [
    ("Dubai", "ARE"), ("Abu Dhabi", "ARE"), ("Sharjah", "ARE"),
    ("Jeddah", "SAU"), ("Jedah", "SAU"), ("Jiddah", "SAU"), ("Riyadh", "SAU"), ("Riyad", "SAU"), ("Makkah", "SAU"),
    ("Mekkah", "SAU"), ("Madinah", "SAU"),
    ("Tokyo", "JPN"), ("Osaka", "JPN"), ("Busan", "KOR"), ("Seoul", "KOR"),
    ("Shanghai", "CHN"), ("Guangzhou", "CHN"), ("Beijing", "CHN"), ("Shenzhen", "CHN"),
    ("Kuala Lumpur", "MYS"), ("Port Klang", "MYS"), ("Penang", "MYS"), ("Johor", "MYS"),
    ("Bangkok", "THA"), ("Rotterdam", "NLD"), ("Amsterdam", "NLD"), ("Hamburg", "DEU"),
    ("Los Angeles", "USA"), ("New York", "USA"), ("Dar es Salaam", "TZA"), ("Istanbul", "TUR"),
    ("Karachi", "PAK"), ("Colombo", "LKA"), ("Kaohsiung", "TWN"), ("Taipei", "TWN"),
    ("Ho Chi Minh", "VNM"), ("Hanoi", "VNM"), ("Manila", "PHL"), ("Doha", "QAT"), ("Kuwait City", "KWT"),
    ("Muscat", "OMN"), ("Cairo", "EGY"), ("Kairo", "EGY"), ("Sydney", "AUS"), ("Melbourne", "AUS"),
    ("London", "GBR"), ("DUBAI", "ARE"),
]

REGIONS = [
    ("Eropa", "Eropa"), ("Europe", "Eropa"), ("Uni Eropa", "Eropa"), ("EU", "Eropa"),
    ("Timur Tengah", "Timur Tengah"), ("Middle East", "Timur Tengah"),
    ("Asia", "Asia"), ("Asia Tenggara", "Asia Tenggara"), ("ASEAN", "Asia Tenggara"),
    ("Afrika", "Afrika"), ("Africa", "Afrika"), ("Amerika Latin", "Amerika Latin"),
    ("Amerika Selatan", "Amerika Selatan"), ("South America", "Amerika Selatan"),
    ("Oseania", "Oseania"), ("Asia Timur", "Asia Timur"), ("Asia Selatan", "Asia Selatan"),
    ("Afrika Timur", "Afrika Timur"), ("Afrika Barat", "Afrika Barat"),
    ("Lain-lain", "Lainnya"), ("Lainnya", "Lainnya"), ("Others", "Lainnya"), ("Negara Lainnya", "Lainnya"),
    ("LAIN-LAIN", "Lainnya"),
]


@pytest.mark.parametrize(("raw", "destination", "name"), COUNTRY_ALIASES)
def test_country_aliases(raw: str, destination: str, name: str) -> None:
    assert resolve_one(raw) == (destination, name, "country")


@pytest.mark.parametrize(("raw", "destination"), CITIES)
def test_cities_count_for_their_country(raw: str, destination: str) -> None:
    assert resolve_one(raw) == (destination, names.display_name(destination), "country")


@pytest.mark.parametrize(("raw", "region"), REGIONS)
def test_regions_stay_regions(raw: str, region: str) -> None:
    assert resolve_one(raw) == (region, region, "region")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Negeri Antah Berantah", "Negeri Antah Berantah"),
        ("  Negeri   Antah\nBerantah ", "Negeri Antah Berantah"),
        ("Wakanda", "Wakanda"),
        ("日本", "日本"),
        # two places in one cell cannot be split safely, so the cell stays as written
        ("Singapura / Malaysia", "Singapura / Malaysia"),
        ("Korea, Wakanda", "Korea, Wakanda"),
    ],
)
def test_unknown_names_are_kept_as_written(raw: str, expected: str) -> None:
    assert resolve_one(raw) == (expected, expected, "unknown")


@pytest.mark.parametrize("raw", [None, "", "   ", "\u00a0", "-", "—", "?"])
def test_blank_destination_is_null_and_unknown(raw: str | None) -> None:
    assert resolve_one(raw) == (None, None, "unknown")


def test_resolve_returns_one_row_per_distinct_value_in_first_seen_order() -> None:
    raws = pl.Series(["Korsel", None, "Korsel", "Dubai", None, "Wakanda", "Dubai"])
    resolved = names.resolve_destinations(raws)
    assert resolved.columns == ["raw", Column.DESTINATION, Column.DESTINATION_NAME, Column.DESTINATION_KIND]
    assert resolved["raw"].to_list() == ["Korsel", None, "Dubai", "Wakanda"]
    assert resolved[Column.DESTINATION].to_list() == ["KOR", None, "ARE", "Wakanda"]


def test_resolve_a_million_rows() -> None:
    spellings = [*names.destination_table()["alias"].head(190), *(f"Tempat {i}" for i in range(9)), None]
    raws = pl.Series("negara", spellings * 5_000)
    assert raws.len() == 1_000_000
    resolved = names.resolve_destinations(raws)
    assert resolved.height == len(spellings)
    assert resolved[Column.DESTINATION_KIND].null_count() == 0
    assert resolved.filter(pl.col(Column.DESTINATION_KIND) == "unknown").height == 10


def test_resolve_accepts_an_all_null_series() -> None:
    resolved = names.resolve_destinations(pl.Series([None, None]))
    assert resolved.rows() == [(None, None, None, "unknown")]


def test_caller_can_left_join_on_raw() -> None:
    records = pl.DataFrame({"negara": ["Korsel", "Jepang", "Korsel", "Wakanda"], "nilai": [1.0, 2.0, 3.0, 4.0]})
    joined = records.join(names.resolve_destinations(records["negara"]), left_on="negara", right_on="raw", how="left")
    totals = joined.group_by(Column.DESTINATION).agg(pl.col("nilai").sum()).sort(Column.DESTINATION)
    assert totals.rows() == [("JPN", 2.0), ("KOR", 4.0), ("Wakanda", 4.0)]


def pycountry_spellings() -> list[tuple[str, str]]:
    spellings = []
    for country in pycountry.countries:
        for field in ("alpha_3", "alpha_2", "name"):
            spellings.append((getattr(country, field), country.alpha_3))
    return spellings


# The office writes "AS" for Amerika Serikat; American Samoa keeps its other spellings.
OFFICE_OVERRIDES = {("AS", "ASM"): "USA"}


@pytest.mark.parametrize(("raw", "destination"), pycountry_spellings())
def test_every_iso_country_resolves_to_itself(raw: str, destination: str) -> None:
    expected = OFFICE_OVERRIDES.get((raw, destination), destination)
    resolved, name, kind = resolve_one(raw)
    assert (resolved, kind) == (expected, "country")
    assert name == names.display_name(expected)


def test_every_iso_country_has_an_indonesian_name() -> None:
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    table = names.destination_table().filter(pl.col(Column.DESTINATION_KIND) == "country")
    named = dict(zip(table[Column.DESTINATION], table[Column.DESTINATION_NAME], strict=True))
    assert set(named) == {country.alpha_3 for country in pycountry.countries}
    # the catalogue is the fallback: a country without a hand-written name gets its catalogue name
    assert named["ISL"] == catalogue.gettext("Iceland") == "Islandia"


def test_destination_table_has_one_row_per_alias() -> None:
    table = names.destination_table()
    assert table.columns == [
        "alias", Column.DESTINATION, Column.DESTINATION_NAME, "destination_name_en", Column.DESTINATION_KIND,
    ]
    assert table["alias"].is_unique().all()
    assert table.select(names.normalise_name_expr(pl.col("alias")))["alias"].equals(table["alias"])


def test_hand_tables_never_send_one_spelling_to_two_places() -> None:
    owners: dict[str, set[str]] = {}
    for table in (names._COUNTRY_ALIASES, names._CITIES):
        for code, spellings in table.items():
            for spelling in spellings:
                owners.setdefault(names.normalise_name(spelling), set()).add(code)
    for region, (_, spellings) in names._REGIONS.items():
        for spelling in spellings:
            owners.setdefault(names.normalise_name(spelling), set()).add(region)
    assert {key: places for key, places in owners.items() if len(places) > 1} == {}


@pytest.mark.parametrize(
    ("code", "lang", "expected"),
    [
        ("KOR", "id", "Korea Selatan"),
        ("KOR", "en", "South Korea"),
        ("CHN", "id", "Tiongkok"),
        ("CHN", "en", "China"),
        ("USA", "en", "United States"),
        ("TWN", "id", "Taiwan"),
        ("TWN", "en", "Taiwan"),
        ("RUS", "en", "Russia"),
        ("TZA", "en", "Tanzania"),
        ("ISL", "id", "Islandia"),
        ("Eropa", "id", "Eropa"),
        ("Eropa", "en", "Europe"),
        ("Timur Tengah", "en", "Middle East"),
        ("Lainnya", "en", "Others"),
        ("Wakanda", "en", "Wakanda"),
    ],
)
def test_display_name(code: str, lang: str, expected: str) -> None:
    assert names.display_name(code, lang) == expected


@pytest.mark.parametrize(
    ("code", "expected"), [("IDN", "360"), ("SGP", "702"), ("AUT", "040"), ("AFG", "004"), ("Eropa", None)]
)
def test_iso_numeric(code: str, expected: str | None) -> None:
    assert names.iso_numeric(code) == expected


def test_iso_numeric_table_covers_every_country_with_three_digits() -> None:
    table = names.iso_numeric_table()
    assert table.columns == [Column.DESTINATION, "iso_numeric"]
    assert table.height == len(pycountry.countries)
    assert table["iso_numeric"].str.contains(r"^\d{3}$").all()
    assert table.filter(pl.col(Column.DESTINATION) == "USA")["iso_numeric"].item() == "840"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Türkiye ", "turkiye"),
        ("U.S.A.", "usa"),
        ("Côte d'Ivoire", "cote d ivoire"),
        ("Cote\u0301 d'Ivoire", "cote d ivoire"),
        ("São Tomé & Príncipe", "sao tome principe"),
        ("Việt Nam", "viet nam"),
        ("Lain-lain", "lain lain"),
        ("KOREA,\n  REPUBLIC OF", "korea republic of"),
        ("Straße", "strasse"),
        ("İstanbul", "istanbul"),
        ("日本", ""),
    ],
)
def test_normalise_name(text: str, expected: str) -> None:
    assert names.normalise_name(text) == expected
    assert pl.select(names.normalise_name_expr(pl.lit(text))).item() == expected


@given(st.lists(st.text(), max_size=20))
def test_normalise_name_expr_agrees_with_python(texts: list[str]) -> None:
    expr_result = pl.Series(texts, dtype=pl.String).to_frame("t").select(names.normalise_name_expr(pl.col("t")))
    assert expr_result["t"].to_list() == [names.normalise_name(text) for text in texts]


@given(st.text(alphabet=st.characters(codec="latin-1") | st.sampled_from("ẞŁłĐđŒœİıạệỹ\u0301\u0308")))
def test_normalise_name_expr_agrees_with_python_on_accented_latin(text: str) -> None:
    assert pl.select(names.normalise_name_expr(pl.lit(text, pl.String))).item() == names.normalise_name(text)


def test_normalise_name_expr_keeps_nulls() -> None:
    assert pl.select(names.normalise_name_expr(pl.lit(None, pl.String))).item() is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Eksportir Baru", "new"), ("Baru", "new"), ("BARU", "new"), ("New", "new"), ("New Exporter", "new"),
        ("EB", "new"), ("eksportir  baru", "new"),
        ("UMKM", "umkm"), ("UKM", "umkm"), ("IKM", "umkm"), ("Usaha Mikro", "umkm"), ("Usaha Kecil", "umkm"),
        ("Usaha Menengah", "umkm"), ("Mikro", "umkm"), ("Kecil", "umkm"), ("Menengah", "umkm"),
        ("usaha mikro/kecil/menengah", "umkm"), ("SME", "umkm"), ("SMEs", "umkm"), ("MSME", "umkm"),
        ("Small", "umkm"), ("Micro", "umkm"), (" umkm ", "umkm"),
        ("Besar", "established"), ("Usaha Besar", "established"), ("Non UMKM", "established"),
        ("Non-UMKM", "established"), ("NON UMKM", "established"), ("Lama", "established"),
        ("Eksportir Lama", "established"), ("Established", "established"), ("Large", "established"),
        ("Eksisting", "established"), ("Existing", "established"), ("Reguler", "established"),
        ("Koperasi", "unknown"), ("", "unknown"), ("-", "unknown"), (None, "unknown"),
        # whole words only: "eb" hides in "website", "baru" in "barus"
        ("Website", "unknown"), ("Barus", "unknown"),
    ],
)
def test_exporter_type(raw: str | None, expected: str) -> None:
    assert pl.select(names.exporter_type_expr(pl.lit(raw, pl.String))).item() == expected


def test_exporter_type_never_null_and_within_schema() -> None:
    raws = pl.Series(["Baru", None, "UMKM", "Besar", "??", ""], dtype=pl.String)
    types = raws.to_frame("t").select(names.exporter_type_expr(pl.col("t")))["t"]
    assert types.null_count() == 0
    assert set(types) <= set(EXPORTER_TYPES)
    assert types.to_list() == ["new", "unknown", "umkm", "established", "unknown", "unknown"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Sarung   Batik ", "Sarung Batik"),
        ("Sarung\u00a0Batik", "Sarung Batik"),
        ("Kain\nBatik\t", "Kain Batik"),
        ("Crab\u200b Shell  Pellet", "Crab Shell Pellet"),
        ("Surimi", "Surimi"),
        (None, None),
    ],
)
def test_commodity_whitespace(raw: str | None, expected: str | None) -> None:
    assert pl.select(names.commodity_expr(pl.lit(raw, pl.String))).item() == expected


def canonical(spellings: list[str | None]) -> dict[str, str]:
    counts = pl.DataFrame({"spelling": spellings}).group_by("spelling").agg(pl.len().cast(pl.UInt32).alias("rows"))
    return dict(names.canonical_spellings(counts).iter_rows())


def test_canonical_spelling_is_the_most_frequent_one() -> None:
    assert canonical(["SARUNG BATIK", "sarung batik", "Sarung Batik", "Sarung Batik", "SURIMI", "SURIMI", None]) == {
        "SARUNG BATIK": "Sarung Batik", "sarung batik": "Sarung Batik", "Sarung Batik": "Sarung Batik",
        "SURIMI": "SURIMI",
    }


@pytest.mark.parametrize(
    ("spellings", "expected"),
    [
        # a tie prefers the spelling that is neither all upper nor all lower case
        (["KAIN BATIK", "kain batik", "Kain Batik"], "Kain Batik"),
        (["KAIN BATIK", "Kain batik"], "Kain batik"),
        # then the alphabetically first
        (["Kain Batik", "Kain batik"], "Kain Batik"),
        (["KAIN BATIK", "kain batik"], "KAIN BATIK"),
        # frequency beats good looks
        (["KAIN BATIK", "KAIN BATIK", "Kain Batik"], "KAIN BATIK"),
    ],
)
def test_canonical_spelling_ties(spellings: list[str], expected: str) -> None:
    assert set(canonical(spellings).values()) == {expected}


def test_spellings_are_merged_across_files_by_their_rows_in_all_files() -> None:
    # File A alone would pick "Sarung Batik" (3 rows to 1); with file B's 5 rows, "SARUNG BATIK" has 6 in all.
    from pekalongan.ingest import load

    head = "Tanggal;Nama Perusahaan;Komoditi;Negara Tujuan;Nilai FOB (US$)\n"
    a = head + "".join(f"0{d}/01/2021;PT A;{c};Jepang;10\n" for d, c in
                       enumerate(["Sarung Batik"] * 3 + ["SARUNG BATIK"], start=1))
    b = head + "".join(f"0{d}/02/2021;PT B;SARUNG BATIK;Jepang;10\n" for d in range(1, 6))
    one = load([("a.csv", a.encode())]).records
    both = load([("a.csv", a.encode()), ("b.csv", b.encode())]).records
    assert set(one.get_column("commodity").cast(pl.String)) == {"Sarung Batik"}
    assert set(both.get_column("commodity").cast(pl.String)) == {"SARUNG BATIK"}
    assert both.height == 9


# ----------------------------------------------------------------------------------------------------- HS codes


@pytest.mark.parametrize(
    ("label", "hs", "commodity"),
    [
        ("[03] Ikan dan udang", "03", "Ikan dan udang"),
        ("[16] Olahan daging/ikan", "16", "Olahan daging/ikan"),
        ("HS 16 Olahan daging/ikan", "16", "Olahan daging/ikan"),
        ("HS16 - Olahan daging/ikan", "16", "Olahan daging/ikan"),
        ("hs 03: Ikan", "03", "Ikan"),
        ("16 - Olahan daging", "16", "Olahan daging"),
        ("16 – Olahan daging", "16", "Olahan daging"),
        ("03 Ikan dan udang", "03", "Ikan dan udang"),
        ("0306.17 Udang beku", "0306.17", "Udang beku"),
        ("1605 : Surimi", "1605", "Surimi"),
        ("[3] Ikan", "03", "Ikan"),  # a chapter that lost its zero
        ("(62) Pakaian bukan rajutan", "62", "Pakaian bukan rajutan"),
        ("  [52]   Kapas ", "52", "Kapas"),
        ("Sarung Batik", None, "Sarung Batik"),
        ("2 Tak", None, "2 Tak"),  # a number that is no code
        ("10. Kopi", None, "10. Kopi"),  # item ten of a numbered list
        ("Batik 2021", None, "Batik 2021"),
        (None, None, None),
    ],
)
def test_an_hs_label_fills_the_code_and_the_commodity(label, hs, commodity) -> None:
    got = pl.select(names.hs_label(pl.lit(label, pl.String)).alias("x")).item()
    assert got == {Column.HS_CODE: hs, Column.COMMODITY: commodity}


@pytest.mark.parametrize(
    ("values", "dtype", "codes", "padded"),
    [
        ([3036700, 50800, 1605, None], pl.Int64, ["03036700", "050800", "1605", None], [True, True, False, False]),
        ([3036700.0, 303.0], pl.Float64, ["03036700", "0303"], [True, True]),
        (["3036700", "50800", "0508.00", "508.00", " 0303 ", "3036700.0", "", "ABC"], pl.String,
         ["03036700", "050800", "0508.00", "0508.00", "0303", "03036700", None, "ABC"],
         [True, True, False, True, False, True, False, False]),
    ],
)
def test_hs_codes_that_were_numbers_get_their_zero_back(values, dtype, codes, padded) -> None:
    frame = pl.DataFrame({"hs": values}, schema={"hs": dtype})
    got = frame.select(names.hs_code_expr(pl.col("hs"), dtype).alias("c"), names.hs_number_padded(pl.col("hs"), dtype)
                       .alias("p"))
    assert got.get_column("c").to_list() == codes
    assert got.get_column("p").to_list() == padded


@given(st.integers(1, 5).flatmap(lambda n: st.text("0123456789", min_size=2 * n, max_size=2 * n)),
       st.sampled_from([pl.Int64, pl.Float64, pl.String]))
def test_any_hs_code_survives_being_a_number(code: str, dtype) -> None:
    # A customs code of 2-10 digits, written as a number (its leading zeros lost), comes back as written, except
    # when more than one zero was lost: then it comes back with one zero less, still of even length.
    number = int(code)
    cell = {pl.Int64: number, pl.Float64: float(number), pl.String: str(number)}[dtype]
    got = pl.DataFrame({"hs": [cell]}, schema={"hs": dtype}).select(names.hs_code_expr(pl.col("hs"), dtype)).item()
    assert len(got) % 2 == 0
    assert got.lstrip("0") == code.lstrip("0")
    if not code.startswith("00"):
        assert got == code or number == 0


@given(st.sampled_from(["[{c}] {n}", "HS {c} {n}", "{c} - {n}", "({c}) {n}"]),
       st.integers(1, 99).map(lambda n: f"{n:02d}"),
       st.text("abcdefghijklmnopqrstuvwxyz ", min_size=3, max_size=30).map(str.strip).filter(lambda s: len(s) >= 3))
def test_any_chapter_label_splits(template: str, chapter: str, name: str) -> None:
    label = template.format(c=chapter, n=name.title())
    got = pl.select(names.hs_label(pl.lit(label)).alias("x")).item()
    assert got[Column.HS_CODE] == chapter
    assert got[Column.COMMODITY] == " ".join(name.title().split())
