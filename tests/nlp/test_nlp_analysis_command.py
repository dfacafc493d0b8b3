"""`diembao analyze` over stored items, on each database backend."""

import datetime as dt

from sqlalchemy import func, select
from typer.testing import CliRunner

from bot.cli import app
from storage import ItemData, upsert_item
from storage.models import Analysis, Heartbeat

runner = CliRunner()
TEXTS = [
    ("Sạt lở trên đèo Khánh Lê, xe khách mắc kẹt nhiều giờ", "Mưa lớn ở Khánh Hòa", dt.datetime(2025, 7, 2)),
    ("đm kẹt xe hoài vl", None, dt.datetime(2025, 7, 3)),
    ("Hà Nội mưa to, nhiều tuyến phố ngập", "Thời tiết", dt.datetime(2025, 6, 1)),
]


def store(database):
    with database.session() as session:
        for i, (text, title, published) in enumerate(TEXTS):
            upsert_item(session, ItemData(url=f"https://vi.example/{i}", canonical_url=f"https://vi.example/{i}",
                                          source_type="social", kind="post", text=text, title=title,
                                          published_at=published.replace(tzinfo=dt.timezone.utc)))


def run(database, *args):
    return runner.invoke(app, ["analyze", *args], env={"DIEMBAO_DATABASE_URL": database.url, "DIEMBAO_CONFIG": ""})


def rows(database):
    with database.session() as session:
        return {a.item_id: a for a in session.scalars(select(Analysis))}


def test_analyze_annotates_pending_items_once(database):
    store(database)
    result = run(database, "--since", "2025-07-01")
    assert result.exit_code == 0, result.output
    assert "Đã phân tích 2/2 tin" in result.output and "liên quan tỉnh: 1" in result.output
    stored = rows(database)
    assert len(stored) == 2
    relevant = [a for a in stored.values() if a.relevant]
    assert len(relevant) == 1 and relevant[0].sentiment == "negative"
    assert relevant[0].places and relevant[0].matched_terms[0]["kind"] in ("province", "landmark")
    assert "misinfo_probability" in relevant[0].extra
    assert run(database).output.count("Đã phân tích 1/1 tin") == 1  # only the older item was left
    assert "Không có tin nào cần phân tích" in run(database).output
    with database.session() as session:
        assert session.get(Heartbeat, "analysis").last_success_at is not None


def test_reanalyze_updates_rows_in_place(database):
    store(database)
    assert run(database).exit_code == 0
    with database.session() as session:
        session.execute(Analysis.__table__.update().values(sentiment=None))
    result = run(database, "--reanalyze")
    assert result.exit_code == 0 and "Đã phân tích 3/3 tin" in result.output
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Analysis)) == 3
        assert session.scalar(select(func.count()).where(Analysis.sentiment.is_(None))) == 0


def test_bad_since_is_refused(database):
    result = run(database, "--since", "hôm qua")
    assert result.exit_code == 2 and "--since" in result.output


def test_batches_use_every_core_and_resume(database, analyzer):
    from bot.analysis import analyze_items

    with database.session() as session:
        for i in range(90):
            text = f"Bản tin số {i}: giao thông qua Nha Trang thông suốt" if i % 2 else f"Tin vặt số {i} hôm nay"
            upsert_item(session, ItemData(url=f"https://vi.example/b{i}", canonical_url=f"https://vi.example/b{i}",
                                          source_type="provincial_press", text=text))
    seen = []
    first = analyze_items(database, analyzer, batch=70, progress=lambda r: seen.append(r.analysed))
    assert (first.total, first.analysed, first.relevant) == (90, 90, 45) and seen == [70, 90]
    again = analyze_items(database, analyzer, batch=70)
    assert (again.total, again.analysed) == (0, 0)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Analysis)) == 90
