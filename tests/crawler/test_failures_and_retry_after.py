"""Reading Retry-After (Scrapy does not), and the words failures are reported in."""

import datetime as dt

from crawler.middlewares import retry_after_seconds

NOW = dt.datetime(2025, 11, 18, 8, 0, 0, tzinfo=dt.timezone.utc)


def test_retry_after_values():
    assert retry_after_seconds(b"120") == 120.0
    assert retry_after_seconds("0") == 0.0
    assert retry_after_seconds("Tue, 18 Nov 2025 08:01:30 GMT", NOW) == 90.0
    assert retry_after_seconds("Tue, 18 Nov 2025 07:00:00 GMT", NOW) == 0.0  # already past
    assert retry_after_seconds(None) is None and retry_after_seconds(b"") is None
    assert retry_after_seconds("sớm thôi") is None and retry_after_seconds("-5") is None


def test_failures_are_described_for_officers():
    from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest
    from scrapy.http import Request, Response
    from scrapy.spidermiddlewares.httperror import HttpError

    from crawler.failures import describe_failure

    request = Request("https://bao.vn/a.html", meta={"retry_after_too_long": 3600.0})
    assert describe_failure(HttpError(Response("https://bao.vn/a.html", status=404)), None) == "HTTP 404 (không tìm thấy)"
    too_long = describe_failure(HttpError(Response("https://bao.vn/a.html", status=503)), request)
    assert too_long.startswith("HTTP 503") and "chờ 3600 giây" in too_long
    assert describe_failure(DownloadTimeoutError("x")) == "quá thời gian chờ phản hồi"
    assert describe_failure(DownloadCancelledError("x"), None, 5_000_000) == \
        "trang vượt giới hạn kích thước (5.000.000 byte), bỏ qua"
    assert describe_failure(IgnoreRequest("max redirections reached")) == "chuyển hướng vòng lặp hoặc quá nhiều lần"
    assert describe_failure(IgnoreRequest("Forbidden by robots.txt")).startswith("robots.txt")
