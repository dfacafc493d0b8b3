from sqlalchemy import select

from config.sources import SourceConfig
from storage.items import ItemData, upsert_item
from storage.models import Item, Source
from storage.queries import outlet_name
from storage.sources import sync_sources


def test_sync_keeps_the_display_name_and_items_without_an_outlet_are_named_by_it(database):
    configs = [SourceConfig(name="bao-khanh-hoa", title="Báo Khánh Hòa", kind="feed", type="provincial_press",
                            url="https://baokhanhhoa.vn/rss"),
               SourceConfig(name="kenh-x", kind="telegram", type="social", url="https://t.me/s/kenhx")]
    with database.session() as s:
        rows = sync_sources(s, configs)
        for n, row in enumerate(rows.values()):
            upsert_item(s, ItemData(url=f"https://x.vn/{n}", canonical_url=f"https://x.vn/{n}", source_type=row.type,
                                    text=f"Tin số {n} về Khánh Hòa, đủ dài để là một tin riêng biệt."), row.id)
    with database.session() as s:
        assert {r.name: r.label for r in s.scalars(select(Source))} == {"bao-khanh-hoa": "Báo Khánh Hòa",
                                                                        "kenh-x": "kenh-x"}
        named = s.execute(select(Item.url, outlet_name()).join(Source, Source.id == Item.source_id)).all()
        assert sorted(named) == [("https://x.vn/0", "Báo Khánh Hòa"), ("https://x.vn/1", "kenh-x")]
    with database.session() as s:  # the title removed from the file: the key again
        sync_sources(s, [configs[0].model_copy(update={"title": None}), configs[1]])
    with database.session() as s:
        assert s.scalars(select(Source.title)).all() == [None, None]
