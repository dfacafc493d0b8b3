"""What the platform-API spiders share: the token from the environment (see crawler.platforms), the API base
URL (tests and air-gapped sites point it elsewhere), JSON answers and API error messages."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from crawler import platforms
from crawler.spiders.base import SourceSpider


class ApiSpider(SourceSpider):
    token_param = ""

    def api_url(self, path: str, params: dict[str, Any]) -> str:
        query = {**params, self.token_param: platforms.token(self.kind)}
        return f"{platforms.base_url(self.kind)}/{path.lstrip('/')}?{urlencode(query)}"

    def api_request(self, url: str, callback: Any, entry: bool = False, **kwargs: Any):
        meta = {"dont_obey_robotstxt": True, "handle_httpstatus_all": True, **kwargs.pop("meta", {})}
        if entry:
            return self.entry_request(url, callback, conditional=False, meta=meta, **kwargs)
        return self.page_request(url, callback, meta=meta, **kwargs)

    def api_error(self, document: Any, status: int) -> str:
        """The API's own error message, when it gave one."""
        error = document.get("error") if isinstance(document, dict) else None
        message = error.get("message") if isinstance(error, dict) else None
        return f"API trả lỗi HTTP {status}" + (f": {message}" if message else "")

    def ignorable(self, document: Any) -> bool:
        """An error that means "nothing here" rather than a failure (e.g. comments turned off)."""
        return False

    def api_json(self, response) -> dict[str, Any] | None:
        """The decoded answer, or None after counting the failure (an entry failure fails the run)."""
        try:
            document = json.loads(response.body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            document = None
        if response.status == 200 and isinstance(document, dict) and "error" not in document:
            self.run.entries_ok += bool(response.meta.get("entry"))
            return document
        if self.ignorable(document):
            return None
        reason = self.api_error(document, response.status)
        if response.meta.get("entry"):
            self.run.entry_failed(response.url, reason)
        else:
            self.run.page_failed(response.url, reason)
        return None
