"""Telegram's flood limits for one bot, shared by the bot's replies and the outbox dispatcher.

About one message per second in a chat, 20 per minute in a group, 30 per second overall (Telegram's bot FAQ). The
limits are enforced as sliding windows (never more than N in any window), with a little slack because arrival
times at Telegram jitter with the network. A 429 answer pauses every message for its `retry_after`."""

from __future__ import annotations

import asyncio
import collections
import time
import warnings
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

# Calls that put a message on a screen; answers to button presses, commands setup and polling are not limited.
LIMITED_PREFIXES = ("send", "edit", "copy", "forward")


def retry_after_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)


def is_group(chat_id: object) -> bool:
    """Groups, supergroups and channels have negative ids (or a public @username)."""
    try:
        return int(chat_id) < 0  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return isinstance(chat_id, str)


class SendLimiter(BaseRateLimiter[dict]):
    """Throttle messages to Telegram's limits before they are sent.

    `rate_limit_args={"max_retries": n}` on an ExtBot call sets how often a 429 is retried here (the dispatcher
    passes 0 and reschedules the row itself)."""

    def __init__(self, chat_interval: float = 1.0, group_per_minute: int = 20, overall_per_second: int = 30,
                 slack: float = 0.05, max_retries: int = 2, clock: Callable[[], float] = time.monotonic):
        self.chat_interval = chat_interval + slack
        self.group_window = 60.0 + slack
        self.overall_window = 1.0 + slack
        self.group_per_minute, self.overall_per_second = group_per_minute, overall_per_second
        self.max_retries = max_retries
        self.clock = clock
        self._lock = asyncio.Lock()
        self._last: dict[str, float] = {}
        self._groups: dict[str, collections.deque[float]] = {}
        self._overall: collections.deque[float] = collections.deque()
        self.paused_until = 0.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def pause(self, seconds: float) -> None:
        """Telegram said 429: hold every message for `seconds`."""
        self.paused_until = max(self.paused_until, self.clock() + seconds)

    def _wait(self, chat: str | None, now: float) -> float:
        waits = [self.paused_until - now]
        if len(self._overall) >= self.overall_per_second:
            waits.append(self._overall[0] + self.overall_window - now)
        if chat is not None:
            if chat in self._last:
                waits.append(self._last[chat] + self.chat_interval - now)
            window = self._groups.get(chat)
            if window is not None and len(window) >= self.group_per_minute:
                waits.append(window[0] + self.group_window - now)
        return max(waits)

    def _take(self, chat: str | None, group: bool, now: float) -> None:
        while self._overall and self._overall[0] <= now - self.overall_window:
            self._overall.popleft()
        self._overall.append(now)
        if chat is None:
            return
        self._last[chat] = now
        if group:
            window = self._groups.setdefault(chat, collections.deque())
            while window and window[0] <= now - self.group_window:
                window.popleft()
            window.append(now)
        if len(self._last) > 4096:  # forget chats idle for longer than the interval
            self._last = {c: t for c, t in self._last.items() if t > now - self.chat_interval}

    async def acquire(self, chat_id: object) -> None:
        """Wait until one more message to `chat_id` keeps within every limit, and count it."""
        chat = None if chat_id is None else str(chat_id)
        while True:
            async with self._lock:
                now = self.clock()
                while self._overall and self._overall[0] <= now - self.overall_window:
                    self._overall.popleft()
                wait = self._wait(chat, now)
                if wait <= 0:
                    self._take(chat, is_group(chat_id), now)
                    return
            await asyncio.sleep(wait)

    async def process_request(self, callback: Callable[..., Coroutine[Any, Any, Any]], args: Any,
                              kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
                              rate_limit_args: dict | None) -> Any:
        if not endpoint.startswith(LIMITED_PREFIXES):
            return await callback(*args, **kwargs)
        retries = (rate_limit_args or {}).get("max_retries", self.max_retries)
        attempt = 0
        while True:
            await self.acquire(data.get("chat_id"))
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                self.pause(retry_after_seconds(exc))
                attempt += 1
                if attempt > retries:
                    raise
