"""The peer a competent analyst would write for the same job in pandas (issue 20): an uploader, a cached read, four
metrics and four charts. benchmarks/browser.py races it against the app; it is not part of the app.

Run: streamlit run benchmarks/peers/pandas_app.py
"""

import io
from pathlib import Path

import pandas as pd
import streamlit as st

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "contoh_ekspor_pekalongan.xlsx"
# No | Tanggal | Nama Perusahaan | Jenis Eksportir | Komoditi | HS | Negara Tujuan | Berat (Kg) | Nilai FOB (US$)
NAMES = {1: "tanggal", 2: "eksportir", 3: "jenis", 4: "komoditi", 6: "negara", 8: "nilai"}


def tidy(raw: pd.DataFrame, indonesian: bool = False) -> pd.DataFrame:
    """Header row onwards, only numbered rows (no JUMLAH, no notes), our six columns."""
    first = raw.iloc[:, 0].astype(str)
    start = int((first == "No").idxmax()) + 1 if (first == "No").any() else 0
    rows = raw.iloc[start:]
    rows = rows[rows.iloc[:, 0].astype(str).str.fullmatch(r"\d+")]
    out = rows.iloc[:, list(NAMES)].copy()
    out.columns = list(NAMES.values())
    if indonesian:  # '1.234,56': '.' groups thousands, ',' is the decimal point
        out["nilai"] = out["nilai"].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    out["nilai"] = pd.to_numeric(out["nilai"], errors="coerce")
    out["tahun"] = out["tanggal"].astype(str).str.extract(r"(\d{4})", expand=False).astype("Int32")
    return out


@st.cache_data
def read(data: bytes, name: str) -> pd.DataFrame:
    if name.lower().endswith(".csv"):
        raw = pd.read_csv(io.BytesIO(data), sep=";", header=None, skiprows=1, dtype=str)
        return tidy(raw, indonesian=True)
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, header=None)
    return pd.concat([tidy(s) for s in sheets.values() if s.shape[1] >= 9], ignore_index=True)


st.set_page_config(page_title="Ekspor Pekalongan (pandas)", layout="wide")
st.title("Ekspor Kota Pekalongan")
upload = st.sidebar.file_uploader("Unggah berkas SKA", type=["xlsx", "csv"])
data = read(upload.getvalue(), upload.name) if upload else read(SAMPLE.read_bytes(), SAMPLE.name)

picked = st.sidebar.multiselect("Komoditi", sorted(data["komoditi"].dropna().unique()))
if picked:
    data = data[data["komoditi"].isin(picked)]

last = data["tahun"].max()
this = data[data["tahun"] == last]
before = data[data["tahun"] == last - 1]
value, previous = this["nilai"].sum(), before["nilai"].sum()
a, b, c, d = st.columns(4)
change = f"{(value / previous - 1) * 100:+.2f}%" if previous else None
a.metric(f"Nilai ekspor {last}", f"{value / 1e6:,.2f} juta USD", change)
b.metric("Eksportir", this["eksportir"].nunique())
c.metric("Negara tujuan", this["negara"].nunique())
d.metric("Komoditi", this["komoditi"].nunique())


def total_by(column: str) -> pd.DataFrame:
    sums = (data.groupby(column)["nilai"].sum() / 1e6).rename("juta USD").reset_index()
    return sums.sort_values("juta USD", ascending=False).head(10)


left, right = st.columns(2)
left.subheader("Nilai per tahun")
yearly = (data.groupby("tahun")["nilai"].sum() / 1e6).rename("juta USD").reset_index()
left.bar_chart(yearly.assign(tahun=yearly["tahun"].astype(str)), x="tahun", y="juta USD")
right.subheader("Komoditi utama")
right.bar_chart(total_by("komoditi"), x="komoditi", y="juta USD", horizontal=True)
left.subheader("Negara tujuan utama")
left.bar_chart(total_by("negara"), x="negara", y="juta USD", horizontal=True)
right.subheader("Jenis eksportir")
right.bar_chart(total_by("jenis"), x="jenis", y="juta USD")
