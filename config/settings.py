"""Settings: environment variables DIEMBAO_* over a YAML file over defaults. Secrets come from the environment only."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from config.yamlfile import load_yaml

CONFIG_ENV = "DIEMBAO_CONFIG"
DEFAULT_CONFIG_FILE = Path("diembao.yaml")
Severity = Literal["low", "medium", "high", "critical"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CrawlSettings(_Section):
    user_agent: str = "diembao/0.1 (+giam sat bao chi; lien he So VHTTDL)"
    obey_robots: bool = True
    concurrent_per_domain: int = Field(default=4, ge=1, le=32)
    download_timeout_s: float = Field(default=30, gt=0)
    max_page_bytes: int = Field(default=5_000_000, gt=0)
    evidence_retention_days: int = Field(default=365, ge=1)
    languages: list[str] = ["vi"]
    download_delay_s: float = Field(default=0.5, ge=0)  # least delay between two requests to one site
    autothrottle_start_delay_s: float = Field(default=1.0, ge=0)
    retry_after_max_s: float = Field(default=300, ge=0)  # a longer Retry-After gives up until the next run
    silent_factor: float = Field(default=3.0, gt=1)  # silent when quiet this many times its normal interval


class NlpSettings(_Section):
    models_dir: Path | None = None  # overrides the shipped models (one subdirectory per task)
    sentiment_backend: Literal["linear", "transformers"] = "linear"
    transformers_model: str | None = None  # local directory or hub id already in the local cache
    transformers_labels: dict[str, str] = {}  # checkpoint label -> negative/neutral/positive
    uncertain_margin: float = Field(default=0.15, ge=0, le=1)
    relevance_threshold: float = Field(default=0.5, ge=0, le=1)


class MisinfoSettings(_Section):
    suggest_threshold: float = Field(default=0.55, ge=0, le=1)
    match_threshold: float = Field(default=0.8, ge=0, le=1)
    window_days: int = Field(default=365, ge=1)
    recheck_days: int = Field(default=14, ge=1)  # a newly registered claim is matched against items this old
    flag_threshold: float = Field(default=0.6, ge=0, le=1)


class AlertRule(_Section):
    kind: Literal["misinformation", "harmful", "negative_press", "watchlist", "volume_spike", "silent_source"]
    severity: Severity
    threshold: float | None = Field(default=None, ge=0)
    enabled: bool = True


def default_alert_rules() -> list[AlertRule]:
    return [
        AlertRule(kind="misinformation", severity="high", threshold=0.6),
        AlertRule(kind="harmful", severity="high", threshold=0.7),
        AlertRule(kind="negative_press", severity="medium", threshold=100),
        AlertRule(kind="watchlist", severity="high"),
        AlertRule(kind="volume_spike", severity="medium", threshold=3.0),
        AlertRule(kind="silent_source", severity="low", threshold=3.0),
    ]


class DigestSettings(_Section):
    weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    time: str = Field(default="07:30", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    agency: str = "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    parent_agency: str = "UBND TỈNH KHÁNH HÒA"
    signer_title: str = "GIÁM ĐỐC"
    recipients: list[str] = ["UBND tỉnh (b/c)", "Ban Tuyên giáo Tỉnh ủy", "Lãnh đạo Sở"]
    document_code: str = "BC-SVHTTDL"  # "Số: …/BC-SVHTTDL"
    archive: str = "VT, TTBCXB"  # "Lưu: VT, TTBCXB."
    signer_name: str = ""  # empty: left for the signature
    attach: Literal["docx", "pdf"] = "docx"  # the file Telegram gets (docx: the clerk fills in number and date)


class TelegramSettings(_Section):
    api_base_url: str = "https://api.telegram.org/bot"
    quiet_severity: Severity | None = "low"  # alerts at or below it are grouped into a periodic summary
    summary_minutes: float = Field(default=60, gt=0)  # how long a quiet alert may wait for its summary
    invite_hours: float = Field(default=48, gt=0)  # how long a one-time invite code stays valid
    poll_timeout_s: int = Field(default=30, ge=0, le=50)  # getUpdates long-polling timeout


class _YamlSource(PydanticBaseSettingsSource):
    """Reads the YAML configuration file named by DIEMBAO_CONFIG (or ./diembao.yaml when present)."""

    def __init__(self, settings_cls: type[BaseSettings], path: Path | None):
        super().__init__(settings_cls)
        self.path = path

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:  # pragma: no cover - unused
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        data = load_yaml(self.path).data
        return data if isinstance(data, dict) else {}


def config_file() -> Path | None:
    named = os.environ.get(CONFIG_ENV)
    if named:
        return Path(named)
    return DEFAULT_CONFIG_FILE if DEFAULT_CONFIG_FILE.exists() else None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DIEMBAO_", env_nested_delimiter="__", extra="forbid")

    database_url: str = "sqlite:///var/diembao.db"
    data_dir: Path = Path("var")
    province: str = Field(default="khanh_hoa", pattern=r"^[a-z_]+$")
    profile_file: Path | None = None
    sources_file: Path | None = None
    timezone: str = "Asia/Ho_Chi_Minh"
    admin_ids: Annotated[list[int], NoDecode] = []
    crawl: CrawlSettings = CrawlSettings()
    nlp: NlpSettings = NlpSettings()
    misinfo: MisinfoSettings = MisinfoSettings()
    alerts: list[AlertRule] = Field(default_factory=default_alert_rules)
    digest: DigestSettings = DigestSettings()
    telegram: TelegramSettings = TelegramSettings()

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
        return value

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings):
        return (init_settings, env_settings, _YamlSource(settings_cls, config_file()))


def telegram_bot_token() -> str | None:
    """The bot token, from the environment only (never from a file in the repository)."""
    return os.environ.get("TELEGRAM_BOT_TOKEN") or None


def telegram_api_base_url(settings: Settings) -> str:
    return os.environ.get("TELEGRAM_API_BASE_URL") or settings.telegram.api_base_url


def get_settings(**overrides: Any) -> Settings:
    return Settings(**overrides)
