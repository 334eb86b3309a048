"""bulanan (being built)."""

import streamlit as st

st.write("bulanan")
