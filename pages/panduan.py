"""panduan (being built)."""

import streamlit as st

st.write("panduan")
