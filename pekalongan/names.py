"""Names as offices write them, turned into stable keys: destinations, exporter types and commodities.

Destinations resolve through one lookup frame (`destination_table`) keyed by a normalised alias. Every ISO 3166-1
country comes from pycountry (codes, English names, Indonesian names from its gettext catalogue); the hand tables
below add the office's spellings, abbreviations, port cities and the regions that statistics tables use instead of
countries. Adding a spelling is one line in `_COUNTRY_ALIASES`, `_CITIES` or `_REGIONS`.

Everything that touches a record column is a polars expression or a join on the distinct values, never a Python
loop over rows: a register can hold a million rows but only a few hundred distinct country spellings.
"""

from __future__ import annotations

import functools
import gettext
import re
import unicodedata
from typing import Any, Final

import polars as pl
import pycountry

from pekalongan.schema import Column

COUNTRY: Final = "country"
REGION: Final = "region"
UNKNOWN: Final = "unknown"

# --- Normalisation -------------------------------------------------------------------------------------------


def _fold_table() -> dict[str, str]:
    """Accented Latin letters -> their ASCII base, combining marks and dots -> nothing."""
    table: dict[str, str] = {}
    # Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional (Vietnamese) cover every accent an
    # office is likely to type; fixed blocks keep Python and polars on exactly the same mapping.
    for start, end in ((0x00C0, 0x024F), (0x1E00, 0x1EFF)):
        for point in range(start, end + 1):
            char = chr(point)
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            if base != char and base.isascii() and base.isalnum():
                table[char] = base.lower()
    # Letters that are not "letter + accent" in Unicode, so NFKD leaves them alone.
    table.update({
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "đ": "d", "Đ": "d",
        "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "ı": "i", "ħ": "h", "Ħ": "h",
    })
    # Decomposed input ("e" + U+0301) must fold like the precomposed letter, not split the word.
    table.update({chr(point): "" for point in range(0x0300, 0x0370)})
    # "U.S.A." and "usa" are the same word; other punctuation separates words.
    table["."] = ""
    return table


_FOLD: Final[dict[str, str]] = _fold_table()
_FOLD_TRANSLATION: Final = str.maketrans(_FOLD)
_NOT_ALNUM: Final = r"[^a-z0-9]+"


def normalise_name(text: str) -> str:
    """'  Türkiye ' -> 'turkiye'; 'U.S.A.' -> 'usa'; "Côte d'Ivoire" -> 'cote d ivoire'"""
    folded = text.lower().translate(_FOLD_TRANSLATION)
    return re.sub(_NOT_ALNUM, " ", folded).strip(" ")


def normalise_name_expr(expr: pl.Expr) -> pl.Expr:
    """pl.col('negara'): '  Türkiye ' -> 'turkiye'; 'U.S.A.' -> 'usa'; null -> null"""
    return (
        expr.str.to_lowercase()
        .str.replace_many(list(_FOLD), list(_FOLD.values()))
        .str.replace_all(_NOT_ALNUM, " ")
        .str.strip_chars(" ")
    )


# --- Destination tables ---------------------------------------------------------------------------------------

# Indonesian display names as the office writes them; they win over pycountry's Indonesian catalogue, which has
# older or formal forms ("Cina", "Federasi Rusia", "Taiwan, Provinsi China", "Timor Timur").
_NAMES_ID: Final[dict[str, str]] = {
    "SGP": "Singapura", "KOR": "Korea Selatan", "PRK": "Korea Utara", "USA": "Amerika Serikat", "CHN": "Tiongkok",
    "JPN": "Jepang", "TWN": "Taiwan", "TZA": "Tanzania", "MYS": "Malaysia", "THA": "Thailand", "SAU": "Arab Saudi",
    "ARE": "Uni Emirat Arab", "HKG": "Hong Kong", "MAC": "Makau", "NLD": "Belanda", "DEU": "Jerman",
    "GBR": "Inggris", "FRA": "Prancis", "VNM": "Vietnam", "PHL": "Filipina", "NZL": "Selandia Baru",
    "ZAF": "Afrika Selatan", "EGY": "Mesir", "TUR": "Turki", "RUS": "Rusia", "IND": "India", "AUS": "Australia",
    "CAN": "Kanada", "MEX": "Meksiko", "BRA": "Brasil", "ITA": "Italia", "ESP": "Spanyol", "BEL": "Belgia",
    "CHE": "Swiss", "SWE": "Swedia", "DNK": "Denmark", "NOR": "Norwegia", "FIN": "Finlandia", "POL": "Polandia",
    "GRC": "Yunani", "PRT": "Portugal", "IRL": "Irlandia", "AUT": "Austria", "CZE": "Ceko", "HUN": "Hongaria",
    "SVK": "Slowakia", "ROU": "Rumania", "UKR": "Ukraina", "LUX": "Luksemburg", "BGD": "Bangladesh",
    "PAK": "Pakistan", "LKA": "Sri Lanka", "NPL": "Nepal", "MMR": "Myanmar", "KHM": "Kamboja", "LAO": "Laos",
    "BRN": "Brunei Darussalam", "TLS": "Timor Leste", "PNG": "Papua Nugini", "QAT": "Qatar", "KWT": "Kuwait",
    "OMN": "Oman", "BHR": "Bahrain", "JOR": "Yordania", "IRQ": "Irak", "IRN": "Iran", "ISR": "Israel",
    "LBN": "Lebanon", "SYR": "Suriah", "YEM": "Yaman", "PSE": "Palestina", "MAR": "Maroko", "DZA": "Aljazair",
    "TUN": "Tunisia", "LBY": "Libya", "SDN": "Sudan", "ETH": "Etiopia", "KEN": "Kenya", "UGA": "Uganda",
    "NGA": "Nigeria", "GHA": "Ghana", "SEN": "Senegal", "CIV": "Pantai Gading", "CMR": "Kamerun",
    "MDG": "Madagaskar", "MOZ": "Mozambik", "MUS": "Mauritius", "COD": "Republik Demokratik Kongo",
    "COG": "Kongo", "CPV": "Tanjung Verde", "CHL": "Chili", "ARG": "Argentina", "PER": "Peru", "COL": "Kolombia",
    "VEN": "Venezuela", "BOL": "Bolivia", "ECU": "Ekuador", "MNG": "Mongolia", "KAZ": "Kazakhstan",
    "UZB": "Uzbekistan", "KGZ": "Kirgizstan", "MDA": "Moldova", "MDV": "Maladewa", "FJI": "Fiji",
    "FSM": "Mikronesia", "VAT": "Vatikan",
}

# English display names where pycountry's is an inverted list entry ("Korea, Republic of") or a formal name.
_NAMES_EN: Final[dict[str, str]] = {
    "RUS": "Russia", "COD": "Democratic Republic of the Congo", "FSM": "Micronesia", "PSE": "Palestine",
    "VAT": "Vatican City", "VGB": "British Virgin Islands", "VIR": "U.S. Virgin Islands",
    "FLK": "Falkland Islands", "MAF": "Saint Martin", "SXM": "Sint Maarten", "BRN": "Brunei",
}

# Spellings, abbreviations and old names seen in registers. Display names and pycountry names are added anyway.
_COUNTRY_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "KOR": ("Korsel", "Korea", "Korea Selatan", "South Korea", "Republic of Korea", "Korea, Republic of",
            "Rep. of Korea", "Korea Rep", "Republik Korea", "Korea Republik"),
    "PRK": ("Korea Utara", "North Korea", "Korut"),
    "CHN": ("RRT", "RRC", "Tiongkok", "Cina", "China", "Republik Rakyat Tiongkok", "Republik Rakyat Cina",
            "Republik Rakyat China", "PRC", "P.R. China", "PR China", "P.R.C.", "Mainland China", "Tiongkok RRT"),
    "USA": ("Amerika", "Amerika Serikat", "AS", "A.S.", "USA", "U.S.A.", "US", "U.S.", "United States",
            "United States of America", "Amerika Syarikat", "America"),
    "HKG": ("Hongkong", "Hong Kong", "HK", "Hong Kong SAR", "Hongkong SAR"),
    "MAC": ("Makau", "Macau", "Macao"),
    "SGP": ("Singapura", "Singapore", "Singapur"),
    "JPN": ("Jepang", "Japan", "Jepun"),
    "TWN": ("Taiwan", "Taiwan ROC", "Taiwan R.O.C.", "Chinese Taipei", "Taiwan, Province of China"),
    "GBR": ("Inggris", "Britania Raya", "UK", "U.K.", "United Kingdom", "England", "Great Britain", "Britain",
            "Scotland", "Skotlandia", "Wales"),
    "NLD": ("Belanda", "Netherlands", "The Netherlands", "Holland", "Nederland"),
    "DEU": ("Jerman", "Germany", "Deutschland"),
    "FRA": ("Perancis", "Prancis", "France"),
    "ARE": ("Uni Emirat Arab", "UEA", "U.E.A.", "UAE", "U.A.E.", "Emirat Arab", "United Arab Emirates",
            "Emirates", "Persatuan Emirat Arab"),
    "SAU": ("Arab Saudi", "Saudi Arabia", "Saudi", "Saudi Arabiah", "KSA", "Kerajaan Arab Saudi"),
    "MYS": ("Malaysia", "Malaysia Barat", "Malaysia Timur"),
    "THA": ("Thailand", "Muangthai", "Muang Thai", "Thai"),
    "VNM": ("Vietnam", "Viet Nam"),
    "RUS": ("Rusia", "Russia", "Russian Federation", "Federasi Rusia"),
    "TUR": ("Turki", "Turkey", "Türkiye", "Turkiye"),
    "EGY": ("Mesir", "Egypt"),
    "TZA": ("Tanzania",),
    "PHL": ("Filipina", "Philippines", "Philipines", "Phillipines", "Philippine"),
    "BRN": ("Brunei", "Brunei Darussalam"),
    "IND": ("India",),
    "AUS": ("Australia",),
    "NZL": ("Selandia Baru", "New Zealand"),
    "CAN": ("Kanada", "Canada"),
    "IRN": ("Iran",),
    "LKA": ("Sri Lanka", "Srilanka"),
    "CIV": ("Pantai Gading", "Ivory Coast", "Cote d'Ivoire"),
    "CZE": ("Ceko", "Republik Ceko", "Czech Republic", "Czech"),
    "ZAF": ("Afrika Selatan", "South Africa"),
    "KHM": ("Kamboja", "Cambodia"),
    "LAO": ("Laos",),
    "MMR": ("Myanmar", "Burma"),
    "TLS": ("Timor Leste", "East Timor"),
    "PNG": ("Papua Nugini", "Papua New Guinea"),
    "CHE": ("Swiss", "Switzerland"),
    "SYR": ("Suriah", "Syria"),
    "YEM": ("Yaman", "Yemen"),
    "JOR": ("Yordania", "Jordan"),
    "PSE": ("Palestina", "Palestine"),
    "ETH": ("Etiopia", "Ethiopia"),
    "BIH": ("Bosnia",),
    "TTO": ("Trinidad & Tobago",),
}

# Ports and cities written in the destination column; they count for their country.
_CITIES: Final[dict[str, tuple[str, ...]]] = {
    "ARE": ("Dubai", "Abu Dhabi", "Sharjah", "Jebel Ali", "Ajman"),
    "SAU": ("Jeddah", "Jedah", "Jiddah", "Jeddah Port", "Riyadh", "Riyad", "Makkah", "Mekkah", "Mekah", "Mecca",
            "Madinah", "Medina", "Dammam"),
    "JPN": ("Tokyo", "Osaka", "Yokohama", "Nagoya", "Kobe"),
    "KOR": ("Busan", "Pusan", "Seoul", "Incheon"),
    "CHN": ("Shanghai", "Guangzhou", "Beijing", "Shenzhen", "Xiamen", "Ningbo", "Qingdao", "Tianjin"),
    "MYS": ("Kuala Lumpur", "Port Klang", "Pelabuhan Klang", "Klang", "Penang", "Pulau Pinang", "Johor",
            "Johor Bahru", "Pasir Gudang"),
    "THA": ("Bangkok", "Laem Chabang"),
    "NLD": ("Rotterdam", "Amsterdam"),
    "DEU": ("Hamburg", "Bremen", "Bremerhaven"),
    "BEL": ("Antwerp", "Antwerpen"),
    "USA": ("Los Angeles", "New York", "Long Beach", "Oakland", "Houston"),
    "TZA": ("Dar es Salaam",),
    "TUR": ("Istanbul",),
    "PAK": ("Karachi",),
    "LKA": ("Colombo",),
    "TWN": ("Kaohsiung", "Taipei"),
    "VNM": ("Ho Chi Minh", "Ho Chi Minh City", "Saigon", "Hanoi", "Haiphong"),
    "PHL": ("Manila",),
    "QAT": ("Doha",),
    "KWT": ("Kuwait City",),
    "OMN": ("Muscat",),
    "EGY": ("Cairo", "Kairo", "Alexandria", "Port Said"),
    "AUS": ("Sydney", "Melbourne", "Brisbane"),
    "GBR": ("London", "Felixstowe"),
    "IND": ("Mumbai", "Chennai", "Nhava Sheva"),
    "BGD": ("Dhaka", "Chittagong"),
    "KEN": ("Mombasa", "Nairobi"),
    "NZL": ("Auckland",),
    "CAN": ("Vancouver", "Toronto"),
}

# Regions that statistics tables report instead of countries: key (Indonesian) -> (English name, aliases).
_REGIONS: Final[dict[str, tuple[str, tuple[str, ...]]]] = {
    "Eropa": ("Europe", ("Eropa", "Europe", "Uni Eropa", "EU", "European Union", "Eropa Barat", "Eropa Timur")),
    "Timur Tengah": ("Middle East", ("Timur Tengah", "Middle East", "Timteng")),
    "Asia": ("Asia", ("Asia", "Asia Lainnya")),
    "Asia Tenggara": ("Southeast Asia", ("Asia Tenggara", "ASEAN", "Southeast Asia", "South East Asia")),
    "Asia Timur": ("East Asia", ("Asia Timur", "East Asia")),
    "Asia Selatan": ("South Asia", ("Asia Selatan", "South Asia")),
    "Afrika": ("Africa", ("Afrika", "Africa")),
    "Afrika Timur": ("East Africa", ("Afrika Timur", "East Africa")),
    "Afrika Barat": ("West Africa", ("Afrika Barat", "West Africa")),
    "Amerika Latin": ("Latin America", ("Amerika Latin", "Latin America")),
    "Amerika Selatan": ("South America", ("Amerika Selatan", "South America")),
    "Amerika Utara": ("North America", ("Amerika Utara", "North America")),
    "Oseania": ("Oceania", ("Oseania", "Oceania")),
    "Lainnya": ("Others", ("Lainnya", "Lain-lain", "Lain lain", "Lain2", "Others", "Other", "Other Countries",
                           "Negara Lainnya", "Negara Lain", "Negara Lain-lain", "dll")),
}


@functools.cache
def _indonesian() -> gettext.NullTranslations:
    """pycountry's Indonesian catalogue of ISO 3166-1 names."""
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])


@functools.cache
def _countries() -> tuple[tuple[str, str, str], ...]:
    """(alpha_3, Indonesian name, English name) for every ISO 3166-1 country."""
    indonesian = _indonesian()
    rows = []
    for country in pycountry.countries:
        code = country.alpha_3
        # The catalogue spells France "Perancis"; the office (and KBBI) write "Prancis" everywhere.
        name_id = _NAMES_ID.get(code) or indonesian.gettext(country.name).replace("Perancis", "Prancis")
        name_en = _NAMES_EN.get(code) or getattr(country, "common_name", None) or country.name
        rows.append((code, name_id, name_en))
    return tuple(rows)


def _country_aliases(country: Any, name_id: str, name_en: str) -> list[str]:
    """Every spelling pycountry knows for one country, plus both display names."""
    fields = ("alpha_3", "alpha_2", "name", "common_name", "official_name")
    spellings = [getattr(country, field, None) for field in fields]
    spellings += [_indonesian().gettext(country.name), name_id, name_en]
    return [s for s in spellings if s]


@functools.cache
def destination_table() -> pl.DataFrame:
    """-> alias | destination | destination_name | destination_name_en | destination_kind, e.g. 'korsel' | 'KOR' | ..."""
    countries = {code: (name_id, name_en) for code, name_id, name_en in _countries()}
    rows: dict[str, tuple[str, str, str, str]] = {}

    def add(spelling: str, destination: str, name_id: str, name_en: str, kind: str) -> None:
        key = normalise_name(spelling)
        if key and key not in rows:  # first writer wins: hand tables are added before pycountry
            rows[key] = (destination, name_id, name_en, kind)

    for region, (name_en, aliases) in _REGIONS.items():
        for alias in aliases:
            add(alias, region, region, name_en, REGION)
    # pycountry's own spellings come last, so an office alias wins: "AS" is Amerika Serikat, not American Samoa.
    for table in (_COUNTRY_ALIASES, _CITIES):
        for code, aliases in table.items():
            for alias in aliases:
                add(alias, code, *countries[code], COUNTRY)
    for code, (name_id, name_en) in countries.items():
        add(name_id, code, name_id, name_en, COUNTRY)
        add(name_en, code, name_id, name_en, COUNTRY)
    for country in pycountry.countries:
        name_id, name_en = countries[country.alpha_3]
        for spelling in _country_aliases(country, name_id, name_en):
            add(spelling, country.alpha_3, name_id, name_en, COUNTRY)

    return pl.DataFrame(
        [(alias, *values) for alias, values in rows.items()],
        schema={
            "alias": pl.String,
            Column.DESTINATION: pl.String,
            Column.DESTINATION_NAME: pl.String,
            "destination_name_en": pl.String,
            Column.DESTINATION_KIND: pl.String,
        },
        orient="row",
    )


@functools.cache
def _display_names() -> dict[str, tuple[str, str]]:
    """destination key -> (Indonesian name, English name)."""
    names = {code: (name_id, name_en) for code, name_id, name_en in _countries()}
    names.update({region: (region, name_en) for region, (name_en, _) in _REGIONS.items()})
    return names


def display_name(code: str, lang: str = "id") -> str:
    """'KOR' -> 'Korea Selatan'; ('KOR', 'en') -> 'South Korea'; ('Eropa', 'en') -> 'Europe'; 'Xyz' -> 'Xyz'"""
    names = _display_names().get(code)
    if names is None:
        return code
    return names[1] if lang == "en" else names[0]


@functools.cache
def _numeric_codes() -> dict[str, str]:
    """alpha_3 -> ISO numeric, zero-padded as in world-atlas TopoJSON ids."""
    return {country.alpha_3: country.numeric for country in pycountry.countries}


def iso_numeric(code: str) -> str | None:
    """'IDN' -> '360'; 'SGP' -> '702'; 'AUT' -> '040'; 'Eropa' -> None"""
    return _numeric_codes().get(code)


def iso_numeric_table() -> pl.DataFrame:
    """-> destination | iso_numeric, e.g. 'SGP' | '702', one row per ISO country."""
    codes = _numeric_codes()
    return pl.DataFrame(
        {Column.DESTINATION: list(codes), "iso_numeric": list(codes.values())},
        schema={Column.DESTINATION: pl.String, "iso_numeric": pl.String},
    )


# --- Resolving a destination column ---------------------------------------------------------------------------

_BRACKETS: Final = r"\([^)]*\)|\[[^\]]*\]"
# "Negara Singapura", "Tujuan: Jepang": a leading word that only says "this is a country".
_LEADING_NOISE: Final = r"^(negara|negeri|country|tujuan|ke) "
# "Jeddah, Saudi Arabia", "Dubai - UAE": parts that must all name the same place.
_SEPARATORS: Final = r"\s+[-–—]\s+|[,;/|]"


def _whitespace_collapsed(expr: pl.Expr) -> pl.Expr:
    """'  Negeri\\u00a0 Antah\\nBerantah ' -> 'Negeri Antah Berantah'"""
    # \s alone misses the zero-width space and BOM that copy-paste from PDFs leaves behind.
    return expr.str.replace_all(r"[\s\u200b\ufeff]+", " ").str.strip_chars(" ")


def resolve_destinations(names: pl.Series) -> pl.DataFrame:
    """['Korsel', 'Dubai', 'Eropa', 'Antah', None] -> raw | destination | destination_name | destination_kind"""
    # A null cell gets its own row too, but a default left join (nulls_equal=False) will not pick it up: callers
    # fill `destination_kind` with "unknown" after joining, or join with nulls_equal=True.
    raws = pl.DataFrame({"raw": names.cast(pl.String).unique(maintain_order=True)})
    table = destination_table().select("alias", Column.DESTINATION, Column.DESTINATION_NAME, Column.DESTINATION_KIND)
    raw = pl.col("raw")
    unbracketed = raw.str.replace_all(_BRACKETS, " ")

    # Whole-name candidates, tried in order: as written, without brackets, without a leading "Negara".
    whole = pl.concat([
        raws.select(raw, pl.lit(rank).alias("rank"), key.alias("alias"))
        for rank, key in enumerate((
            normalise_name_expr(raw),
            normalise_name_expr(unbracketed),
            normalise_name_expr(unbracketed).str.replace(_LEADING_NOISE, ""),
        ))
    ])
    by_whole = (
        whole.join(table, on="alias", how="inner")
        .sort("rank")
        .group_by("raw", maintain_order=True)
        .first()
        .drop("rank", "alias")
    )

    # Only when every part resolves and all agree: "Singapura / Malaysia" is two places and stays as written.
    parts = (
        raws.select(raw, unbracketed.str.replace_all(_SEPARATORS, ",").str.split(",").alias("alias"))
        .explode("alias")
        .with_columns(normalise_name_expr(pl.col("alias")).str.replace(_LEADING_NOISE, ""))
        .filter(pl.col("alias") != "")
        .join(table, on="alias", how="left")
    )
    by_parts = (
        parts.group_by("raw")
        .agg(
            pl.col(Column.DESTINATION).null_count().alias("unresolved"),
            pl.col(Column.DESTINATION).n_unique().alias("places"),
            pl.col(Column.DESTINATION, Column.DESTINATION_NAME, Column.DESTINATION_KIND).first(),
        )
        .filter((pl.col("unresolved") == 0) & (pl.col("places") == 1))
        .drop("unresolved", "places")
    )

    resolved = pl.concat([by_whole, by_parts.join(by_whole, on="raw", how="anti")])
    as_written = _whitespace_collapsed(raw)
    # Only punctuation ("-", "—", "?") is how spreadsheets say "no destination"; non-Latin script is still a name.
    as_written = pl.when(as_written.str.contains(r"[\p{L}\p{N}]")).then(as_written)
    return raws.join(resolved, on="raw", how="left", maintain_order="left").select(
        raw,
        pl.coalesce(Column.DESTINATION, as_written).alias(Column.DESTINATION),
        pl.coalesce(Column.DESTINATION_NAME, as_written).alias(Column.DESTINATION_NAME),
        pl.col(Column.DESTINATION_KIND).fill_null(UNKNOWN),
    )


# --- Exporter types --------------------------------------------------------------------------------------------

# Checked in this order, on whole words: "Non UMKM" contains "umkm" but means established.
_EXPORTER_TYPE_WORDS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("established", (
        "non umkm", "nonumkm", "non ukm", "non ikm", "bukan umkm", "besar", "usaha besar", "lama", "eksportir lama",
        "established", "large", "eksisting", "existing", "reguler", "regular",
    )),
    ("new", ("eksportir baru", "baru", "new", "new exporter", "eb")),
    ("umkm", (
        "umkm", "ukm", "ikm", "umk", "usaha mikro", "usaha kecil", "usaha menengah", "mikro", "kecil", "menengah",
        "sme", "smes", "msme", "msmes", "small", "micro", "medium",
    )),
)


_EXPORTER_TYPE_INDEX: Final[dict[str, str]] = {
    word: exporter_type for exporter_type, words in _EXPORTER_TYPE_WORDS for word in words
}


def exporter_type_expr(expr: pl.Expr) -> pl.Expr:
    """'Eksportir Baru' -> 'new'; 'Usaha Kecil' -> 'umkm'; 'Non-UMKM' -> 'established'; 'x'/null -> 'unknown'"""
    key = expr.str.to_lowercase().str.replace_all(_NOT_ALNUM, " ").str.strip_chars(" ")
    # Most cells are exactly one of the words; this lookup also gives the result the input's name, as the string
    # expressions do, so `with_columns` replaces the column in place.
    exact = key.replace_strict(_EXPORTER_TYPE_INDEX, default=None, return_dtype=pl.String)
    # Padding with spaces makes a plain substring search match whole words only ("eb" not in "website"), and
    # Aho-Corasick over literals is faster than a regex with \b on a million rows.
    padded = pl.concat_str(pl.lit(" "), key, pl.lit(" "))
    contained = [
        pl.when(padded.str.contains_any([f" {word} " for word in words])).then(pl.lit(exporter_type))
        for exporter_type, words in _EXPORTER_TYPE_WORDS
    ]
    return pl.coalesce(exact, *contained, pl.lit(UNKNOWN))


# --- Commodities -----------------------------------------------------------------------------------------------


def commodity_expr(expr: pl.Expr) -> pl.Expr:
    """'  Sarung\\u00a0  Batik\\n' -> 'Sarung Batik'; null -> null"""
    return _whitespace_collapsed(expr)


def canonical_spellings(counts: pl.DataFrame) -> pl.DataFrame:
    """spelling | rows -> spelling | canonical: 'SARUNG BATIK' 1, 'Sarung Batik' 3, 'sarung batik' 1 -> each
    'Sarung Batik' (the most frequent spelling of the same words; mixed case wins ties, then the alphabet)."""
    spelling = pl.col("spelling")
    counts = (
        counts.group_by("spelling").agg(pl.col("rows").sum())
        .drop_nulls("spelling")
        .with_columns(
            key=spelling.str.to_lowercase(),
            # "Sarung Batik" reads better than "SARUNG BATIK" or "sarung batik" when counts tie.
            mixed=(spelling != spelling.str.to_uppercase()) & (spelling != spelling.str.to_lowercase()),
        )
    )
    best = (
        counts.sort(["key", "rows", "mixed", "spelling"], descending=[False, True, True, False])
        .group_by("key", maintain_order=True)
        .agg(spelling.first().alias("canonical"))
    )
    return counts.join(best, on="key").select("spelling", "canonical")


# --- HS codes ---------------------------------------------------------------------------------------------------

# A chapter or heading written before a commodity: `[03] Ikan dan udang`, `HS 16 Olahan daging/ikan`,
# `16 - Olahan daging`, `0306.17 Udang beku`. The code needs brackets, an "HS", a dash or colon, or a letter right
# after it, so a commodity that merely starts with a number ("2 Tak") is left alone unless written like a code.
_HS_DIGITS: Final = r"\d{1,10}|\d{4}(?:\.\d{2}){1,3}"
_HS_LABELS: Final = (
    rf"^[\[(]\s*({_HS_DIGITS})\s*[\])]\s*[-–—:.]?\s*(\S.*)$",
    rf"^(?i:hs)\s*[-:.]?\s*({_HS_DIGITS})\s*[-–—:.]?\s*(\S.*)$",
    r"^(\d{2}(?:\d{2}){0,4}|\d{4}(?:\.\d{2}){1,3})\s*[-–—:]\s*(\S.*)$",
    # no dot after a bare code: "10. Kopi" is item ten of a numbered list, not HS chapter 10
    r"^(\d{2}(?:\d{2}){0,4}|\d{4}(?:\.\d{2}){1,3})\s+(\p{L}.{2,})$",
)


def pad_hs(code: pl.Expr) -> pl.Expr:
    """'3036700' -> '03036700'; '508.00' -> '0508.00'; '3' -> '03'; '0508' -> '0508'; 'ABC' -> 'ABC'"""
    # HS codes have an even number of digits (2, 4, 6, 8, 10): an odd count lost its leading zero to a number cell.
    head = code.str.extract(r"^(\d+)(?:\.\d+)*$", 1)
    return pl.when(head.str.len_chars() % 2 == 1).then(pl.lit("0") + code).otherwise(code)


def hs_was_padded(code: pl.Expr) -> pl.Expr:
    """'3036700' -> True; '03036700' -> False; 'ABC' -> False; null -> null"""
    head = code.str.extract(r"^(\d+)(?:\.\d+)*$", 1)
    return head.str.len_chars().fill_null(0) % 2 == 1


def hs_code_expr(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """3036700.0 (a number cell) -> '03036700'; '50800' -> '050800'; ' 0508.00 ' -> '0508.00'; '' -> null"""
    if dtype.is_numeric():
        text = expr.cast(pl.Int64, strict=False).cast(pl.String)
    else:
        text = _whitespace_collapsed(expr.cast(pl.String)).str.replace(r"^(\d+)\.0$", "$1")  # '3036700.0'
    return pad_hs(pl.when(text != "").then(text))


def hs_number_padded(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """a cell -> whether `hs_code_expr` restored a lost leading zero: 3036700 -> True; '0508' -> False"""
    if dtype.is_numeric():
        return hs_was_padded(expr.cast(pl.Int64, strict=False).cast(pl.String))
    return hs_was_padded(_whitespace_collapsed(expr.cast(pl.String)).str.replace(r"^(\d+)\.0$", "$1"))


def hs_label(expr: pl.Expr) -> pl.Expr:
    """-> struct(hs_code, commodity): '[03] Ikan dan udang' -> ('03', 'Ikan dan udang'); 'HS 16 Olahan daging/ikan'
    -> ('16', 'Olahan daging/ikan'); '16 - Olahan ikan' -> ('16', 'Olahan ikan'); 'Sarung Batik' -> (null, 'Sarung
    Batik')"""
    text = _whitespace_collapsed(expr.cast(pl.String))
    code = pl.coalesce(text.str.extract(p, 1) for p in _HS_LABELS)
    rest = pl.coalesce(text.str.extract(p, 2) for p in _HS_LABELS)
    return pl.struct(
        pad_hs(code).alias(Column.HS_CODE),
        pl.when(code.is_not_null()).then(rest).otherwise(text).alias(Column.COMMODITY),
    )
