"""negara (being built)."""

import streamlit as st

st.write("negara")
