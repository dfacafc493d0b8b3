"""Named entities (people, organisations, places) with underthesea's CRF models, linked to the province gazetteer.

underthesea's `ner()` re-segments the text and builds its CRF features with a function that is quadratic in the
sentence length, which makes it ten times slower than segmentation. Here the same models run on the words the
analyzer has already segmented, with the same feature templates computed in one linear pass. `ner()` also runs the
chunking model, whose tags no NER feature template reads; it is skipped. The POS and NER tags are identical to
`underthesea.ner` for the same words (checked in the tests)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from underthesea.pipeline.ner.model_crf import CRFNERPredictor
from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

from nlp.gazetteer import Mention, key_of

_TEMPLATE = re.compile(r"T\[(?P<i1>-?\d+)(,(?P<i2>-?\d+))?\](\[(?P<col>.*)\])?(\.(?P<fn>.*))?")
KIND_TYPES = {"province": "LOC", "former_province": "LOC", "district": "LOC", "commune": "LOC", "landmark": "LOC",
              "agency": "ORG", "official": "PER"}


def _istitle(word: str) -> bool:
    try:
        return all(part[0].istitle() for part in word.split(" "))
    except IndexError:
        return False


_FUNCTIONS = {
    "lower": str.lower,
    "istitle": _istitle,
    "isallcap": lambda w: all(c.istitle() for c in w),
    "isdigit": lambda w: str(w.isdigit()),
}


class _Featurizer:
    """underthesea's `template2features` for a whole sentence in one pass (same feature strings): each column's
    transformed values (lower case, title case...) are computed once and shared by the templates that read them."""

    def __init__(self, template: list[str]):
        self.parts = []
        for syntax in template:
            m = _TEMPLATE.match(syntax)
            i2 = m.group("i2")
            self.parts.append((f"{syntax}=", int(m.group("i1")), int(i2) if i2 is not None else None,
                               int(m.group("col") or 0), m.group("fn")))

    def __call__(self, rows: list[tuple]) -> list[list[str]]:
        n = len(rows)
        columns = list(zip(*rows))
        shown: dict[tuple[int, str | None], list[str]] = {}
        per_template = []
        for prefix, i1, i2, col, fn in self.parts:
            values = shown.get((col, fn))
            if values is None:
                values = shown[col, fn] = [str(_FUNCTIONS[fn](w)) for w in columns[col]] if fn else columns[col]
            lo, hi = max(0, -i1), n - max(i1, i1 if i2 is None else i2)
            if i2 is None:
                window = values[lo + i1:hi + i1] if hi > lo else ()
            else:
                window = [" ".join(values[j + i1:j + i2 + 1]) for j in range(lo, hi)]
            core = [prefix + w for w in window]
            bos = min(lo, n)
            per_template.append([prefix + "BOS"] * bos + core + [prefix + "EOS"] * (n - bos - len(core)))
        return [list(features) for features in zip(*per_template)]


@lru_cache(maxsize=1)
def _models():
    return [(m.model, _Featurizer(m.transformer.template))
            for m in (CRFPOSTagPredictor.Instance(), CRFNERPredictor.Instance())]


def tag(words: list[str]) -> list[tuple[str, str, str]]:
    """(word, POS, NER tag) for each word, as `underthesea.ner` gives them."""
    if not words:
        return []
    (pos_model, pos_f), (ner_model, ner_f) = _models()
    pos = pos_model.tag(pos_f([(w, "X") for w in words]))
    # the NER rows are (word, POS, chunk, previous-tag placeholder); its templates read columns 0, 1 and 3 only
    ner = ner_model.tag(ner_f([(w, p, "", "X") for w, p in zip(words, pos)]))
    return list(zip(words, pos, ner))


@dataclass(frozen=True)
class Entity:
    text: str
    type: str  # PER, ORG, LOC, MISC
    source: str  # ner or gazetteer
    linked: dict | None  # the gazetteer entry: name, kind, place

    def as_dict(self) -> dict:
        return {"text": self.text, "type": self.type, "source": self.source, "linked": self.linked}


def spans(tagged: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """(text, type) of each B-/I- run of NER tags."""
    found: list[list] = []
    for word, _, label in tagged:
        if label.startswith("B-") or (label.startswith("I-") and (not found or found[-1][1] != label[2:])):
            found.append([word, label[2:]])
        elif label.startswith("I-"):
            found[-1][0] += " " + word
    return [(text, kind) for text, kind in found]


def link(words: list[str], mentions: list[Mention]) -> list[Entity]:
    """NER entities of the words, each linked to the gazetteer entry it names; then the province's names the NER
    missed, typed by their kind (agency → ORG, official → PER, places → LOC)."""
    by_key = {key_of(m.surface): m for m in mentions}
    entities: list[Entity] = []
    covered: set[str] = set()
    capitalised = any(w[:1].isupper() for w in words[1:])  # the NER model keys on capitals: no capitals, no names
    for text, kind in spans(tag(words)) if capitalised else []:
        key = key_of(text)
        mention = by_key.get(key) or next((m for k, m in by_key.items() if k in key or key in k), None)
        linked = None
        if mention is not None:
            linked = {"name": mention.term.name, "kind": mention.term.kind, "place": mention.term.place}
            kind = KIND_TYPES[mention.term.kind]
            covered.add(key_of(mention.surface))
        entities.append(Entity(text, kind, "ner", linked))
    seen = {(e.text, e.type) for e in entities}
    for key, m in by_key.items():
        if key not in covered and (m.surface, KIND_TYPES[m.term.kind]) not in seen:
            entities.append(Entity(m.surface, KIND_TYPES[m.term.kind], "gazetteer",
                                   {"name": m.term.name, "kind": m.term.kind, "place": m.term.place}))
            seen.add((m.surface, KIND_TYPES[m.term.kind]))
    return entities
