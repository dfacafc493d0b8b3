"""The province gazetteer: every name of the province, its former provinces, districts, communes, landmarks,
agencies and officials, found in a text with one Aho-Corasick pass, with and without diacritics, on word boundaries.

Ambiguous names ("Bác Ái" the district vs "bác ái" charity, "Ninh Hải" vs places of the same name elsewhere) count
only when the text also holds one of their context words or another name of the province."""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from config.profile import Profile
from nlp.normalize import CharTable, fix_tone_marks, has_diacritics, nfc, strip_diacritics

# How much one mention says that a text is about the province (combined as 1 - prod(1 - w)).
WEIGHTS = {"province": 0.9, "former_province": 0.85, "agency": 0.9, "official": 0.6, "district": 0.6,
           "landmark": 0.55, "commune": 0.45}
TITLE_BONUS = 0.15
AMBIGUOUS_FACTOR = 0.8
PROVINCE_LEVEL = {"province", "former_province", "agency"}
_UNMARKED_TEXT = 0.05  # below this share of marked words a text counts as written without diacritics


@dataclass(frozen=True)
class Term:
    name: str  # canonical name in the profile
    kind: str  # province, former_province, district, commune, landmark, agency, official
    place: str | None  # the former district the name points to
    level: str | None  # city, town, district, ward, commune, special_zone... for places
    ambiguous: bool = False
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    surface: str  # as written in the text
    term: Term
    start: int
    end: int
    in_title: bool = False

    def as_dict(self) -> dict:
        return {"term": self.surface, "name": self.term.name, "kind": self.term.kind, "place": self.term.place,
                "start": self.start, "end": self.end, "in_title": self.in_title}


def _key_char(c: str) -> str:
    lowered = c.lower()
    return strip_diacritics(lowered if len(lowered) == 1 else c)


_KEYS = CharTable(_key_char)


def key_of(text: str) -> str:
    """Lower case without diacritics, one character per character of `text` (so offsets carry over)."""
    return text.translate(_KEYS)


def spelling(text: str) -> str:
    return fix_tone_marks(text).lower()


def _terms(profile: Profile) -> list[tuple[str, Term]]:
    out: list[tuple[str, Term]] = []

    def add(names, term):
        out.extend((n, term) for n in dict.fromkeys(names) if n.strip())

    add([profile.name, profile.official_name, *profile.aliases], Term(profile.name, "province", None, None))
    for p in profile.former_provinces:
        add([p.name, *p.aliases, f"tỉnh {p.name}"], Term(p.name, "former_province", None, None))
    for d in profile.former_districts:
        add([d.name, *d.aliases], Term(d.name, "district", d.name, d.kind, d.ambiguous, tuple(d.context)))
    for c in profile.communes:
        add([c.name, *c.aliases], Term(c.name, "commune", c.former_district, c.kind))
    for m in profile.landmarks:
        add([m.name, *m.aliases], Term(m.name, "landmark", m.former_district, None, m.ambiguous, tuple(m.context)))
    for a in profile.agencies:
        add([a.name, *a.aliases], Term(a.name, "agency", None, None))
    for o in profile.officials:
        add([o.name, *o.aliases], Term(o.name, "official", None, o.title))
    return out


class Gazetteer:
    """Finds the province's names in a text; `mentions(text)` returns the accepted ones, longest first wins."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.terms = _terms(profile)
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, list[tuple[str, Term | None, str]]] = {}
        for surface, term in self.terms:
            entries.setdefault(key_of(nfc(surface)), []).append((spelling(surface), term, surface))
        for _, term in self.terms:
            for word in term.context:
                entries.setdefault(key_of(nfc(word)), []).append((spelling(word), None, word))
        for key, values in entries.items():
            self._automaton.add_word(key, (len(key), values))
        self._automaton.make_automaton()

    def names(self) -> list[str]:
        """Every surface form (for the segmenter's lexicon)."""
        return [surface for surface, _ in self.terms]

    def _raw(self, text: str, unmarked_text: bool):
        """(start, end, surface, terms, context) for every spelling-compatible hit; `context` tells whether the
        span is also one of the context words."""
        key = key_of(text)
        for end_index, (length, values) in self._automaton.iter(key):
            end = end_index + 1
            start = end - length
            if (start > 0 and key[start - 1].isalnum()) or (end < len(key) and key[end].isalnum()):
                continue
            surface = text[start:end]
            marked = has_diacritics(surface)
            spelled = spelling(surface)
            fits = [(spelling, term) for spelling, term, original in values
                    if spelled == spelling or (not marked and (unmarked_text or not has_diacritics(original)))]
            if fits:
                terms = [term for _, term in fits if term is not None]
                yield start, end, surface, terms, any(term is None for _, term in fits)

    def mentions(self, text: str, title: str | None = None) -> list[Mention]:
        """The accepted mentions in `title` (offsets in the title, flagged `in_title`) and `text` (NFC offsets)."""
        spans = []  # (in_title, start, end, surface, terms)
        context_keys = set()  # ((in_title, start, end), key) of every context word, also inside longer names
        for body, in_title in ([(nfc(title), True)] if title else []) + [(nfc(text), False)]:
            lowercase_text = body == body.lower()
            hits = list(self._raw(body, unmarked(body)))
            context_keys.update(((in_title, h[0], h[1]), key_of(h[2])) for h in hits if h[4])
            for start, end, surface, terms, _ in _longest(hits):
                if any(t.ambiguous for t in terms) and not lowercase_text and surface == surface.lower():
                    terms = []  # "lòng bác ái": a common word, not the district
                spans.append((in_title, start, end, surface, terms))
        firm = {s[:3] for s in spans if s[4] and not any(t.ambiguous for t in s[4])}
        found = []
        for in_title, start, end, surface, terms in spans:
            slot = (in_title, start, end)
            if any(t.ambiguous for t in terms):
                wanted = {key_of(nfc(c)) for t in terms for c in t.context}
                confirmed = bool(firm - {slot}) or any(k in wanted and where != slot for where, k in context_keys)
                if not confirmed:
                    continue
            found.extend(Mention(surface, t, start, end, in_title) for t in terms)
        return _one_term_per_span(found)


def unmarked(text: str) -> bool:
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if not words:
        return False
    return sum(has_diacritics(w) for w in words) / len(words) < _UNMARKED_TEXT


def _longest(hits):
    """Drop hits inside a longer hit ("Nha Trang" inside "Vịnh Nha Trang")."""
    hits = sorted(hits, key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list = []
    for hit in sorted(hits, key=lambda h: -(h[1] - h[0])):
        if all(hit[1] <= k[0] or hit[0] >= k[1] for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h[0])


def _one_term_per_span(mentions: list[Mention]) -> list[Mention]:
    """A span naming both a district and a commune ("Nha Trang") keeps the widest meaning: the district."""
    order = ["province", "former_province", "agency", "district", "landmark", "commune", "official"]
    best: dict[tuple[bool, int, int], Mention] = {}
    for m in mentions:
        slot = (m.in_title, m.start, m.end)
        if slot not in best or order.index(m.term.kind) < order.index(best[slot].term.kind):
            best[slot] = m
    return sorted(best.values(), key=lambda m: (not m.in_title, m.start))
