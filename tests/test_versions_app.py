"""Versions through AppTest: the uploader publishes three versions behind one link (an initial year, an appended
month, a correction); the latest link, a pinned link and the Revisi page show exact figures."""

from __future__ import annotations

import os

import pytest
from conftest import APP
from streamlit.testing.v1 import AppTest
from versions_data import files_2019, files_2019_corrected, files_2020_01

from pekalongan import publish
from pekalongan.ingest import load
from pekalongan.store import APPEND, Store

CSV = "text/csv"


BADGE = " :orange-badge[direvisi]"  # what a card's label ends with when its figure was revised


def cards(at) -> dict[str, str]:
    """Card label (without its revision mark) -> value."""
    return {m.label.removesuffix(BADGE): m.value for m in at.metric}


def fresh(params: dict, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def publish_version(at, files, mode: str) -> None:
    at.radio(key="cara_versi").set_value(mode).run()
    uploader = next(u for u in at.file_uploader if u.key.startswith("berkas_versi"))
    for name, data in files:
        uploader.upload(name, data, CSV)
    at.run()
    assert not at.exception
    at.button(key="terbitkan_versi").click().run()
    assert not at.exception


def test_three_versions_behind_one_link(app):
    at = app.run()
    name, data = files_2019()
    at.file_uploader[0].upload(name, data, CSV).run()
    saved = next(iter(at.session_state["_tersimpan"].values()))
    at.switch_page("app_pages/revisi.py").run()
    publish_version(at, [files_2020_01()], "append")
    assert any("Versi 2 diterbitkan" in s.value for s in at.success)
    publish_version(at, [files_2019_corrected()], "append")
    assert any("Versi 3 diterbitkan" in s.value for s in at.success)
    assert at.query_params["data"] == [saved.token] or at.query_params["data"] == saved.token

    # The latest link: the appended month and the corrected year. Expected figures from the generator's shipments:
    # 2019 = 21.766.392 + 926.000 USD (corrected), 2020 = 1.500.000 USD (January).
    assert value(saved.token, None, 2020) == "1,50 juta USD"
    assert value(saved.token, None, 2019) == "22,69 juta USD"
    # Pinned links never change: version 1 is the year as first published, version 2 before the correction.
    assert value(saved.token, "1", 2019) == "22,93 juta USD"
    assert value(saved.token, "2", 2019) == "22,93 juta USD"
    assert value(saved.token, "2", 2020) == "1,50 juta USD"
    # The public link follows the same choice; its 2019 total is confidential (two exporters: the threshold rule).
    assert value(saved.public_token, "2", 2019) == value(saved.public_token, None, 2019) == "dirahasiakan"
    for pinned, caption in (("2", "Yang tampil: versi 2 (terbaru: versi 3)."), (None, "Yang tampil: versi 3 (terbaru: versi 3).")):
        public_view = fresh({"data": saved.public_token, **({"v": pinned} if pinned else {})}, "app_pages/revisi.py")
        assert caption in [c.value for c in public_view.caption]

    # Every page marks the yearly totals the version on screen revised since the one before it.
    latest = fresh({"data": saved.token})
    [notice] = [i.value for i in latest.info if "direvisi" in i.value]
    assert notice.startswith("Versi 3: angka yang direvisi sejak versi 2")
    assert "2019: 22,93 → 22,69 juta USD, selisih \\-0,23, \\-1,02%" in notice and "2020" not in notice
    second = fresh({"data": saved.token, "v": "2"})
    assert any("sejak versi 1" in i.value and "2020: baru → 1,50 juta USD" in i.value for i in second.info)
    assert not [i for i in fresh({"data": saved.token, "v": "1"}).info if "direvisi" in i.value]

    view = fresh({"data": saved.token}, "app_pages/revisi.py")
    assert not view.exception
    assert view.markdown[0].value == "Angka yang berubah dari versi 2 ke versi 3:"
    assert revised(view) == [
        "2019: 22,93 → 22,69 juta USD, selisih -0,23, -1,02%",
        "2019, Komoditi: Ikan Beku: 22,00 → 21,77 juta USD, selisih -0,23, -1,06%",
        "2019, Negara tujuan: Tiongkok: 22,00 → 21,77 juta USD, selisih -0,23, -1,06%",
        "2019, Jenis eksportir: Eksportir besar/lama: 22,93 → 22,69 juta USD, selisih -0,23, -1,02%",
    ]
    view.selectbox(key="versi_lama").set_value(1).run()
    view.selectbox(key="versi_baru").set_value(2).run()
    assert revised(view) == [
        "2020: baru → 1,50 juta USD, selisih +1,50, -",
        "2020, Komoditi: Sarung Batik: baru → 1,50 juta USD, selisih +1,50, -",
        "2020, Negara tujuan: Jepang: baru → 1,50 juta USD, selisih +1,50, -",
        "2020, Jenis eksportir: Eksportir besar/lama: baru → 1,50 juta USD, selisih +1,50, -",
    ]
    view.selectbox(key="versi_baru").set_value(3).run()
    assert view.markdown[0].value == "Angka yang berubah dari versi 1 ke versi 3:"
    assert revised(view) == [
        "2019: 22,93 → 22,69 juta USD, selisih -0,23, -1,02%",
        "2020: baru → 1,50 juta USD, selisih +1,50, -",
        "2019, Komoditi: Ikan Beku: 22,00 → 21,77 juta USD, selisih -0,23, -1,06%",
        "2020, Komoditi: Sarung Batik: baru → 1,50 juta USD, selisih +1,50, -",
        "2019, Negara tujuan: Tiongkok: 22,00 → 21,77 juta USD, selisih -0,23, -1,06%",
        "2020, Negara tujuan: Jepang: baru → 1,50 juta USD, selisih +1,50, -",
        "2019, Jenis eksportir: Eksportir besar/lama: 22,93 → 22,69 juta USD, selisih -0,23, -1,02%",
        "2020, Jenis eksportir: Eksportir besar/lama: baru → 1,50 juta USD, selisih +1,50, -",
    ]
    view.radio(key="bagikan_versi").set_value("this").run()
    assert any(c.value.endswith(f"data={saved.token}&v=3") for c in view.code)


def value(token: str, version: str | None, year: int) -> str:
    """The headline value of `year` on the summary page of a link (pinned to `version`, or the latest)."""
    at = fresh({"data": token, **({"v": version} if version else {})})
    assert not at.exception
    if len(at.select_slider) and at.select_slider(key="tahun").value != (year, year):
        at.select_slider(key="tahun").set_value((year, year)).run()
    return cards(at)[f"Nilai ekspor {year}"]


def revised(view) -> list[str]:
    """The revised figures listed on the Revisi page, as the reader sees them (markdown escapes removed)."""
    text = view.markdown[1].value.replace("\\", "").replace("\u2060", "")
    return [line.removeprefix("- ") for line in text.split("\n")]


@pytest.fixture(scope="module")
def three_versions():
    """The three versions published straight into the app's store: an initial year, an appended month, a
    correction of the year's recap."""
    store = Store(os.environ["PEKALONGAN_STORE"])
    first = [files_2019()]
    saved = store.save(load(first), first)
    for files in ([files_2020_01()], [files_2019_corrected()]):
        publish.publish(store, saved.token, saved.owner_key, publish.draft(store, saved.token, files, APPEND))
    return saved


def card(at, year: int) -> tuple[str, str | None]:
    """The value card of `year` (the year range narrowed to it): (its label, its help)."""
    if len(at.select_slider) and at.select_slider(key="tahun").value != (year, year):  # one year: no slider
        at.select_slider(key="tahun").set_value((year, year)).run()
    [metric] = [m for m in at.metric if m.label.startswith(f"Nilai ekspor {year}")]
    return metric.label, metric.help


def marks_shown(at) -> list[tuple[str, str]]:
    """The "direvisi" marks under the charts and tables of the page: (what they name, their help)."""
    return [(m.value.removeprefix(":orange-badge[:material/history: direvisi] "), m.help) for m in at.markdown
            if m.value.startswith(":orange-badge[")]


def notices(at) -> list[str]:
    return [i.value for i in at.info if "direvisi sejak" in i.value]


def test_figures_revised_since_the_version_last_seen_are_marked(three_versions):
    token = three_versions.token
    # No memory (a link opened afresh): marked since the previous version, 2 -> 3, the 2019 correction only.
    at = fresh({"data": token})
    assert at.query_params["dilihat"] in ("3", ["3"])  # the address bar remembers what this tab showed, for a reload
    assert marks_shown(at) == [("2019", "Direvisi sejak versi 2:\n\n- 2019: 22,93 → 22,69 juta USD, selisih \\-0,23, "
                                        "\\-1,02%")]
    label, help_text = card(at, 2019)
    assert label == "Nilai ekspor 2019" + BADGE
    assert help_text.endswith("Direvisi sejak versi 2:\n\n- 2019: 22,93 → 22,69 juta USD, selisih \\-0,23, \\-1,02%")
    assert card(at, 2020)[0] == "Nilai ekspor 2020"  # January 2020 was not revised by version 3

    # The tab last showed version 1 (a reload of the address it wrote then): everything since, and said so.
    at = fresh({"data": token, "dilihat": "1"})
    [notice] = notices(at)
    assert notice.startswith("Versi 3: angka yang direvisi sejak versi 1, versi terakhir yang Anda lihat")
    assert "2019: 22,93 → 22,69" in notice and "2020: baru → 1,50 juta USD" in notice
    [(named, help_text)] = marks_shown(at)
    assert named == "2019, 2020" and help_text.startswith("Direvisi sejak versi 1, versi terakhir yang Anda lihat:")
    assert card(at, 2020) == ("Nilai ekspor 2020" + BADGE, "Nilai penuh: 1.500.000,00 USD\n\nDirevisi sejak versi "
                              "1, versi terakhir yang Anda lihat:\n\n- 2020: baru → 1,50 juta USD, selisih \\+1,50, \\-")
    assert at.query_params["dilihat"] in ("3", ["3"])
    for page, named in (("app_pages/komoditi.py", "2019 Ikan Beku, 2020 Sarung Batik"),
                        ("app_pages/negara.py", "2019 Tiongkok, 2020 Jepang"),
                        ("app_pages/eksportir.py", "2019 Eksportir besar/lama, 2020 Eksportir besar/lama"),
                        ("app_pages/bulanan.py", "2019, 2020")):
        assert [n for n, _ in marks_shown(fresh({"data": token, "dilihat": "1"}, page))] == [named], page

    english = fresh({"data": token, "dilihat": "1", "bahasa": "en"})
    assert [(m.value, m.help.split("\n")[0]) for m in english.markdown if m.value.startswith(":orange-badge[")] == [
        (":orange-badge[:material/history: revised] 2019, 2020", "Revised since version 1, the last one you saw:")]

    # Seen version 3 already: nothing is new to this viewer.
    at = fresh({"data": token, "dilihat": "3"})
    assert not notices(at) and not marks_shown(at) and card(at, 2019)[0] == "Nilai ekspor 2019"

    # Each figure is compared as shown: with China selected, 2019 is China's 22,00 -> 21,77; Singapore's is as it was.
    china = fresh({"data": token, "negara": "CHN"})
    assert card(china, 2019)[1].endswith("- 2019: 22,00 → 21,77 juta USD, selisih \\-0,23, \\-1,06%")
    singapore = fresh({"data": token, "negara": "SGP"})
    assert card(singapore, 2019)[0] == "Nilai ekspor 2019" and not marks_shown(singapore)

    # A pinned version is compared with the one before it; version 1 has none; a public view marks nothing.
    pinned = fresh({"data": token, "v": "2"})
    assert [n for n, _ in marks_shown(pinned)] == ["2020"] and pinned.query_params["dilihat"] in ("2", ["2"])
    assert not marks_shown(fresh({"data": token, "v": "1"}))
    public = fresh({"data": three_versions.public_token, "dilihat": "1"})
    assert not notices(public) and not marks_shown(public)


def test_a_version_published_while_a_session_is_open_is_marked_against_the_one_it_showed(app):
    store = Store(os.environ["PEKALONGAN_STORE"])
    first = [files_2019()]
    saved = store.save(load(first), first)
    app.query_params["data"] = saved.token
    at = app.run()
    assert not notices(at) and not marks_shown(at)  # version 1: nothing to compare with
    publish.publish(store, saved.token, saved.owner_key,
                    publish.draft(store, saved.token, [files_2019_corrected()], APPEND))
    at.run()  # the next page view of the same session: the latest version, against the one this session showed
    [notice] = notices(at)
    assert notice.startswith("Versi 2: angka yang direvisi sejak versi 1, versi terakhir yang Anda lihat")
    assert card(at, 2019)[0] == "Nilai ekspor 2019" + BADGE
    assert at.query_params["dilihat"] in ("2", ["2"])
    at.switch_page("app_pages/komoditi.py").run()  # the marks stay for the session, on every page
    assert [n for n, _ in marks_shown(at)] == ["2019 Ikan Beku"]
