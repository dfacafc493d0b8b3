"""Vietnamese word segmentation with underthesea's CRF model, made to work on lower-case social text.

underthesea's segmenter is case-sensitive: "phan rang tháp chàm" or "ninh chữ" written in lower case are not joined,
while "Phan Rang Tháp Chàm" is. The `Segmenter` knows a lexicon of proper names (the country's provinces and cities,
plus every name in the province profile); a name found in lower case is shown to the CRF in its proper case and
always kept as one word, so social comments segment as well as edited press text."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import underthesea.pipeline.word_tokenize as _ws
from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger
from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

from nlp.normalize import normalize_social

PLACES_FILE = Path(__file__).parent / "data" / "places.txt"
_CRF_DIR = Path(_ws.__file__).parent / "models" / "ws_crf_vlsp2013_20230727"
_crf: FastCRFSequenceTagger | None = None


def _tagger() -> FastCRFSequenceTagger:
    """The CRF model shipped inside underthesea (loaded once per process, offline)."""
    global _crf
    if _crf is None:
        _crf = FastCRFSequenceTagger()
        _crf.load(str(_CRF_DIR))
    return _crf


def national_names() -> list[str]:
    lines = PLACES_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


class Segmenter:
    """Word segmentation: `words("đi vĩnh hy với ninh chữ")` → ["đi", "vĩnh hy", "với", "ninh chữ"]."""

    def __init__(self, names: Iterable[str] = ()):
        self._names: dict[tuple[str, ...], list[str]] = {}
        self._sizes: dict[str, list[int]] = {}
        for name in [*national_names(), *names]:
            self.add_name(name)

    def add_name(self, name: str) -> None:
        syllables = tokenize(name)
        if len(syllables) < 2 or not all(s[:1].isalnum() for s in syllables):
            return
        key = tuple(s.lower() for s in syllables)
        self._names.setdefault(key, syllables)
        sizes = self._sizes.setdefault(key[0], [])  # the lengths of the names starting with this syllable
        if len(key) not in sizes:
            sizes.append(len(key))
            sizes.sort(reverse=True)

    def _name_spans(self, lowered: list[str]) -> list[tuple[int, int]]:
        """The known names in the syllables, longest first, left to right."""
        spans, i, n = [], 0, len(lowered)
        while i < n:
            for size in self._sizes.get(lowered[i], ()):
                if i + size <= n and tuple(lowered[i:i + size]) in self._names:
                    spans.append((i, i + size))
                    i += size
                    break
            else:
                i += 1
        return spans

    def words(self, text: str, normalize: bool = True) -> list[str]:
        """The words of `text` (syllables joined by spaces), after social-spelling normalisation by default."""
        # tone marks are placed by normalize_social (the caller's when normalize is False), not again here
        tokens = tokenize(normalize_social(text) if normalize else text, use_token_normalize=False)
        if not tokens:
            return []
        lowered = [t.lower() for t in tokens]
        spans = self._name_spans(lowered)
        shown = list(tokens)
        for start, end in spans:  # show lower-case names to the CRF as the press writes them
            if not any(t[:1].isupper() for t in tokens[start:end]):
                shown[start:end] = self._names[tuple(lowered[start:end])]
        joins = [tag == "I-W" for tag in _tagger().predict([[t] for t in shown])]
        joins[0] = False
        for start, end in spans:  # a known name is exactly one word
            joins[start] = False
            for k in range(start + 1, end):
                joins[k] = True
            if end < len(joins):
                joins[end] = False
        words: list[str] = []
        for token, join in zip(tokens, joins):
            if join:
                words[-1] = f"{words[-1]} {token}"
            else:
                words.append(token)
        return words
