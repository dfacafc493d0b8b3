"""PDF through LibreOffice, when it is installed; otherwise the bulletin says plainly that there is no PDF."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_S = 180


def libreoffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def convert_to_pdf(docx: Path, out_dir: Path) -> tuple[Path | None, str | None]:
    """(the PDF, None) or (None, why there is none, in Vietnamese)."""
    program = libreoffice()
    if program is None:
        return None, "Không tạo được PDF: máy chưa cài LibreOffice (libreoffice/soffice)."
    with tempfile.TemporaryDirectory(prefix="diembao-lo-") as profile:  # a private profile: runs never collide
        try:
            done = subprocess.run(
                [program, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                 "--outdir", str(out_dir), str(docx)], capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return None, f"Không tạo được PDF: LibreOffice chạy quá {TIMEOUT_S} giây."
    pdf = out_dir / f"{docx.stem}.pdf"
    if done.returncode != 0 or not pdf.exists():
        detail = (done.stderr or done.stdout or "").strip().splitlines()[-1:] or ["không rõ lỗi"]
        return None, f"Không tạo được PDF: LibreOffice báo lỗi ({detail[0]})."
    return pdf, None
