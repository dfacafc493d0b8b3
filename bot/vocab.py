"""Reading the fixed vocabulary (config.vocabulary) from what a person typed: the key, the Vietnamese name with or
without diacritics, or a listed synonym."""

from __future__ import annotations

from nlp.normalize import plain


class VocabularyError(ValueError):
    """A value that names nothing in the vocabulary; the message lists the choices, in Vietnamese."""


def lookup(value: str, names: dict[str, str], what: str, synonyms: dict[str, tuple[str, ...]] | None = None) -> str:
    """The key of `names` that `value` means ("Sàng lọc", "sang loc" and "sang_loc" all mean "sang_loc")."""
    key = plain(str(value))
    for code, name in names.items():
        if key in (plain(code), plain(name)) or key in (synonyms or {}).get(code, ()):
            return code
    choices = ", ".join(f"{code} ({name})" for code, name in names.items())
    raise VocabularyError(f"{what} {value!r} không hợp lệ; cần một trong: {choices}.")
