"""The app frame through AppTest: the sample with no upload, the report of an upload, bad files as sentences."""

from __future__ import annotations

from conftest import DATA

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def metric_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_sample_shows_with_no_upload(app):
    at = app.run()
    assert not at.exception
    assert any("data contoh" in i.value for i in at.info)
    at.switch_page("app_pages/kualitas.py").run()
    assert not at.exception
    assert metric_values(at)["Baris dipakai"] == "1.159"


def test_upload_shows_its_verification_report(app):
    at = app.run()
    at.file_uploader[0].upload("ska_2020.xlsx", (DATA / "ska_2020.xlsx").read_bytes(), XLSX).run()
    assert not at.exception and not at.error
    assert not any("data contoh" in i.value for i in at.info)
    at.switch_page("app_pages/kualitas.py").run()
    assert not at.exception
    values = metric_values(at)
    assert (values["Baris dipakai"], values["Baris ditolak"], values["Baris dilewati"]) == ("20", "1", "5")
    rejected = [df.value for df in at.dataframe]
    assert any("n/a" in " ".join(map(str, frame.to_dict().get("Alasan", {}).values())) for frame in rejected
               if "Alasan" in frame.columns)


def test_bad_file_is_one_plain_error_and_the_good_one_carries_on(app):
    at = app.run()
    at.file_uploader[0].upload("corrupt.xlsx", (DATA / "corrupt.xlsx").read_bytes(), XLSX)
    at.file_uploader[0].upload("ska_2020.xlsx", (DATA / "ska_2020.xlsx").read_bytes(), XLSX).run()
    assert not at.exception
    [error] = [e.value.replace("\\", "") for e in at.error]
    assert "corrupt.xlsx" in error and "Traceback" not in error
    at.switch_page("app_pages/kualitas.py").run()
    assert metric_values(at)["Baris dipakai"] == "20"
