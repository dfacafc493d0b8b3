"""A screenshot of a stored capture, rendered by a headless Chromium from a local file, never from the live site.

The capture is copied into a private folder with a Content-Security-Policy that allows nothing from outside (and no
scripts), and Chromium runs with every host name unresolvable, so neither the page's images, styles and scripts nor
Chromium's own background services reach the network. Debian's package is `chromium`."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT_S = 60
_LOCKDOWN = ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
             'style-src \'unsafe-inline\'; img-src data:; font-src data:">')


@dataclass
class Screenshot:
    png: bytes | None
    note: str  # Vietnamese: how it was made, or why there is none


def find_chromium() -> str | None:
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


def command(binary: str, page: Path, png: Path, profile: Path) -> list[str]:
    return [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={profile}", "--window-size=1280,2000", f"--screenshot={png}", page.as_uri()]


def _locked(html: bytes) -> bytes:
    """The page with the lockdown policy first in its head (or first of all when it has none)."""
    lower = html[:4096].lower()
    at = lower.find(b"<head")
    if at >= 0:
        end = html.find(b">", at) + 1
        return html[:end] + _LOCKDOWN.encode() + html[end:]
    return _LOCKDOWN.encode() + html


def render(html: bytes, binary: str | None = None) -> Screenshot:
    """Render `html` (a stored capture) to PNG with Chromium, when one is installed."""
    binary = binary or find_chromium()
    if binary is None:
        return Screenshot(None, "Không có ảnh chụp màn hình: máy chưa cài Chromium (gói chromium).")
    with tempfile.TemporaryDirectory(prefix="diembao-shot-") as folder:
        root = Path(folder)
        page, png = root / "capture.html", root / "screenshot.png"
        page.write_bytes(_locked(html))
        try:
            done = subprocess.run(command(binary, page, png, root / "profile"), capture_output=True,
                                  timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return Screenshot(None, f"Không chụp được màn hình: Chromium lỗi ({exc.__class__.__name__}).")
        if done.returncode != 0 or not png.is_file() or png.stat().st_size == 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["không rõ lỗi"]
            return Screenshot(None, f"Không chụp được màn hình: Chromium trả mã {done.returncode} ({detail[0][:200]}).")
        return Screenshot(png.read_bytes(), f"Ảnh chụp bản lưu (không tải lại trang gốc) bằng {Path(binary).name}, "
                                            "không chạy JavaScript, không truy cập mạng.")
