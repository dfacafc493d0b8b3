from dataclasses import fields

import pytest

from storage.models import Analysis

ANNOTATION_COLUMNS = {"relevant", "relevance_score", "matched_terms", "places", "sentiment", "sentiment_scores",
                      "sentiment_uncertain", "toxicity", "toxicity_scores", "topics", "entities", "extra"}


def test_annotation_fields_map_onto_analysis_columns():
    from nlp import Annotation

    names = {f.name for f in fields(Annotation)}
    assert ANNOTATION_COLUMNS <= set(Analysis.__table__.columns.keys())
    assert names == ANNOTATION_COLUMNS | {"misinfo_probability"}


def test_every_annotation_of_a_relevant_negative_press_text(analyzer):
    a = analyzer.analyze("Sạt lở nghiêm trọng trên đèo Khánh Lê, nhiều xe mắc kẹt, 2 người bị thương",
                         title="Mưa lớn gây sạt lở ở Khánh Hòa")
    assert a.relevant and a.relevance_score > 0.9
    assert {m["name"] for m in a.matched_terms} >= {"Khánh Hòa", "Đèo Khánh Lê"}
    assert {"name": "Khánh Vĩnh", "level": "district", "district": "Khánh Vĩnh"} in a.places
    assert a.sentiment == "negative" and a.toxicity == "CLEAN"
    assert "traffic" in a.topics or "environment" in a.topics
    assert any(e["linked"] and e["linked"]["name"] == "Đèo Khánh Lê" for e in a.entities)
    assert 0.0 <= a.misinfo_probability <= 1.0
    assert analyzer.model_version.startswith("nlp1/khanh_hoa/")


def test_offensive_social_comment(analyzer):
    a = analyzer.analyze("đm đường Trần Phú kẹt cứng cả tiếng đồng hồ, bực vl")
    assert a.toxicity in ("OFFENSIVE", "HATE") and a.sentiment == "negative"
    assert not a.relevant and a.entities == []


def test_uncertain_band(profile):
    from config.settings import NlpSettings
    from nlp import Analyzer

    wide = Analyzer.load(profile, NlpSettings(uncertain_margin=1.0))
    assert wide.analyze("Thông báo lịch họp tuần sau").sentiment_uncertain
    narrow = Analyzer.load(profile, NlpSettings(uncertain_margin=0.0))
    assert not narrow.analyze("Thông báo lịch họp tuần sau").sentiment_uncertain


@pytest.mark.parametrize("workers", [1, 2])
def test_analyze_many_keeps_order_and_matches_single_calls(analyzer, workers):
    texts = [("Nha Trang đón lượng khách kỷ lục", None), ("kẹt xe quá trời", "Giao thông"), ("", None)] * 30
    many = analyzer.analyze_many(texts, workers=workers)
    assert len(many) == 90
    for (text, title), annotation in zip(texts[:3], many[:3]):
        assert annotation == analyzer.analyze(text, title)
    assert many[0] == many[3] == many[87]


def test_configured_models_dir_overrides_task_by_task(tmp_path, profile, analyzer):
    import shutil

    from config.settings import NlpSettings
    from nlp import Analyzer
    from nlp.training import SHIPPED_MODELS

    shutil.copytree(SHIPPED_MODELS / "toxicity", tmp_path / "toxicity")
    manifest = tmp_path / "toxicity" / "model.json"
    manifest.write_text(manifest.read_text().replace('"version": "', '"version": "operator-'))
    custom = Analyzer.load(profile, NlpSettings(models_dir=tmp_path))
    assert custom.versions["toxicity"].startswith("linear:operator-")
    assert custom.versions["sentiment"] == analyzer.versions["sentiment"]  # not in the folder: the shipped one
    assert custom.model_version != analyzer.model_version
