import datetime as dt

import pytest
from sqlalchemy import func, select

from bot.claims import ClaimInput, add_claim
from bot.flags import raise_flags, raise_source_flags, raise_story_flags
from bot.misinfo import MisinfoAssessor
from config import Settings, load_profile
from config.profile import Official
from storage.models import Analysis, AuditEntry, Flag, FlagEvent, Story

from tests.misinfo.helpers import NOW, analysis, item, source

RUMOUR = ("CHIA SẺ GẤP!!! Nghe nói Khánh Hòa sẽ cắt điện toàn tỉnh trong 3 ngày liên tục từ ngày 15/6 để sửa chữa "
          "đường dây 500kV, mọi người tích nước gấp")


@pytest.fixture
def settings():
    return Settings(database_url="sqlite://")


@pytest.fixture
def profile():
    official = Official(name="Trần Minh Khoa", title="Chủ tịch UBND tỉnh", aliases=["ông Khoa"])
    return load_profile("khanh_hoa").model_copy(update={"officials": [official]})


def _flags(session, kind=None):
    query = select(Flag).order_by(Flag.id)
    if kind:
        query = query.where(Flag.kind == kind)
    return session.scalars(query).all()


def test_misinformation_flag_names_the_claim_and_every_reason(database, settings, profile):
    with database.session() as s:
        claim = add_claim(s, ClaimInput.build("Khánh Hòa sẽ cắt điện toàn tỉnh trong 3 ngày liên tục từ ngày 15/6 để "
                                              "sửa chữa đường dây 500kV.", "tin_gia", "economy_finance",
                                              source="Điện lực Khánh Hòa", claim_date="2025-06-12"), "cli").claim
        rumour = item(s, RUMOUR, likes=1500, shares=800, comments=200, published_at=NOW - dt.timedelta(hours=2))
        analysis(s, rumour, sentiment="negative", negative=0.8)
        calm = item(s, "Sáng nay trời nắng đẹp ở Nha Trang, biển êm, khách du lịch đông vui.",
                    published_at=NOW - dt.timedelta(hours=2))
        analysis(s, calm)
        created = raise_flags(s, [rumour, calm], settings, profile, MisinfoAssessor(settings, classifier=None),
                              now=NOW)
        assert [(f.kind, f.item_id) for f in created] == [("misinformation", rumour)]
        flag = created[0]
        assert flag.severity == "critical"  # rule "high", one step up for a confirmed debunked claim
        assert (flag.claim_id, flag.dedupe_key) == (claim.id, f"misinformation:item:{rumour}")
        assert flag.claim_similarity >= 0.8 and flag.score >= 0.6
        text = "\n".join(flag.reasons)
        for expected in ("Điểm nghi vấn sai sự thật", "đã được kết luận là “Tin giả”", "Kêu gọi chia sẻ gấp",
                         "Dẫn nguồn không kiểm chứng", "Lan truyền nhanh", "chưa được xác thực"):
            assert expected in text
        stored = s.scalars(select(Analysis).where(Analysis.item_id == rumour)).one()
        assert stored.misinfo_score == flag.score and stored.misinfo_reasons
        calm_analysis = s.scalars(select(Analysis).where(Analysis.item_id == calm)).one()
        assert calm_analysis.misinfo_score < 0.6
        event = s.scalars(select(FlagEvent).where(FlagEvent.flag_id == flag.id)).one()
        assert (event.from_status, event.to_status, event.actor) == (None, "moi", "system")
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "flag.raise")) == 1


def test_a_rebuttal_is_not_flagged_but_keeps_the_claim_it_rebuts(database, settings, profile):
    with database.session() as s:
        claim = add_claim(s, ClaimInput.build("Hồ Đá Bàn ở Ninh Hòa có nguy cơ vỡ đập, chính quyền yêu cầu người dân "
                                              "các xã vùng hạ du sơ tán khẩn cấp ngay trong đêm.", "tin_gia",
                                              "disaster_epidemic", source="Công an tỉnh"), "cli").claim
        denial = item(s, "CẢNH BÁO: thông tin hồ Đá Bàn ở Ninh Hòa có nguy cơ vỡ đập, người dân vùng hạ du phải sơ tán "
                         "khẩn cấp trong đêm là sai sự thật. Đề nghị bà con không chia sẻ!!!", shares=900,
                      published_at=NOW - dt.timedelta(hours=1))
        analysis(s, denial, sentiment="negative", negative=0.7)
        rumour = item(s, "Hồ Đá Bàn ở Ninh Hòa có nguy cơ vỡ đập thật không mọi người? Nghe nói chính quyền yêu cầu "
                         "dân các xã hạ du sơ tán khẩn cấp trong đêm, không đi là không kịp!!!",
                      published_at=NOW - dt.timedelta(hours=1))
        analysis(s, rumour, sentiment="negative", negative=0.7)
        created = raise_flags(s, [denial, rumour], settings, profile, MisinfoAssessor(settings, classifier=None),
                              now=NOW)
        assert [(f.kind, f.item_id, f.claim_id) for f in created] == [("misinformation", rumour, claim.id)]
        press = item(s, "UBND tỉnh Khánh Hòa khẳng định thông tin hồ Đá Bàn ở Ninh Hòa có nguy cơ vỡ đập, yêu cầu "
                        "người dân vùng hạ du sơ tán khẩn cấp trong đêm là sai sự thật.", source_type="provincial_press",
                     published_at=NOW - dt.timedelta(hours=1))
        complaint = item(s, "UBND tỉnh Khánh Hòa chậm giải quyết tiền bồi thường, hàng trăm hộ dân ven đầm bức xúc.",
                         source_type="provincial_press", published_at=NOW - dt.timedelta(hours=1))
        for row in (press, complaint):
            analysis(s, row, sentiment="negative", negative=0.8, terms=[{"term": "UBND tỉnh Khánh Hòa", "kind": "agency"}])
        flagged = raise_flags(s, [press, complaint], settings, profile, MisinfoAssessor(settings, classifier=None),
                              now=NOW)
        assert sorted((f.item_id, f.kind) for f in flagged) == [(complaint, "negative_press"), (complaint, "watchlist")]
        kept = s.scalars(select(Analysis).where(Analysis.item_id == denial)).one()
        assert kept.misinfo_score < 0.6
        assert any(line.startswith(f"Nội dung bác bỏ, cảnh báo về thông tin đã được kết luận là “Tin giả” #{claim.id}")
                   for line in kept.misinfo_reasons)
        # the analyses keep the claim each item repeats or rebuts (its story gathers them), and only those
        claims = dict(s.execute(select(Analysis.item_id, Analysis.claim_id)
                                .where(Analysis.item_id.in_([denial, rumour, press, complaint]))).all())
        assert claims == {denial: claim.id, rumour: claim.id, press: claim.id, complaint: None}


def test_irrelevant_items_are_not_flagged_for_misinformation(database, settings, profile):
    with database.session() as s:
        other = item(s, "CHIA SẺ GẤP!!! Nghe nói ổ dịch lạ ở tỉnh bạn bị giấu nhẹm, ai có người thân thì báo ngay")
        analysis(s, other, relevant=False)
        assert raise_flags(s, [other], settings, profile, MisinfoAssessor(settings, classifier=None)) == []


def test_harmful_flag_uses_threshold_and_hate_is_more_severe(database, settings, profile):
    with database.session() as s:
        rude = item(s, "bọn này toàn lũ ăn hại")
        analysis(s, rude, toxicity="OFFENSIVE", toxic=0.85)
        weak = item(s, "nói vậy mà cũng nói")
        analysis(s, weak, toxicity="OFFENSIVE", toxic=0.55)
        hate = item(s, "đuổi hết bọn người đó ra khỏi tỉnh")
        analysis(s, hate, toxicity="HATE", toxic=0.9)
        raise_flags(s, [rude, weak, hate], settings, profile, MisinfoAssessor(settings, classifier=None))
        flags = {f.item_id: f for f in _flags(s, "harmful")}
        assert set(flags) == {rude, hate}
        assert flags[rude].severity == "high" and flags[hate].severity == "critical"
        assert flags[rude].reasons == ["Nội dung bị đánh giá là “Phản cảm, xúc phạm” (xác suất 85%, ngưỡng 70%)."]


def test_negative_press_needs_reach(database, settings, profile):
    with database.session() as s:
        outlet = source(s, "central_press", name="bao-trung-uong")
        wide = item(s, "Dự án chậm tiến độ 10 năm, dân khổ vì quy hoạch treo", source_type="central_press",
                    source_id=outlet.id, outlet="Báo Trung ương", views=25000)
        narrow = item(s, "Đường hư hỏng nặng sau mưa lũ chưa được sửa", source_type="provincial_press", views=40)
        unknown = item(s, "Người dân bức xúc vì ô nhiễm từ bãi rác", source_type="provincial_press")
        social = item(s, "Bức xúc quá, đường hư mãi không sửa", views=90000)
        for i in (wide, narrow, unknown, social):
            analysis(s, i, sentiment="negative", negative=0.9)
        raise_flags(s, [wide, narrow, unknown, social], settings, profile, MisinfoAssessor(settings, classifier=None))
        flags = {f.item_id: f for f in _flags(s, "negative_press")}
        assert set(flags) == {wide, unknown}
        assert flags[wide].severity == "medium" and flags[unknown].severity == "low"
        assert "Báo Trung ương phản ánh tiêu cực" in flags[wide].reasons[0]
        assert "25.000 lượt xem" in flags[wide].reasons[1]
        assert flags[unknown].reasons[1] == "Chưa có số liệu lượt xem, tương tác của bài."


def test_watchlist_flag_from_matched_terms(database, settings, profile):
    with database.session() as s:
        named = item(s, "Ông Khoa hứa mà không làm, dân mất niềm tin")
        analysis(s, named, sentiment="negative", negative=0.8, terms=[{"term": "ông Khoa", "kind": "official"}])
        agency = item(s, "UBND tỉnh Khánh Hòa chậm trả lời kiến nghị của dân")
        analysis(s, agency, sentiment="negative", negative=0.7,
                 terms=[{"term": "UBND tỉnh Khánh Hòa", "kind": "agency"}, {"term": "Nha Trang", "kind": "place"}])
        praised = item(s, "Ông Khoa đến thăm và tặng quà bà con vùng lũ")
        analysis(s, praised, sentiment="positive", negative=0.0, terms=[{"term": "ông Khoa", "kind": "official"}])
        unsure = item(s, "Ông Khoa phát biểu tại hội nghị")
        analysis(s, unsure, sentiment="negative", uncertain=True, terms=[{"term": "ông Khoa", "kind": "official"}])
        raise_flags(s, [named, agency, praised, unsure], settings, profile, MisinfoAssessor(settings, classifier=None))
        flags = {f.item_id: f for f in _flags(s, "watchlist")}
        assert set(flags) == {named, agency}
        assert flags[named].reasons == ["Nêu tên Chủ tịch UBND tỉnh Trần Minh Khoa (lãnh đạo được theo dõi) với sắc "
                                        "thái tiêu cực (xác suất 80%)."]
        assert flags[agency].reasons == ["Nêu tên Ủy ban nhân dân tỉnh Khánh Hòa (cơ quan được theo dõi) với sắc thái "
                                         "tiêu cực (xác suất 70%)."]


def test_one_flag_per_subject_and_kind(database, settings, profile):
    with database.session() as s:
        rude = item(s, "bọn này toàn lũ ăn hại")
        analysis(s, rude, toxicity="OFFENSIVE", toxic=0.8)
        assessor = MisinfoAssessor(settings, classifier=None)
        assert len(raise_flags(s, [rude], settings, profile, assessor)) == 1
        analysis(s, rude, toxicity="OFFENSIVE", toxic=0.95, version="test-2")
        assert raise_flags(s, [rude, rude], settings, profile, assessor) == []
        flags = _flags(s, "harmful")
        assert len(flags) == 1 and flags[0].score == pytest.approx(0.95)  # the open flag was refreshed


def test_volume_spike(database, settings):
    with database.session() as s:
        spiking = Story(title="Cá chết hàng loạt ở vịnh Nha Trang", outlet_count=9, sentiments={"negative": 30})
        steady = Story(title="Lễ hội biển", outlet_count=3, sentiments={"positive": 40})
        s.add_all([spiking, steady])
        s.flush()
        for n in range(30):
            item(s, f"Cá chết ở vịnh, bài thứ {n} trong ngày", story_id=spiking.id,
                 published_at=NOW - dt.timedelta(hours=1 + n % 20))
        for n in range(7):
            item(s, f"Cá chết, bài cũ thứ {n}", story_id=spiking.id, published_at=NOW - dt.timedelta(days=2 + n))
        for n in range(84):  # 12 a day for a week, 12 today: no spike
            item(s, f"Lễ hội biển, bài thứ {n}", story_id=steady.id, published_at=NOW - dt.timedelta(hours=2 + 2 * n))
        created = raise_story_flags(s, [spiking.id, steady.id], settings, now=NOW)
        assert [(f.kind, f.story_id) for f in created] == [("volume_spike", spiking.id)]
        assert created[0].severity == "high"  # mostly negative: one step above the rule's "medium"
        assert created[0].reasons[0] == ("Sự việc “Cá chết hàng loạt ở vịnh Nha Trang” có 30 tin trong 24 giờ qua, "
                                         "gấp 30 lần mức trung bình 1 tin/ngày của 7 ngày trước (ngưỡng 3 lần).")
        assert raise_story_flags(s, [spiking.id], settings, now=NOW) == []


def test_silent_source_per_silent_spell(database, settings):
    with database.session() as s:
        quiet = source(s, "provincial_press", name="bao-khanh-hoa", silent_since=NOW - dt.timedelta(hours=5),
                       last_success_at=NOW - dt.timedelta(hours=6), consecutive_failures=2, last_error="HTTP 503")
        source(s, "provincial_press", name="bao-moi-im", silent_since=NOW - dt.timedelta(hours=1))
        source(s, "portal", name="cong-tat", silent_since=NOW - dt.timedelta(days=3), enabled=False)
        created = raise_source_flags(s, settings, now=NOW)
        assert [(f.kind, f.source_id, f.severity) for f in created] == [("silent_source", quiet.id, "low")]
        assert created[0].reasons[0] == ("Nguồn “bao-khanh-hoa” không có tin mới từ 14/06/2025 14:00 (đã 5 giờ, "
                                         "ngưỡng 3 giờ).")
        assert "2 lần thu thập lỗi liên tiếp; lỗi gần nhất: HTTP 503." in created[0].reasons
        assert raise_source_flags(s, settings, now=NOW) == []
        quiet.silent_since = NOW  # recovered, then silent again
        later = raise_source_flags(s, settings, now=NOW + dt.timedelta(hours=4))
        assert sorted(f.source_id for f in later) == [quiet.id, quiet.id + 1]  # and the other one is 5 h silent now
        assert len(_flags(s, "silent_source")) == 3


def test_disabled_rule_raises_nothing(database, profile):
    settings = Settings(database_url="sqlite://", alerts=[{"kind": "harmful", "severity": "high", "threshold": 0.7,
                                                           "enabled": False}])
    with database.session() as s:
        rude = item(s, "bọn này toàn lũ ăn hại")
        analysis(s, rude, toxicity="OFFENSIVE", toxic=0.9)
        assert raise_flags(s, [rude], settings, profile, MisinfoAssessor(settings, classifier=None)) == []


def test_default_assessor_uses_the_installed_model(database, settings, profile):
    with database.session() as s:
        rumour = item(s, "CHIA SẺ GẤP!!! Có người quen làm trong bệnh viện kể ổ dịch lạ đã lan ra 3 xã ở Cam Lâm mà "
                         "bị bưng bít, ai có người thân ở đó báo ngay")
        analysis(s, rumour, sentiment="negative", negative=0.9)
        created = raise_flags(s, [rumour], settings, profile)
        assert [f.kind for f in created] == ["misinformation"]
        assert any(r.startswith("Mô hình phân loại đánh giá nội dung giống tin sai sự thật") for r in created[0].reasons)
        assert raise_flags(s, [rumour], settings, profile) == []  # the same shared assessor, the same flag
