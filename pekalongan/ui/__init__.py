"""The Streamlit layer: widgets, session and URL state, caching. The only package allowed to import streamlit."""
