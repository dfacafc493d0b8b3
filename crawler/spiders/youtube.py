"""YouTube Data API v3: searches for the province's names (or a channel's uploads), the videos with their
statistics, and their comments.

Key: YOUTUBE_API_KEY. Base URL: YOUTUBE_API_URL (default the public API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from config.source_options import youtube_queries
from crawler.counts import parse_count
from crawler.dates import parse_date
from crawler.evidence import capture_of_record
from crawler.spiders.api import ApiSpider
from crawler.urls import canonical_url
from storage.items import ItemData
from storage.models import utcnow

REASONS = {"quotaExceeded": "hết hạn mức (quota) trong ngày của khóa API",
           "dailyLimitExceeded": "hết hạn mức trong ngày của khóa API",
           "rateLimitExceeded": "gửi yêu cầu quá nhanh", "keyInvalid": "khóa API không hợp lệ",
           "forbidden": "khóa API không được phép dùng YouTube Data API"}
IGNORED = {"commentsDisabled", "videoNotFound"}


def _reasons(document: Any) -> list[str]:
    error = document.get("error") if isinstance(document, dict) else None
    errors = error.get("errors", []) if isinstance(error, dict) else []
    return [e.get("reason", "") for e in errors if isinstance(e, dict)]


def watch_url(video_id: str) -> str:
    return f"https://www.youtube.com/watch?v={video_id}"


class YoutubeSpider(ApiSpider):
    kind = "youtube"
    token_param = "key"

    async def start(self):
        since = (utcnow() - dt.timedelta(days=self.opts.since_days)).strftime("%Y-%m-%dT%H:%M:%SZ")
        common = {"part": "snippet", "type": "video", "order": "date", "maxResults": self.opts.max_results,
                  "publishedAfter": since, "regionCode": "VN", "relevanceLanguage": "vi"}
        searches = [{"q": query} for query in youtube_queries(self.source.url, self.opts)]
        if self.opts.channel_id:
            searches.append({"channelId": self.opts.channel_id})
        for search in searches:
            yield self.api_request(self.api_url("search", {**common, **search}), self.parse_search, entry=True)

    def ignorable(self, document: Any) -> bool:
        return any(reason in IGNORED for reason in _reasons(document))

    def api_error(self, document: Any, status: int) -> str:
        known = [REASONS[r] for r in _reasons(document) if r in REASONS]
        return f"YouTube API: {known[0]}" if known else super().api_error(document, status)

    def parse_search(self, response):
        document = self.api_json(response)
        if document is None:
            return
        ids = [i.get("id", {}).get("videoId") for i in document.get("items", []) if isinstance(i, dict)]
        ids = [video_id for video_id in ids if video_id and canonical_url(watch_url(video_id)) not in self.seen]
        self.seen.update(canonical_url(watch_url(video_id)) for video_id in ids)
        if ids:
            url = self.api_url("videos", {"part": "snippet,statistics", "id": ",".join(ids)})
            yield self.api_request(url, self.parse_videos)

    def parse_videos(self, response):
        document = self.api_json(response)
        if document is None:
            return
        self.run.pages_fetched += 1
        videos = [v for v in document.get("items", []) if isinstance(v, dict) and v.get("id")]
        self.run.pages_extracted += bool(videos)
        for video in videos:
            snippet, stats = video.get("snippet", {}), video.get("statistics", {})
            url = watch_url(video["id"])
            yield ItemData(
                url=url, canonical_url=canonical_url(url), source_type=self.source.type, kind="video",
                platform="youtube", external_id=video["id"], title=snippet.get("title"),
                text=snippet.get("description") or "", author=snippet.get("channelTitle"),
                author_id=snippet.get("channelId"), outlet=snippet.get("channelTitle"),
                published_at=parse_date(snippet.get("publishedAt")), views=parse_count(stats.get("viewCount")),
                likes=parse_count(stats.get("likeCount")), comments=parse_count(stats.get("commentCount")),
                capture=capture_of_record(response, video),
                extra={"source": self.source.name, "tags": snippet.get("tags", [])})
            if self.opts.comments and (parse_count(stats.get("commentCount")) or 0) > 0:
                yield self._comments_request(video["id"], None, 1)

    def _comments_request(self, video_id: str, page_token: str | None, page_number: int):
        params = {"part": "snippet", "videoId": video_id, "maxResults": 100, "order": "time",
                  "textFormat": "plainText"}
        if page_token:
            params["pageToken"] = page_token
        return self.api_request(self.api_url("commentThreads", params), self.parse_comments,
                                cb_kwargs={"video_id": video_id, "page_number": page_number})

    def parse_comments(self, response, video_id: str, page_number: int):
        document = self.api_json(response)
        if document is None:
            return
        parent = canonical_url(watch_url(video_id))
        for thread in document.get("items", []):
            top = thread.get("snippet", {}).get("topLevelComment", {}) if isinstance(thread, dict) else {}
            snippet = top.get("snippet", {})
            if not top.get("id"):
                continue
            url = f"{watch_url(video_id)}&lc={top['id']}"
            author_channel = snippet.get("authorChannelId")
            yield ItemData(
                url=url, canonical_url=canonical_url(url), source_type=self.source.type, kind="comment",
                platform="youtube", external_id=top["id"], text=snippet.get("textOriginal") or
                snippet.get("textDisplay") or "", author=snippet.get("authorDisplayName"),
                author_id=author_channel.get("value") if isinstance(author_channel, dict) else None,
                parent_url=parent, thread=parent, published_at=parse_date(snippet.get("publishedAt")),
                likes=parse_count(snippet.get("likeCount")),
                comments=parse_count(thread.get("snippet", {}).get("totalReplyCount")),
                capture=capture_of_record(response, thread), extra={"source": self.source.name})
        token = document.get("nextPageToken")
        if token and page_number < self.opts.max_comment_pages:
            yield self._comments_request(video_id, token, page_number + 1)
