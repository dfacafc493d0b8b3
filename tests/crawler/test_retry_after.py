"""Reading Retry-After (Scrapy does not): delta-seconds and HTTP-dates."""

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
