"""The peer a competent analyst would write for the same job in polars (issue 20): an uploader, a cached read, four
metrics and four charts. benchmarks/browser.py races it against the app; it is not part of the app.

Run: streamlit run benchmarks/peers/polars_app.py
"""

import io
from pathlib import Path

import polars as pl
import streamlit as st

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "contoh_ekspor_pekalongan.xlsx"
# No | Tanggal | Nama Perusahaan | Jenis Eksportir | Komoditi | HS | Negara Tujuan | Berat (Kg) | Nilai FOB (US$)
NAMES = {1: "tanggal", 2: "eksportir", 3: "jenis", 4: "komoditi", 6: "negara", 8: "nilai"}


def rupiah_style(column: str) -> pl.Expr:
    """'1.234,56' -> 1234.56"""
    text = pl.col(column).str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True)
    return text.cast(pl.Float64, strict=False).alias(column)


def tidy(raw: pl.DataFrame, indonesian: bool) -> pl.DataFrame:
    """Header row onwards, only numbered rows (no JUMLAH, no notes), our six columns."""
    first = raw.get_column(raw.columns[0]).cast(pl.String)
    start = first.to_list().index("No") + 1 if "No" in first.to_list() else 0
    rows = raw.slice(start).filter(first.slice(start).str.contains(r"^\d+$"))
    rows = rows.select([pl.col(raw.columns[i]).cast(pl.String).alias(n) for i, n in NAMES.items()])
    value = rupiah_style("nilai") if indonesian else pl.col("nilai").cast(pl.Float64, strict=False)
    return rows.with_columns(value, pl.col("tanggal").str.extract(r"(\d{4})").cast(pl.Int32).alias("tahun"))


@st.cache_data
def read(data: bytes, name: str) -> pl.DataFrame:
    if name.lower().endswith(".csv"):
        raw = pl.read_csv(io.BytesIO(data), separator=";", has_header=False, skip_rows=1, infer_schema=False)
        return tidy(raw, indonesian=True)
    sheets = pl.read_excel(io.BytesIO(data), sheet_id=0, has_header=False, infer_schema_length=0)
    parts = [tidy(s, indonesian=False) for s in sheets.values() if s.width >= 9]
    return pl.concat(parts)


st.set_page_config(page_title="Ekspor Pekalongan (polars)", layout="wide")
st.title("Ekspor Kota Pekalongan")
upload = st.sidebar.file_uploader("Unggah berkas SKA", type=["xlsx", "csv"])
data = read(upload.getvalue(), upload.name) if upload else read(SAMPLE.read_bytes(), SAMPLE.name)

picked = st.sidebar.multiselect("Komoditi", sorted(data.get_column("komoditi").unique().drop_nulls().to_list()))
if picked:
    data = data.filter(pl.col("komoditi").is_in(picked))

years = data.get_column("tahun")
last = years.max()
this = data.filter(pl.col("tahun") == last)
before = data.filter(pl.col("tahun") == last - 1) if last is not None else this.clear()
value, previous = this.get_column("nilai").sum(), before.get_column("nilai").sum()
a, b, c, d = st.columns(4)
change = f"{(value / previous - 1) * 100:+.2f}%" if previous else None
a.metric(f"Nilai ekspor {last}", f"{value / 1e6:,.2f} juta USD", change)
b.metric("Eksportir", this.get_column("eksportir").n_unique())
c.metric("Negara tujuan", this.get_column("negara").n_unique())
d.metric("Komoditi", this.get_column("komoditi").n_unique())


def total_by(column: str) -> pl.DataFrame:
    sums = data.group_by(column).agg((pl.col("nilai").sum() / 1e6).alias("juta USD"))
    return sums.sort("juta USD", descending=True).head(10)


left, right = st.columns(2)
left.subheader("Nilai per tahun")
left.bar_chart(data.group_by("tahun").agg((pl.col("nilai").sum() / 1e6).alias("juta USD")).sort("tahun")
               .with_columns(pl.col("tahun").cast(pl.String)), x="tahun", y="juta USD")
right.subheader("Komoditi utama")
right.bar_chart(total_by("komoditi"), x="komoditi", y="juta USD", horizontal=True)
left.subheader("Negara tujuan utama")
left.bar_chart(total_by("negara"), x="negara", y="juta USD", horizontal=True)
right.subheader("Jenis eksportir")
right.bar_chart(total_by("jenis"), x="jenis", y="juta USD")
