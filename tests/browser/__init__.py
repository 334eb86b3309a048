"""Browser tests: the real app in a real `streamlit run`, driven by Debian's headless Chromium through Playwright.

A package on purpose: without this file pytest would register `tests/browser/conftest.py` under the bare module
name `conftest` too, and the `from conftest import DATA` in the tests beside it would find the wrong one.
"""
