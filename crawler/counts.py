"""Engagement counts as pages and exports print them: "1.234", "1,2K", "3.4M", "12 N" (nghìn), "A, B và 5 người khác"."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"(\d+(?:[.,]\d+)*)\s*(nghìn|ngàn|triệu|tr|[kKmMnNtT])?")
_MULTIPLIERS = {"k": 1_000, "n": 1_000, "nghìn": 1_000, "ngàn": 1_000, "m": 1_000_000, "tr": 1_000_000,
                "triệu": 1_000_000, "t": 1_000_000}
_OTHERS = re.compile(r"(?:và|and)\s+(\d+)\s+(?:người khác|others?)", re.I)


def parse_count(value: object) -> int | None:
    """A non-negative count, or None when there is none to read."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return max(0, int(value))
    match = _NUMBER.search(str(value).strip())
    if not match:
        return None
    digits, unit = match.group(1), (match.group(2) or "").lower()
    if unit:
        number = float(digits.replace(",", "."))  # "1,2K" and "1.2K" both mean 1 200
        return int(round(number * _MULTIPLIERS[unit]))
    return int(re.sub(r"[.,]", "", digits))  # "1.234" and "1,234" are thousands separators


def count_reactors(text: str | None) -> int | None:
    """"A, B và 5 người khác" -> 7 (XenForo's reactions bar)."""
    if not text or not text.strip():
        return None
    others = _OTHERS.search(text)
    named_part = text[:others.start()] if others else text
    named = len([name for name in re.split(r",|\bvà\b|\band\b", named_part) if name.strip()])
    return named + (int(others.group(1)) if others else 0)
