"""Numbers the way the department writes them: "119.824", "9,5%", shares that add up to 100%."""

from __future__ import annotations

import math
from collections.abc import Sequence


def vn_int(n: int) -> str:
    """Thousands separated by dots: 119824 → "119.824"."""
    return f"{n:,}".replace(",", ".")


def vn_decimal(x: float, places: int = 1) -> str:
    """Decimal comma, `places` decimals, a trailing ",0" dropped: 9.5 → "9,5", 10.0 → "10", 1234.5 → "1.234,5"."""
    text = f"{x:,.{places}f}"
    whole, _, frac = text.partition(".")
    whole = whole.replace(",", ".")
    frac = frac.rstrip("0")
    return f"{whole},{frac}" if frac else whole


def vn_percent(x: float, places: int = 1) -> str:
    return f"{vn_decimal(x, places)}%"


def shares(counts: Sequence[int], places: int = 1) -> list[float]:
    """Percent shares of `counts`, rounded to `places` decimals so that they add up to exactly 100
    (largest-remainder method); all zeros when the total is zero."""
    total = sum(counts)
    if total <= 0:
        return [0.0 for _ in counts]
    unit = 10 ** places
    exact = [c * 100 * unit / total for c in counts]
    floors = [math.floor(e) for e in exact]
    missing = 100 * unit - sum(floors)
    by_remainder = sorted(range(len(counts)), key=lambda i: (exact[i] - floors[i], counts[i]), reverse=True)
    for i in by_remainder[:missing]:
        floors[i] += 1
    return [f / unit for f in floors]


def signed_change(current: int, previous: int) -> str:
    """ "tăng 186" / "giảm 12" / "không đổi" compared with an earlier period."""
    diff = current - previous
    if diff > 0:
        return f"tăng {vn_int(diff)}"
    if diff < 0:
        return f"giảm {vn_int(-diff)}"
    return "không đổi"
