"""Share links through AppTest: a second session that has only the first one's query parameters sees the same
data, filters and numbers; a broken token shows the friendly message and the sample."""

from __future__ import annotations

from conftest import APP, DATA
from streamlit.testing.v1 import AppTest


def cards(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def fresh(params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_the_query_string_alone_reopens_the_same_view(app):
    at = app.run()
    at.file_uploader[0].upload("ska_2020.xlsx", (DATA / "ska_2020.xlsx").read_bytes(), "application/octet-stream")
    at.run()
    at.sidebar.multiselect(key="komoditi").set_value(["Surimi"]).run()
    assert not at.exception
    first = cards(at)
    params = dict(at.query_params)
    assert "data" in params
    # The browser adds the bound widgets' values to the address bar itself (AppTest has no browser).
    params["komoditi"] = "Surimi"

    other = fresh(params)
    assert not other.exception
    assert not any("data contoh" in i.value for i in other.info)
    assert cards(other) == first
    assert other.sidebar.multiselect(key="komoditi").value == ["Surimi"]


def test_public_link_hides_exporters(app):
    at = app.run()
    at.file_uploader[0].upload("ska_2020.xlsx", (DATA / "ska_2020.xlsx").read_bytes(), "application/octet-stream")
    at.run()
    saved = next(iter(at.session_state["_tersimpan"].values()))
    public = fresh({"data": saved.public_token})
    assert not public.exception
    assert any("Tampilan publik" in i.value for i in public.info)
    assert not [m for m in public.sidebar.multiselect if m.key == "eksportir"]
    full = fresh({"data": saved.token})
    assert [m for m in full.sidebar.multiselect if m.key == "eksportir"]
    # Same yearly total in both views.
    assert cards(public)["Nilai ekspor 2020"] == cards(full)["Nilai ekspor 2020"]


def test_a_tampered_token_shows_the_friendly_message_and_the_sample():
    at = fresh({"data": "x" * 32})
    assert not at.exception
    assert any("tidak berlaku" in w.value for w in at.warning)
    assert any("data contoh" in i.value for i in at.info)
    at = fresh({"data": "../../etc/passwd"})
    assert not at.exception and any("tidak berlaku" in w.value for w in at.warning)
