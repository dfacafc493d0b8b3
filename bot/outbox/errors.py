"""What a failed Bot API call means for an outbox row: was the message certainly not delivered (retry), may it
have been delivered (never resend blindly), or will it never work (give up, recorded)?"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import httpx
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError

from bot.outbox.limits import retry_after_seconds

# Transport failures that happen before the request can have reached Telegram.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_GONE_CHAT = ("chat not found", "user not found", "peer_id_invalid", "chat_id is empty", "group chat was deactivated",
              "have no rights to send", "not enough rights to send")


class Fate(enum.Enum):
    RETRY = "retry"  # Telegram certainly did not take it: try again later
    UNKNOWN = "unknown"  # the request left and no answer came back: it may have been delivered
    CHAT_GONE = "chat_gone"  # blocked by the user, kicked from the group, chat not found: stop writing to the chat
    REJECTED = "rejected"  # Telegram refuses this message (malformed): retrying cannot help
    MIGRATED = "migrated"  # the group became a supergroup with a new id
    FATAL = "fatal"  # the token is wrong: nothing can be sent


@dataclass(frozen=True)
class Verdict:
    fate: Fate
    reason: str
    delay: float | None = None  # what Telegram asked us to wait (429)
    new_chat_id: int | None = None


def judge(exc: TelegramError) -> Verdict:
    reason = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, RetryAfter):
        return Verdict(Fate.RETRY, reason, delay=retry_after_seconds(exc))
    if isinstance(exc, ChatMigrated):
        return Verdict(Fate.MIGRATED, reason, new_chat_id=int(exc.new_chat_id))
    if isinstance(exc, InvalidToken):
        return Verdict(Fate.FATAL, reason)
    if isinstance(exc, Forbidden):
        return Verdict(Fate.CHAT_GONE, reason)
    if isinstance(exc, BadRequest):
        gone = any(marker in str(exc).lower() for marker in _GONE_CHAT)
        return Verdict(Fate.CHAT_GONE if gone else Fate.REJECTED, reason)
    if isinstance(exc, NetworkError):
        cause = exc.__cause__
        # An HTTP error status (5xx; its body may not even be JSON), or no connection was made at all.
        if cause is None or isinstance(cause, (TelegramError, *_NOT_SENT)):
            return Verdict(Fate.RETRY, reason)
        return Verdict(Fate.UNKNOWN, reason)
    return Verdict(Fate.REJECTED, reason)


def not_modified(exc: TelegramError) -> bool:
    return isinstance(exc, BadRequest) and "message is not modified" in str(exc).lower()


def edit_target_gone(exc: TelegramError) -> bool:
    text = str(exc).lower()
    return isinstance(exc, BadRequest) and ("message to edit not found" in text or "message can't be edited" in text)
