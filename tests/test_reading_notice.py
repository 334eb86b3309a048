"""Ringkasan says, before a figure is forwarded, what the reader could not be sure of: a unit the file does not
write, a year two files cover. In the user's language, with the file names as text."""

from __future__ import annotations

import pytest
from conftest import DATA

LAYOUTS = DATA / "layouts"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ringkasan_after_upload(app, names: list[str], lang: str):
    if lang == "en":
        app.query_params["bahasa"] = "en"  # as a link made in English opens
    at = app.run()
    for name in names:
        at.file_uploader[0].upload(name, (LAYOUTS / name).read_bytes(), XLSX)
    return at.run()


@pytest.mark.parametrize("lang, expected", [
    ("id", "Satuan nilai tidak tertulis di “satuan\\_tidak\\_tertulis\\.xlsx”"),
    ("en", "The unit of the values is not written in “satuan\\_tidak\\_tertulis\\.xlsx”"),
])
def test_a_unit_the_file_does_not_write_is_said_on_ringkasan(app, lang, expected):
    at = ringkasan_after_upload(app, ["satuan_tidak_tertulis.xlsx"], lang)
    assert not at.exception
    assert [w for w in at.warning if expected in w.value and "USD" in w.value], [w.value for w in at.warning]


def test_a_year_two_files_cover_is_said_on_ringkasan_with_the_file_counted(app):
    at = ringkasan_after_upload(app, ["overlap_ska_2023.xlsx", "overlap_bps_komoditi.xlsx"], "id")
    assert not at.exception
    [notice] = [w.value for w in at.warning if "dihitung sekali" in w.value]
    assert "Tahun 2023 ada di beberapa berkas" in notice
    assert "dihitung sekali, dari overlap\\_ska\\_2023\\.xlsx" in notice  # the register, with shipment detail


def test_the_sample_has_nothing_to_say(app):
    at = app.run()
    assert not [w for w in at.warning if "Kualitas Data" in w.value]
