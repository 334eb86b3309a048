"""komoditi (being built)."""

import streamlit as st

st.write("komoditi")
