import hashlib
import http.server
import json
import threading
import zipfile

import pytest
from sqlalchemy import select

from bot.casework import add_review, move
from bot.evidence import EvidenceError, export, verify
from bot.evidence.screenshot import find_chromium
from config import Settings
from storage.models import AuditEntry, Flag, Snapshot

from tests.misinfo.helpers import NOW, item

PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tin nóng</title>
<link rel="stylesheet" href="http://127.0.0.1:{port}/style.css"></head>
<body><h1>CHIA SẺ GẤP: cắt điện toàn tỉnh 3 ngày</h1><p>Nghe nói từ ngày 15/6 Khánh Hòa cắt điện toàn tỉnh.</p>
<img src="http://127.0.0.1:{port}/anh.png"><script src="http://127.0.0.1:{port}/theo-doi.js"></script>
</body></html>"""


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - the http.server API
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def live_site():
    """A web server on 127.0.0.1 standing for the live site: rendering evidence must never call it."""
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], _Recorder.hits
    server.shutdown()


def _flagged(database, port):
    html = PAGE.format(port=port).encode("utf-8")
    with database.session() as s:
        item_id = item(s, "Nghe nói từ ngày 15/6 Khánh Hòa cắt điện toàn tỉnh.", title="CHIA SẺ GẤP: cắt điện",
                       html=html, outlet="Trang Tin Nóng", published_at=NOW)
        flag = Flag(kind="misinformation", severity="high", score=0.93, item_id=item_id, dedupe_key="e:1",
                    reasons=["Kêu gọi chia sẻ gấp."])
        s.add(flag)
        s.flush()
        move(s, flag.id, "sang_loc", "tg:7", note="Cần xác minh với Điện lực")
        add_review(s, item_id, "misinfo", "tin_gia", "tg:7", flag_id=flag.id)
        return flag.id, item_id, html


def test_package_without_chromium_verifies_and_pins(database, live_site, tmp_path, monkeypatch):
    port, hits = live_site
    flag_id, item_id, html = _flagged(database, port)
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium here
    with database.session() as s:
        path = export(s, flag_id, tmp_path / "out", Settings(database_url="sqlite://"), actor="tg:7")
    assert verify(path).ok and verify(path).checked == 6
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
        history = json.loads(z.read("flag/history.json"))
        capture_name = manifest["captures"][0]["file"]
        assert z.read(capture_name) == html
        assert z.read("item/text.txt").decode() == "CHIA SẺ GẤP: cắt điện\n\nNghe nói từ ngày 15/6 Khánh Hòa cắt " \
                                                    "điện toàn tỉnh."
        metadata = json.loads(z.read("item/metadata.json"))
    assert names == {"manifest.json", "SHA256SUMS", "item/text.txt", "item/metadata.json", capture_name,
                     "flag/flag.json", "flag/history.json"}
    assert capture_name.endswith(".html") and metadata["outlet"] == "Trang Tin Nóng"
    capture = manifest["captures"][0]
    assert capture["sha256"] == hashlib.sha256(html).hexdigest() and capture["matches_capture"] is True
    assert capture["captured_at"].startswith("2025-06-14T11:55")
    assert manifest["screenshot"]["present"] is False
    assert "chưa cài Chromium" in manifest["screenshot"]["note"]
    assert [(e["from"], e["to"], e["actor"]) for e in history["workflow"]] == [("moi", "sang_loc", "tg:7")]
    assert [(r["reviewer"], r["label"]) for r in history["reviews"]] == [("tg:7", "tin_gia")]
    assert {e["action"] for e in history["audit"]} == {"flag.move"}
    with database.session() as s:
        assert all(snap.pinned for snap in s.scalars(select(Snapshot).where(Snapshot.item_id == item_id)))
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "evidence.export")).actor == "tg:7"
    assert hits == []


def test_tampering_is_detected(database, live_site, tmp_path, monkeypatch):
    flag_id, *_ = _flagged(database, live_site[0])
    monkeypatch.setenv("PATH", str(tmp_path))
    with database.session() as s:
        path = export(s, flag_id, tmp_path, Settings(database_url="sqlite://"))
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tampered, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, data.replace("cắt điện".encode(), "mất điện".encode()) if name == "item/text.txt"
                         else data)
    result = verify(tampered)
    assert not result.ok and result.problems == ["item/text.txt: mã SHA-256 không khớp (tệp đã bị thay đổi)."]
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip")
    assert not verify(broken).ok


def test_flag_without_item_and_unknown_flag(database, tmp_path):
    with database.session() as s:
        flag = Flag(kind="silent_source", severity="low", reasons=["Nguồn im lặng"], dedupe_key="s:9")
        s.add(flag)
        s.flush()
        path = export(s, flag.id, tmp_path, Settings(database_url="sqlite://"))
        with pytest.raises(EvidenceError, match="Không có cảnh báo #12345"):
            export(s, 12345, tmp_path, Settings(database_url="sqlite://"))
    assert verify(path).ok
    with zipfile.ZipFile(path) as z:
        assert json.loads(z.read("manifest.json"))["captures"] == []


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed (Debian package chromium)")
def test_screenshot_renders_the_stored_capture_offline(run_cli, database, live_site, tmp_path):
    port, hits = live_site
    flag_id, *_ = _flagged(database, port)
    result = run_cli("evidence", "export", flag_id, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert "mã SHA-256 đã kiểm tra lại: khớp" in result.stdout
    path = next(tmp_path.glob("*.zip"))
    with zipfile.ZipFile(path) as z:
        manifest = json.loads(z.read("manifest.json"))
        png = z.read(manifest["screenshot"]["files"][0])
    assert manifest["screenshot"]["present"] is True and png.startswith(b"\x89PNG\r\n\x1a\n")
    assert "không tải lại trang gốc" in manifest["screenshot"]["note"]
    assert hits == []  # the live site was never asked for anything
    checked = run_cli("evidence", "verify", path)
    assert checked.exit_code == 0 and "nguyên vẹn" in checked.stdout


def test_cli_errors(run_cli, tmp_path):
    missing = run_cli("evidence", "export", 404, "--out", tmp_path)
    assert missing.exit_code == 1 and "Không có cảnh báo #404" in missing.stderr
    (tmp_path / "x.zip").write_bytes(b"PK")
    bad = run_cli("evidence", "verify", tmp_path / "x.zip")
    assert bad.exit_code == 1 and "KHÔNG nguyên vẹn" in bad.stderr
