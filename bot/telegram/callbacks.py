"""Callback data of inline buttons: short (Telegram allows 64 bytes), versioned, and validated on the way back.

Anyone can send any callback data to a bot, so `decode` accepts only the exact shapes `encode_*` produce:
    s:<flag>:<code>            a sentiment label         m:<flag>:<code>     a misinformation verdict
    w:<flag>:<version>:<code>  a workflow step, valid only while the flag has exactly <version> workflow events
    r:<outbox row>             resend an alert whose delivery is uncertain"""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTIMENT_CODES = {"pos": "positive", "neu": "neutral", "neg": "negative"}
VERDICT_CODES = {"tg": "tin_gia", "sst": "sai_su_that", "xt": "xac_thuc", "cd": "chua_du_co_so"}


@dataclass(frozen=True)
class Step:
    """A workflow step a button offers: the target status, with its conclusion or action, and whether the
    reviewer must also write text (the legal basis of a violation, or why a closed flag is reopened)."""

    to_status: str
    conclusion: str | None = None
    action: str | None = None
    needs_text: str | None = None  # "legal_basis" or "note"


STEP_CODES = {
    "sl": Step("sang_loc"),
    "xm": Step("xac_minh"),
    "kvi": Step("ket_luan", conclusion="vi_pham", needs_text="legal_basis"),
    "kcd": Step("ket_luan", conclusion="chua_du_co_so"),
    "kkv": Step("ket_luan", conclusion="khong_vi_pham"),
    "nn": Step("xu_ly", action="nhac_nho"),
    "pb": Step("xu_ly", action="phan_bac"),
    "cc": Step("xu_ly", action="cai_chinh"),
    "ca": Step("xu_ly", action="chuyen_cong_an"),
    "gb": Step("xu_ly", action="de_nghi_go_bo"),
    "bc": Step("xu_ly", action="bao_cao_nhanh"),
    "dg": Step("dong"),
    "mo": Step("sang_loc", needs_text="note"),
}

_SHAPE = re.compile(r"(?:([sm]):(\d{1,12}):([a-z]{1,4})|w:(\d{1,12}):(\d{1,6}):([a-z]{1,4})|r:(\d{1,12}))")


@dataclass(frozen=True)
class Press:
    op: str  # "s" sentiment, "m" verdict, "w" workflow step, "r" resend
    target: int  # flag id, or outbox row id for "r"
    code: str = ""
    version: int = 0


def encode_label(op: str, flag_id: int, code: str) -> str:
    return f"{op}:{flag_id}:{code}"


def encode_step(flag_id: int, version: int, code: str) -> str:
    return f"w:{flag_id}:{version}:{code}"


def encode_resend(row_id: int) -> str:
    return f"r:{row_id}"


def decode(data: str | None) -> Press | None:
    """The press `data` stands for, or None for anything we did not produce."""
    if not data or len(data) > 64:
        return None
    match = _SHAPE.fullmatch(data)
    if match is None:
        return None
    op, flag, code, w_flag, w_version, w_code, row = match.groups()
    if op == "s" and code in SENTIMENT_CODES or op == "m" and code in VERDICT_CODES:
        return Press(op, int(flag), code)
    if w_flag is not None and w_code in STEP_CODES:
        return Press("w", int(w_flag), w_code, int(w_version))
    if row is not None:
        return Press("r", int(row))
    return None
