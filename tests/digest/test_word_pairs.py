from collections import Counter

import pytest

from nlp.similarity import TermWeights, word_pairs


def test_word_pairs_fold_case_and_diacritics_and_stop_at_punctuation():
    assert word_pairs("Đèo Khánh Lê, Nha Trang - Đà Lạt: 2 người") == {
        "deo khanh", "khanh le", "nha trang", "da lat", "2 nguoi"}
    assert word_pairs("SẠT LỞ đèo") == word_pairs("sat lo deo") == {"sat lo", "lo deo"}
    assert word_pairs("") == word_pairs("Một") == set()


def test_term_weights_rare_terms_weigh_more_and_counts_can_be_undone():
    weights = TermWeights()
    for _ in range(50):
        weights.add({"khanh hoa", "nguoi dan"})
    weights.add({"khanh hoa", "deo khanh"})
    assert weights.idf("deo khanh") > weights.idf("nguoi dan") > weights.idf("khanh hoa")
    assert weights.idf("never seen") > weights.idf("deo khanh")
    before = (weights.documents, weights.idf("deo khanh"))
    weights.add_counts({"deo khanh": 3, "sat lo": 2}, 4)
    assert weights.idf("deo khanh") < before[1]
    weights.remove_counts({"deo khanh": 3, "sat lo": 2}, 4)
    assert (weights.documents, weights.idf("deo khanh")) == before
    twin = weights.copy()
    twin.add({"deo khanh"})
    assert weights.idf("deo khanh") == before[1]


def test_cosine_against_a_centroid():
    weights = TermWeights()
    for _ in range(20):
        weights.add({"khanh hoa"})
    text = weights.weigh({"deo khanh", "khanh le", "khanh hoa"})
    assert weights.cosine(text, Counter({"deo khanh": 1, "khanh le": 1, "khanh hoa": 1})) == pytest.approx(1.0)
    assert weights.cosine(text, Counter({"nha trang": 3})) == 0.0
    shares_rare = weights.cosine(text, Counter({"deo khanh": 2, "nha trang": 2}))
    shares_common = weights.cosine(text, Counter({"khanh hoa": 2, "nha trang": 2}))
    assert shares_rare > shares_common > 0
