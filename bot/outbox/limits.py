"""Telegram's flood limits for one bot, shared by the bot's replies and the outbox dispatcher.

About one message per second in a chat, 20 per minute in a group, 30 per second overall (Telegram's bot FAQ),
enforced as sliding windows: never more than N messages in any window, counted where it matters, at Telegram.
A request reaches Telegram somewhere between the moment it leaves and the moment its answer comes back, so a
request in flight counts as "maybe just arrived" and a finished one counts until a full window after its answer.
With that rule no window at Telegram can hold more than N, however slow the network. A 429 answer pauses every
message for its `retry_after`. When several messages could go, the one with the lowest priority number goes first:
replies to people (priority -1) before alerts, and alerts in the order they were queued (the dispatcher passes the
outbox row id), which spreads a burst evenly over the chats."""

from __future__ import annotations

import asyncio
import collections
import itertools
import time
import warnings
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

# Calls that put a message on a screen; answers to button presses, command menus and polling are not limited.
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


@dataclass
class Window:
    """At most `limit` messages in any `seconds`: requests in flight, and answers less than `seconds` old."""

    limit: int
    seconds: float
    in_flight: int = 0
    done: collections.deque = field(default_factory=collections.deque)  # answer times, oldest first

    def forget(self, now: float) -> bool:
        """Drop answers older than the window; True while the window still holds something."""
        while self.done and self.done[0] <= now - self.seconds:
            self.done.popleft()
        return self.in_flight > 0 or bool(self.done)

    def wait(self, now: float) -> float | None:
        """0 when one more may leave now; the seconds until one may; None while only an answer can free a place."""
        self.forget(now)
        excess = self.in_flight + len(self.done) - self.limit + 1
        if excess <= 0:
            return 0.0
        if excess > len(self.done):
            return None
        return self.done[excess - 1] + self.seconds - now

    def finish(self, now: float) -> None:
        self.in_flight -= 1
        self.done.append(now)


class SendLimiter(BaseRateLimiter[dict]):
    """Throttle messages to Telegram's limits before they are sent.

    `rate_limit_args={"max_retries": n}` on an ExtBot call sets how often a 429 is retried here (the dispatcher
    passes 0 and reschedules the row itself)."""

    def __init__(self, chat_interval: float = 1.0, group_per_minute: int = 20, overall_per_second: int = 30,
                 slack: float = 0.01, max_retries: int = 2, clock: Callable[[], float] = time.monotonic):
        self.chat_seconds = chat_interval + slack
        self.group_per_minute, self.group_seconds = group_per_minute, 60.0 + slack
        self.overall = Window(overall_per_second, 1.0 + slack)
        self.max_retries = max_retries
        self.clock = clock
        self._changed = asyncio.Condition()
        self._chats: dict[str, Window] = {}
        self._groups: dict[str, Window] = {}
        self._waiting: dict[tuple[float, int], object] = {}  # (priority, arrival) -> chat id
        self._arrivals = itertools.count()
        self.paused_until = 0.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def pause(self, seconds: float) -> None:
        """Telegram said 429: hold every message for `seconds`."""
        self.paused_until = max(self.paused_until, self.clock() + seconds)

    def _windows(self, chat_id: object) -> list[Window]:
        if chat_id is None:
            return [self.overall]
        chat = str(chat_id)
        windows = [self.overall, self._chats.setdefault(chat, Window(1, self.chat_seconds))]
        if is_group(chat_id):
            windows.append(self._groups.setdefault(chat, Window(self.group_per_minute, self.group_seconds)))
        return windows

    def delay(self, chat_id: object, now: float) -> float | None:
        """How long a message to `chat_id` must wait (None: until a request in flight is answered)."""
        waits = [w.wait(now) for w in self._windows(chat_id)]
        if None in waits:
            return None
        return max([self.paused_until - now, *waits])

    def take(self, chat_id: object) -> None:
        for window in self._windows(chat_id):
            window.in_flight += 1

    def finish(self, chat_id: object, now: float) -> None:
        for window in self._windows(chat_id):
            window.finish(now)
        if len(self._chats) > 4096:  # forget chats with nothing in their windows
            self._chats = {c: w for c, w in self._chats.items() if w.forget(now)}
            self._groups = {c: w for c, w in self._groups.items() if w.forget(now)}

    def _free(self, chat_id: object, now: float) -> bool:
        wait = self.delay(chat_id, now)
        return wait is not None and wait <= 0

    def _ahead(self, ticket: tuple[float, int], now: float) -> bool:
        """Is a message with a lower priority number also free to go now?"""
        return any(other < ticket and self._free(chat, now) for other, chat in self._waiting.items())

    async def _acquire(self, chat_id: object, priority: float) -> None:
        ticket = (priority, next(self._arrivals))
        async with self._changed:
            self._waiting[ticket] = chat_id
            try:
                while True:
                    now = self.clock()
                    wait = self.delay(chat_id, now)
                    if wait is not None and wait <= 0:
                        if not self._ahead(ticket, now):
                            self.take(chat_id)
                            return
                        wait = None  # the one ahead goes first and tells us
                    try:
                        await asyncio.wait_for(self._changed.wait(), timeout=wait)
                    except TimeoutError:
                        pass
            finally:
                del self._waiting[ticket]
                self._changed.notify_all()

    async def _release(self, chat_id: object) -> None:
        async with self._changed:
            self.finish(chat_id, self.clock())
            self._changed.notify_all()

    async def process_request(self, callback: Callable[..., Coroutine[Any, Any, Any]], args: Any,
                              kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
                              rate_limit_args: dict | None) -> Any:
        if not endpoint.startswith(LIMITED_PREFIXES):
            return await callback(*args, **kwargs)
        chat_id = data.get("chat_id")
        retries = (rate_limit_args or {}).get("max_retries", self.max_retries)
        priority = (rate_limit_args or {}).get("priority", -1)
        attempt = 0
        while True:
            await self._acquire(chat_id, priority)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                self.pause(retry_after_seconds(exc))
                attempt += 1
                if attempt > retries:
                    raise
            finally:
                await self._release(chat_id)
