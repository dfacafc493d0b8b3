"""Why a request failed, in words an officer reads in `diembao sources` and the crawl summary."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as tx_error

HTTP_REASONS = {400: "yêu cầu không hợp lệ", 401: "cần đăng nhập", 403: "bị từ chối truy cập",
                404: "không tìm thấy", 410: "đã bị gỡ", 429: "máy chủ báo gửi quá nhiều yêu cầu",
                500: "lỗi máy chủ", 502: "lỗi cổng máy chủ", 503: "máy chủ tạm ngừng phục vụ",
                504: "máy chủ quá thời gian"}


def is_robots_refusal(exc: BaseException) -> bool:
    return isinstance(exc, IgnoreRequest) and "robots.txt" in str(exc)


def describe_failure(exc: BaseException, request: Any = None, max_bytes: int | None = None) -> str:
    if isinstance(exc, HttpError):
        status = exc.response.status
        text = f"HTTP {status} ({HTTP_REASONS.get(status, 'lỗi')})"
        too_long = request.meta.get("retry_after_too_long") if request is not None else None
        if too_long is not None:
            text += f"; máy chủ yêu cầu chờ {too_long:g} giây, quá giới hạn chờ, sẽ thử lại ở lần thu thập sau"
        return text
    if isinstance(exc, (DownloadTimeoutError, tx_error.TimeoutError)):
        return "quá thời gian chờ phản hồi"
    if isinstance(exc, DownloadCancelledError):
        limit = f" ({max_bytes:,} byte)".replace(",", ".") if max_bytes else ""
        return f"trang vượt giới hạn kích thước{limit}, bỏ qua"
    if is_robots_refusal(exc):
        return "robots.txt của trang không cho phép thu thập"
    if isinstance(exc, IgnoreRequest) and "redirect" in str(exc):
        return "chuyển hướng vòng lặp hoặc quá nhiều lần"
    if isinstance(exc, (CannotResolveHostError, tx_error.DNSLookupError)):
        return "không phân giải được tên miền"
    if isinstance(exc, (DownloadConnectionRefusedError, tx_error.ConnectionRefusedError)):
        return "máy chủ từ chối kết nối"
    if isinstance(exc, (tx_error.ConnectionLost, tx_error.ConnectionDone)):
        return "mất kết nối giữa chừng"
    return f"{type(exc).__name__}: {exc}"[:300]
