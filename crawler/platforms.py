"""Platform APIs: which environment variable holds each one's token and which one points at its server.

Without a token a source of that kind is reported as "not configured", not as a failure."""

from __future__ import annotations

import os

TOKEN_ENV = {"facebook": "FACEBOOK_ACCESS_TOKEN", "youtube": "YOUTUBE_API_KEY"}
BASE_URL_ENV = {"facebook": "FACEBOOK_GRAPH_URL", "youtube": "YOUTUBE_API_URL"}
DEFAULT_BASE_URL = {"facebook": "https://graph.facebook.com/v23.0", "youtube": "https://www.googleapis.com/youtube/v3"}


def missing_configuration(kind: str) -> str | None:
    """Why a source of this kind cannot run here, or None."""
    name = TOKEN_ENV.get(kind)
    if name and not os.environ.get(name, "").strip():
        return f"chưa cấu hình: cần đặt biến môi trường {name}"
    return None


def token(kind: str) -> str:
    return os.environ[TOKEN_ENV[kind]].strip()


def base_url(kind: str) -> str:
    return (os.environ.get(BASE_URL_ENV[kind]) or DEFAULT_BASE_URL[kind]).rstrip("/")
