"""Settings, province profiles, sources, topics and alert rules. Imports nothing else of the project."""

from config.profile import Profile, load_profile, shipped_profiles
from config.settings import Settings, get_settings, telegram_api_base_url, telegram_bot_token
from config.sources import SourceConfig, load_sources
from config.yamlfile import ConfigError, Problem

__all__ = [
    "ConfigError",
    "Problem",
    "Profile",
    "Settings",
    "SourceConfig",
    "get_settings",
    "load_profile",
    "load_sources",
    "shipped_profiles",
    "telegram_api_base_url",
    "telegram_bot_token",
]
