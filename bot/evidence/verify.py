"""Checking an evidence package: every file's SHA-256 recomputed against the manifest and SHA256SUMS."""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Verification:
    checked: int = 0
    problems: list[str] = field(default_factory=list)  # Vietnamese, one per file that does not match

    @property
    def ok(self) -> bool:
        return not self.problems and self.checked > 0


def verify(path: Path) -> Verification:
    """Recompute the hashes of the files in the zip at `path`."""
    result = Verification()
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        result.problems.append(f"Không mở được gói {path.name}: {exc}.")
        return result
    with archive:
        names = set(archive.namelist())
        if "manifest.json" not in names or "SHA256SUMS" not in names:
            result.problems.append("Thiếu manifest.json hoặc SHA256SUMS.")
            return result
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except ValueError as exc:
            result.problems.append(f"manifest.json hỏng: {exc}.")
            return result
        expected = {entry["path"]: entry["sha256"] for entry in manifest.get("files", [])}
        for line in archive.read("SHA256SUMS").decode("utf-8").splitlines():
            digest, _, name = line.partition("  ")
            if name != "manifest.json" and expected.get(name) != digest:
                result.problems.append(f"{name}: SHA256SUMS và manifest.json ghi khác nhau.")
            expected.setdefault(name, digest)
        for name in sorted(names - {"SHA256SUMS"} - set(expected)):
            result.problems.append(f"{name}: có trong gói nhưng không có trong danh sách mã băm.")
        for name, digest in sorted(expected.items()):
            if name not in names:
                result.problems.append(f"{name}: thiếu trong gói.")
                continue
            result.checked += 1
            if hashlib.sha256(archive.read(name)).hexdigest() != digest:
                result.problems.append(f"{name}: mã SHA-256 không khớp (tệp đã bị thay đổi).")
    return result
