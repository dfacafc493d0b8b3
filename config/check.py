"""`diembao config check`: validate the settings file, the environment, the province profile and the sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from config.profile import load_profile_file, profile_path
from config.settings import Settings, config_file
from config.sources import default_sources_path, load_sources
from config.validation import describe, problems_from
from config.yamlfile import ConfigError, Problem, format_loc, load_yaml

SECRET_WORDS = ("token", "password", "passwd", "secret", "api_key")


@dataclass
class CheckReport:
    checked: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    settings: Settings | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _secret_keys(data: object, loc: tuple = ()) -> list[tuple]:
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and any(w in key.lower() for w in SECRET_WORDS):
                found.append(loc + (key,))
            found.extend(_secret_keys(value, loc + (key,)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found.extend(_secret_keys(value, loc + (i,)))
    return found


def _check_settings_file(path: Path, report: CheckReport) -> None:
    report.checked.append(str(path))
    try:
        doc = load_yaml(path)
    except ConfigError as exc:
        report.problems.extend(exc.problems)
        return
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        report.problems.append(doc.problem((), "cần một ánh xạ (khóa: giá trị) ở cấp cao nhất"))
        return
    for loc in _secret_keys(data):
        report.problems.append(doc.problem(loc, "bí mật (token, mật khẩu) chỉ được đặt qua biến môi trường, không ghi vào tệp"))
    try:
        Settings.model_validate(data)
    except ValidationError as exc:
        report.problems.extend(problems_from(exc, doc))


def _check_environment(report: CheckReport) -> Settings | None:
    try:
        return Settings()
    except ValidationError as exc:
        for e in exc.errors():
            path = format_loc(tuple(e["loc"]))
            report.problems.append(Problem("môi trường/tệp cấu hình", None, path, describe(e)))
    except ConfigError:
        pass  # already reported by the file check
    return None


def _check_file(loader, path: Path, report: CheckReport) -> None:
    report.checked.append(str(path))
    try:
        loader(path)
    except ConfigError as exc:
        report.problems.extend(exc.problems)


def run_check(profile: Path | None = None, sources: Path | None = None) -> CheckReport:
    """Check everything the running product would read; collect every problem instead of stopping at the first."""
    report = CheckReport()
    settings_path = config_file()
    if settings_path is not None:
        _check_settings_file(settings_path, report)
    settings = _check_environment(report)
    report.settings = settings
    province = settings.province if settings else "khanh_hoa"
    profile = profile or (settings.profile_file if settings and settings.profile_file else profile_path(province))
    _check_file(load_profile_file, Path(profile), report)
    sources = sources or (settings.sources_file if settings and settings.sources_file else None)
    if sources is None and default_sources_path(province).exists():
        sources = default_sources_path(province)
    if sources is not None:
        _check_file(load_sources, Path(sources), report)
    return report
