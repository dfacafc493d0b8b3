"""The sources file: kind-specific options are checked, and the shipped Khánh Hòa file is valid."""

import pytest
from typer.testing import CliRunner

from bot.cli import app
from config import ConfigError
from config.source_options import FeedOptions, SiteOptions
from config.sources import default_sources_path, load_sources

runner = CliRunner()

BROKEN = """sources:
  - name: bao-a
    kind: feed
    type: provincial_press
    url: https://bao-a.vn/rss
    options: {follow: maybe, max_entriez: 3}
  - name: cong-b
    kind: site
    type: portal
    url: https://cong-b.gov.vn/
    options: {article_allow: ["(chua-dong"]}
  - name: youtube-c
    kind: youtube
    type: social
    url: https://www.youtube.com/
  - name: bao-d
    kind: feed
    type: central_press
    url: https://bao-d.vn/rss
    selectors: {text: "div[["}
"""


def test_problems_name_the_source_the_line_and_the_option(tmp_path):
    path = tmp_path / "nguon.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_sources(path)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert f"{path}:2 sources[0]: options.follow: sai kiểu: cần true/false, nhận 'maybe'" in text
    assert "options.max_entriez: khóa không có trong lược đồ" in text
    assert f"{path}:7 sources[1]: options.article_allow: biểu thức chính quy '(chua-dong' không hợp lệ" in text
    assert "sources[2]: nguồn youtube cần options.queries" in text
    assert "sources[3].selectors.text" in text and "bộ chọn CSS 'div[[' không hợp lệ" in text
    result = runner.invoke(app, ["config", "check", "--sources", str(path)])
    assert result.exit_code == 1 and "options.follow" in result.output


def test_typed_options_with_defaults(tmp_path):
    path = tmp_path / "nguon.yaml"
    path.write_text("sources:\n  - {name: a, kind: feed, type: portal, url: 'https://a.vn/rss'}\n"
                    "  - {name: b, kind: site, type: portal, url: 'https://b.vn/', options: {max_pages: 5}}\n",
                    encoding="utf-8")
    feed, site = load_sources(path)
    assert feed.opts == FeedOptions() and feed.opts.follow is True
    assert isinstance(site.opts, SiteOptions) and site.opts.max_pages == 5 and site.opts.max_articles == 200


def test_shipped_khanh_hoa_sources(monkeypatch, tmp_path):
    sources = load_sources(default_sources_path("khanh_hoa"))
    kinds = {s.kind for s in sources}
    assert {"feed", "site", "youtube", "facebook"} <= kinds
    assert any("news.google.com" in s.url and not s.opts.follow for s in sources)  # search feeds
    assert all(s.url.startswith("https://") for s in sources)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["config", "check"])
    assert result.exit_code == 0, result.output
    assert "config/sources/khanh_hoa.yaml" in result.output
