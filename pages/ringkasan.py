"""ringkasan (being built)."""

import streamlit as st

st.write("ringkasan")
