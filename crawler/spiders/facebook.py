"""Facebook pages the department can read, through the Graph API: posts, then their comments.

Token: FACEBOOK_ACCESS_TOKEN (a page or system-user token). Base URL: FACEBOOK_GRAPH_URL (default the public
Graph API, versioned)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from crawler.counts import parse_count
from crawler.dates import parse_date
from crawler.evidence import capture_of_record
from crawler.spiders.api import ApiSpider
from crawler.urls import canonical_url
from storage.items import ItemData

POST_FIELDS = ("id,message,story,created_time,updated_time,permalink_url,from{id,name},shares,"
               "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)")
COMMENT_FIELDS = "id,message,created_time,from{id,name},like_count,comment_count,permalink_url"
TOKEN_ERRORS = {190: "token hết hạn hoặc không hợp lệ", 10: "token thiếu quyền đọc trang",
                200: "token thiếu quyền đọc trang", 4: "vượt giới hạn tần suất của ứng dụng",
                17: "vượt giới hạn tần suất của tài khoản", 32: "vượt giới hạn tần suất của trang",
                613: "vượt giới hạn tần suất"}


def _summary_count(record: dict[str, Any], field: str) -> int | None:
    block = record.get(field)
    return parse_count(block.get("summary", {}).get("total_count")) if isinstance(block, dict) else None


class FacebookSpider(ApiSpider):
    kind = "facebook"
    token_param = "access_token"

    @property
    def page_id(self) -> str:
        """`page_id`, else from the URL: facebook.com/<name> or facebook.com/profile.php?id=<id>."""
        parts = urlsplit(self.source.url)
        numeric = parse_qs(parts.query).get("id", [None])[0] if parts.path.endswith("profile.php") else None
        return self.opts.page_id or numeric or parts.path.strip("/").split("/")[-1]

    async def start(self):
        url = self.api_url(f"{self.page_id}/posts", {"fields": POST_FIELDS, "limit": 25})
        yield self.api_request(url, self.parse_posts, entry=True)

    def api_error(self, document: Any, status: int) -> str:
        error = document.get("error") if isinstance(document, dict) else None
        if isinstance(error, dict) and error.get("code") in TOKEN_ERRORS:
            return f"Graph API: {TOKEN_ERRORS[error['code']]} (mã {error['code']}): {error.get('message', '')}"
        return super().api_error(document, status)

    def parse_posts(self, response, page_number: int = 1):
        document = self.api_json(response)
        if document is None:
            return
        self.run.pages_fetched += 1
        posts = [p for p in document.get("data", []) if isinstance(p, dict) and p.get("id")]
        self.run.pages_extracted += bool(posts)
        for post in posts:
            item = self._post(response, post)
            yield item
            if self.opts.comments and (item.comments or 0) > 0:
                url = self.api_url(f"{post['id']}/comments", {"fields": COMMENT_FIELDS, "limit": 100,
                                                              "order": "reverse_chronological"})
                yield self.api_request(url, self.parse_comments, cb_kwargs={"parent": item.canonical_url})
        next_url = document.get("paging", {}).get("next")
        if next_url and page_number < self.opts.max_pages:
            yield self.api_request(next_url, self.parse_posts, cb_kwargs={"page_number": page_number + 1})

    def _post(self, response, post: dict[str, Any]) -> ItemData:
        url = post.get("permalink_url") or f"https://www.facebook.com/{post['id']}"
        author = post.get("from") if isinstance(post.get("from"), dict) else {}
        shares = post.get("shares") if isinstance(post.get("shares"), dict) else {}
        return ItemData(
            url=url, canonical_url=canonical_url(url), source_type=self.source.type, kind="post",
            platform="facebook", external_id=str(post["id"]), text=post.get("message") or post.get("story") or "",
            author=author.get("name"), author_id=author.get("id"), outlet=author.get("name") or self.page_id,
            published_at=parse_date(post.get("created_time")), likes=_summary_count(post, "reactions"),
            comments=_summary_count(post, "comments"), shares=parse_count(shares.get("count")),
            capture=capture_of_record(response, post),
            extra={"source": self.source.name, "updated_time": post.get("updated_time")})

    def parse_comments(self, response, parent: str, page_number: int = 1):
        document = self.api_json(response)
        if document is None:
            return
        for comment in document.get("data", []):
            if not isinstance(comment, dict) or not comment.get("id"):
                continue
            author = comment.get("from") if isinstance(comment.get("from"), dict) else {}
            url = comment.get("permalink_url") or f"https://www.facebook.com/{comment['id']}"
            yield ItemData(
                url=url, canonical_url=canonical_url(url), source_type=self.source.type, kind="comment",
                platform="facebook", external_id=str(comment["id"]), text=comment.get("message") or "",
                author=author.get("name"), author_id=author.get("id"), parent_url=parent, thread=parent,
                published_at=parse_date(comment.get("created_time")), likes=parse_count(comment.get("like_count")),
                comments=parse_count(comment.get("comment_count")), capture=capture_of_record(response, comment),
                extra={"source": self.source.name})
        next_url = document.get("paging", {}).get("next")
        if next_url and page_number < self.opts.max_comment_pages:
            yield self.api_request(next_url, self.parse_comments,
                                   cb_kwargs={"parent": parent, "page_number": page_number + 1})
