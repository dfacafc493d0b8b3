"""NLP test helpers: the shipped profile, small slices of the project corpus, and a tiny local transformer."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.profile import load_profile
from config.settings import NlpSettings
from nlp.dataset import split

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"


@pytest.fixture(scope="session")
def profile():
    return load_profile("khanh_hoa")


@pytest.fixture(scope="session")
def analyzer(profile):
    from nlp import Analyzer

    return Analyzer.load(profile, NlpSettings())


@pytest.fixture(scope="session")
def small_split():
    return _small_split


@pytest.fixture(scope="session")
def tiny_bert():
    return _build_tiny_bert


@pytest.fixture(scope="session")
def shared_datasets() -> Path:
    return SHARED


def _small_split(task: str, train_per_label: int, heldout: int = 200) -> tuple[list[dict], list[dict]]:
    """A balanced slice of the corpus's training part and the first held-out examples."""
    train, held = split(task)
    taken: dict[str, int] = {}
    small = []
    for record in train:
        label = str(record["label"])
        if taken.get(label, 0) < train_per_label:
            taken[label] = taken.get(label, 0) + 1
            small.append(record)
    return small, held[:heldout]


def _build_tiny_bert(directory: Path, labels: list[str]) -> Path:
    """A randomly initialised 2-layer BERT with a word-level vocabulary, saved like any local checkpoint."""
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "tốt", "đẹp", "vui", "tệ", "xấu", "buồn", "bình", "thường",
             "quá", "rất", "nha", "trang", "biển", "đường", "kẹt", "xe", "khách", "sạn", "dịch", "vụ"]
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "vocab.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(directory / "vocab.txt"), do_lower_case=True,
                                  strip_accents=False, tokenize_chinese_chars=False)
    config = BertConfig(vocab_size=len(words), hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=64, num_labels=len(labels),
                        hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0,
                        id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)})
    import torch

    torch.manual_seed(0)
    BertForSequenceClassification(config).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory
