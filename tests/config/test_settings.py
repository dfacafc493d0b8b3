"""Settings: environment DIEMBAO_* over the YAML file over defaults; secrets only from the environment."""

import pytest

from config import Settings, telegram_api_base_url, telegram_bot_token


@pytest.fixture(autouse=True)
def _clean(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("DIEMBAO_CONFIG", "DIEMBAO_PROVINCE", "DIEMBAO_DATABASE_URL", "DIEMBAO_ADMIN_IDS",
                 "DIEMBAO_CRAWL__CONCURRENT_PER_DOMAIN", "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


def test_defaults():
    s = Settings()
    assert s.province == "khanh_hoa"
    assert s.database_url.startswith("sqlite:///")
    assert s.timezone == "Asia/Ho_Chi_Minh"
    assert {r.kind for r in s.alerts} == {"misinformation", "harmful", "negative_press", "watchlist",
                                          "volume_spike", "silent_source"}


def test_environment_over_file_over_defaults(tmp_path, monkeypatch):
    (tmp_path / "diembao.yaml").write_text("province: lam_dong\ncrawl:\n  concurrent_per_domain: 2\n", encoding="utf-8")
    s = Settings()
    assert (s.province, s.crawl.concurrent_per_domain, s.crawl.obey_robots) == ("lam_dong", 2, True)
    monkeypatch.setenv("DIEMBAO_PROVINCE", "gia_lai")
    monkeypatch.setenv("DIEMBAO_CRAWL__CONCURRENT_PER_DOMAIN", "6")
    s = Settings()
    assert (s.province, s.crawl.concurrent_per_domain) == ("gia_lai", 6)


def test_named_config_file(tmp_path, monkeypatch):
    path = tmp_path / "khac.yaml"
    path.write_text("province: dien_bien\n", encoding="utf-8")
    monkeypatch.setenv("DIEMBAO_CONFIG", str(path))
    assert Settings().province == "dien_bien"


def test_admin_ids_from_the_environment(monkeypatch):
    monkeypatch.setenv("DIEMBAO_ADMIN_IDS", "1001, 1002;1003")
    assert Settings().admin_ids == [1001, 1002, 1003]


def test_telegram_secrets_only_from_the_environment(monkeypatch):
    s = Settings()
    assert telegram_bot_token() is None
    assert telegram_api_base_url(s) == "https://api.telegram.org/bot"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/bot")
    assert telegram_bot_token() == "123:abc"
    assert telegram_api_base_url(s) == "http://127.0.0.1:8081/bot"
