import datetime as dt

import pytest
from sqlalchemy import select

from bot.claims import ClaimInput, add_claim
from bot.flags import raise_flags, recheck, recheck_new_claims
from bot.misinfo import MisinfoAssessor
from config import Settings, load_profile
from storage.models import Analysis, Flag, Heartbeat, utcnow

from tests.misinfo.helpers import NOW, analysis, item

CLAIM = "Khánh Hòa sẽ cắt điện toàn tỉnh trong 3 ngày liên tục từ ngày 15/6 để sửa chữa đường dây 500kV."


@pytest.fixture
def settings():
    return Settings(database_url="sqlite://")


def _analysed(session, text: str, published: dt.datetime) -> int:
    row = item(session, text, published_at=published)
    analysis(session, row).created_at = published + dt.timedelta(minutes=5)
    return row


def test_a_claim_registered_after_the_rumour_flags_the_recent_items_that_repeat_it(database, settings, monkeypatch):
    """The rumour spread before the power company's denial was registered: matched and flagged then, once; an item
    older than `misinfo.recheck_days` and an unrelated one are left as they were. One transaction per chunk."""
    monkeypatch.setattr(recheck, "CHUNK", 1)
    profile = load_profile("khanh_hoa")
    assessor = MisinfoAssessor(settings, classifier=None)
    with database.session() as s:
        rumour = _analysed(s, "Khánh Hòa sắp cắt điện toàn tỉnh 3 ngày liên tục từ 15/6 để sửa đường dây 500kV",
                           NOW - dt.timedelta(days=2))
        old = _analysed(s, "Khánh Hòa sẽ cắt điện toàn tỉnh ba ngày liên tục để sửa chữa đường dây 500kV",
                        NOW - dt.timedelta(days=20))
        calm = _analysed(s, "Sáng nay trời nắng đẹp ở Nha Trang, biển êm, khách du lịch đông vui.",
                         NOW - dt.timedelta(days=1))
        assert raise_flags(s, [rumour, old, calm], settings, profile, assessor) == []  # no claim yet: not enough
    assert recheck_new_claims(database, settings, profile, assessor, now=NOW) == 0  # nothing registered
    with database.session() as s:
        claim = add_claim(s, ClaimInput.build(CLAIM, "tin_gia", "economy_finance", source="Điện lực Khánh Hòa"),
                          "cli").claim
        claim.created_at = NOW
        claim_id = claim.id
    assert recheck_new_claims(database, settings, profile, assessor, now=NOW) == 1
    with database.session() as s:
        assert [(f.kind, f.item_id, f.claim_id) for f in s.scalars(select(Flag))] == [
            ("misinformation", rumour, claim_id)]
        assert dict(s.execute(select(Analysis.item_id, Analysis.claim_id)).tuples().all()) == {
            rumour: claim_id, old: None, calm: None}
        assert s.get(Heartbeat, "claims_recheck").details["last_claim_id"] == claim_id
    assert recheck_new_claims(database, settings, profile, assessor, now=NOW) == 0  # each claim once
    with database.session() as s:
        assert len(s.scalars(select(Flag)).all()) == 1


def test_every_pipeline_sweep_rechecks_new_claims(database, settings):
    from bot.pipeline import Pipeline

    pipeline = Pipeline(settings, analyzer=object())  # the sweep analyses nothing
    pipeline.assessor = MisinfoAssessor(settings, classifier=None)
    with database.session() as s:
        rumour = _analysed(s, "Khánh Hòa sắp cắt điện toàn tỉnh 3 ngày liên tục từ 15/6 để sửa đường dây 500kV",
                           utcnow() - dt.timedelta(days=1))
    assert pipeline.sweep(database).flags == 0
    with database.session() as s:
        add_claim(s, ClaimInput.build(CLAIM, "tin_gia", "economy_finance"), "cli")
    assert pipeline.sweep(database).flags == 1
    with database.session() as s:
        assert s.scalars(select(Flag.item_id).where(Flag.kind == "misinformation")).all() == [rumour]
