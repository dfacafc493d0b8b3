"""`diembao config check`: shipped profiles pass; every problem of a broken file is named with its place."""

import pytest
from typer.testing import CliRunner

from bot.cli import app
from config import ConfigError, load_profile, shipped_profiles
from config.profile import load_profile_file, profile_path

runner = CliRunner()
PROVINCES = ["khanh_hoa", "lam_dong", "gia_lai", "dong_thap", "dien_bien"]


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("DIEMBAO_CONFIG", "DIEMBAO_PROVINCE", "DIEMBAO_PROFILE_FILE", "DIEMBAO_SOURCES_FILE"):
        monkeypatch.delenv(name, raising=False)


def test_all_five_profiles_ship():
    assert set(PROVINCES) <= set(shipped_profiles())


@pytest.mark.parametrize("province", PROVINCES)
def test_shipped_profiles_pass(province):
    result = runner.invoke(app, ["config", "check", "--profile", str(profile_path(province))])
    assert result.exit_code == 0, result.output
    assert "Cấu hình hợp lệ" in result.output


def test_merged_provinces_keep_their_former_names():
    former = {p: {f.name for f in load_profile(p).former_provinces} for p in ("khanh_hoa", "lam_dong", "dong_thap")}
    assert "Ninh Thuận" in former["khanh_hoa"]
    assert "Bình Thuận" in former["lam_dong"]
    assert "Tiền Giang" in former["dong_thap"]


BROKEN = """\
slug: tinh_thu
name: Tỉnh Thử
aliases: "không phải danh sách"
former_districts:
  - name: Huyện Một
    kind: district
    ambiguous: "có lẽ"
  - kind: town
outlets:
  - name: Báo Thử
    type: provincial_press
    url: https://baothu.vn
    feeds: ["ftp://baothu.vn/rss"]
    mau_sac: xanh
"""


def test_broken_profile_lists_every_problem_with_its_place(tmp_path):
    path = tmp_path / "tinh_thu.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(app, ["config", "check", "--profile", str(path)])
    assert result.exit_code == 1
    out = result.output
    expected = [
        ("official_name", "thiếu trường bắt buộc", None),
        ("aliases", "sai kiểu: cần danh sách", 3),
        ("former_districts[0].ambiguous", "true/false", 7),
        ("former_districts[1].name", "thiếu trường bắt buộc", 8),
        ("outlets[0].feeds", "ftp://baothu.vn/rss", 13),
        ("outlets[0].mau_sac", "khóa không có trong lược đồ", 14),
    ]
    for key, message, line in expected:
        matching = [row for row in out.splitlines() if f" {key}:" in row and message in row]
        assert matching, f"no problem reported for {key}: {out}"
        if line is not None:
            assert f"tinh_thu.yaml:{line} " in matching[0], matching[0]
    assert "Có 6 lỗi cấu hình" in out


def test_bad_yaml_names_the_line(tmp_path):
    path = tmp_path / "tinh_thu.yaml"
    path.write_text("slug: tinh_thu\nname: [Tỉnh Thử\nofficial_name: tỉnh Thử\n", encoding="utf-8")
    result = runner.invoke(app, ["config", "check", "--profile", str(path)])
    assert result.exit_code == 1
    assert "YAML không hợp lệ" in result.output
    assert "tinh_thu.yaml:" in result.output


def test_not_utf8_and_missing_files(tmp_path):
    path = tmp_path / "tinh_thu.yaml"
    path.write_bytes("name: Tỉnh Thử\n".encode("utf-16"))  # as saved by some Windows editors
    with pytest.raises(ConfigError, match="không phải UTF-8"):
        load_profile_file(path)
    result = runner.invoke(app, ["config", "check", "--profile", str(tmp_path / "khong_co.yaml")])
    assert result.exit_code == 1 and "không tìm thấy tệp" in result.output


def test_slug_must_match_file_name(tmp_path):
    path = tmp_path / "tinh_khac.yaml"
    path.write_text("slug: tinh_thu\nname: Thử\nofficial_name: tỉnh Thử\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="phải trùng tên tệp"):
        load_profile_file(path)


def test_dangling_references_are_reported(tmp_path):
    path = tmp_path / "tinh_thu.yaml"
    path.write_text("slug: tinh_thu\nname: Thử\nofficial_name: tỉnh Thử\ncommunes:\n"
                    "  - name: Xã Một\n    kind: commune\n    former_district: Huyện Không Có\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="Huyện Không Có"):
        load_profile_file(path)


def test_settings_file_problems_and_secrets(tmp_path, monkeypatch):
    (tmp_path / "diembao.yaml").write_text(
        "province: khanh_hoa\ncrawl:\n  concurrent_per_domain: 0\ntelegram:\n  bot_token: '123:abc'\n",
        encoding="utf-8")
    result = runner.invoke(app, ["config", "check"])
    assert result.exit_code == 1
    assert "diembao.yaml:3 crawl.concurrent_per_domain" in result.output
    assert "telegram.bot_token" in result.output and "biến môi trường" in result.output


def test_sources_file_problems(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - name: bao-thu\n    kind: rss\n    type: provincial_press\n    url: https://baothu.vn\n"
                    "  - name: bao-thu\n    kind: feed\n    type: provincial_press\n    url: https://baothu.vn/rss\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["config", "check", "--sources", str(path)])
    assert result.exit_code == 1
    assert "sources[0].kind" in result.output and "'rss'" in result.output
    assert " or " not in result.output  # the expected values are listed in Vietnamese
    path.write_text(path.read_text(encoding="utf-8").replace("kind: rss", "kind: feed"), encoding="utf-8")
    result = runner.invoke(app, ["config", "check", "--sources", str(path)])
    assert result.exit_code == 1 and "tên nguồn 'bao-thu' bị trùng" in result.output
