"""Telegram HTML: escaping every piece of outside text, local times, and splitting long messages.

Telegram's HTML parse mode accepts a small set of tags; any `<`, `>` or `&` that is not part of a tag or entity
makes the whole message fail, so every string that did not come from our own templates goes through `esc`."""

from __future__ import annotations

import datetime as dt
import html
import re
from zoneinfo import ZoneInfo

MESSAGE_LIMIT = 4096  # characters after entity parsing; we count the raw HTML in UTF-16 units, which is stricter


def esc(value: object) -> str:
    """Text safe inside Telegram HTML (also inside an attribute)."""
    return html.escape("" if value is None else str(value), quote=True)


def link(url: str, label: str) -> str:
    return f'<a href="{esc(url)}">{esc(label)}</a>'


def local_time(moment: dt.datetime | None, tz: ZoneInfo) -> str:
    """"14:05 15/06/2024" in the users' zone; "không rõ" when unknown."""
    return moment.astimezone(tz).strftime("%H:%M %d/%m/%Y") if moment else "không rõ"


def shorten(text: str | None, limit: int) -> str:
    """At most `limit` characters of plain text on one line, cut at a word boundary with "…"."""
    flat = re.sub(r"\s+", " ", text or "").strip()
    if len(flat) <= limit:
        return flat
    cut = flat[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,.;:") + "…"


def units(text: str) -> int:
    """Length in UTF-16 code units, the way Telegram counts."""
    return len(text.encode("utf-16-le")) // 2


_ATOM = re.compile(r"<[^<>]*>|&#?\w+;|\n|[ \t]+|[^<&\n \t]+|[<&]")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^<>]*>")


def _atoms(text: str, longest: int) -> list[str]:
    atoms: list[str] = []
    for match in _ATOM.finditer(text):
        atom = match.group()
        if len(atom) > longest and not atom.startswith("<"):
            atoms.extend(atom[i:i + longest] for i in range(0, len(atom), longest))
        else:
            atoms.append(atom)
    return atoms


def _track(stack: list[tuple[str, str]], atom: str) -> None:
    """Update the stack of open tags (name, opening tag) with `atom`."""
    match = _TAG.fullmatch(atom)
    if not match:
        return
    name = match.group(2).lower()
    if not match.group(1):
        stack.append((name, atom))
        return
    for i in range(len(stack) - 1, -1, -1):
        if stack[i][0] == name:
            del stack[i]
            return


def _closing(stack: list[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _cut_point(atoms: list[str]) -> int:
    """Where to end a part: after its last line break, else after its last space, else before the newest atom."""
    for is_break in (lambda a: a == "\n", lambda a: a[0] in " \t"):
        for i in range(len(atoms) - 2, 0, -1):
            if is_break(atoms[i]):
                return i + 1
    return max(1, len(atoms) - 1)


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split Telegram HTML into parts of at most `limit` UTF-16 units, preferring line boundaries, then spaces.

    A tag open across a cut is closed at the end of one part and reopened at the start of the next, so every part
    is valid on its own. Empty parts are dropped."""
    if units(text) <= limit:
        return [text] if text.strip() else []
    parts: list[str] = []
    start: list[tuple[str, str]] = []  # tags open where the current part starts
    atoms: list[str] = []
    stack: list[tuple[str, str]] = []
    size = 0

    def measure() -> int:
        return units("".join(t for _, t in start)) + size + units(_closing(stack))

    for atom in _atoms(text, max(8, limit // 4)):
        atoms.append(atom)
        size += units(atom)
        _track(stack, atom)
        while measure() > limit and len(atoms) > 1:
            cut = _cut_point(atoms)
            head, atoms = atoms[:cut], atoms[cut:]
            end = list(start)
            for a in head:
                _track(end, a)
            body = "".join(t for _, t in start) + "".join(head).rstrip() + _closing(end)
            if re.sub(r"<[^<>]*>", "", body).strip():
                parts.append(body)
            while atoms and not atoms[0].strip() and len(atoms) > 1:
                atoms.pop(0)
            start = end
            stack = list(start)
            for a in atoms:
                _track(stack, a)
            size = sum(units(a) for a in atoms)
    body = "".join(t for _, t in start) + "".join(atoms).rstrip() + _closing(stack)
    if re.sub(r"<[^<>]*>", "", body).strip():
        parts.append(body)
    return parts


def fit(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """The first part of `text` when it is too long for one message, marked as cut."""
    parts = split_html(text, limit - 2)
    if len(parts) <= 1:
        return parts[0] if parts else text
    return parts[0] + "\n…"
