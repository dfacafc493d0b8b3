"""A fake Telegram Bot API for tests and benchmarks, answering in the real API's shapes.

`FakeTelegram` is the in-memory state (chats, messages, updates, injected faults) and answers API calls.
Two transports share it:
- `RecordingRequest`, a python-telegram-bot request class: handler tests without sockets;
- `FakeTelegramServer`, an HTTP server on 127.0.0.1: the real `Application` polls it (long polling), and it can
  answer 429 with retry_after, 5xx, drop connections before or after doing the work, hang (for kill tests), or stop
  listening altogether.

Like Telegram, it refuses HTML it cannot parse, messages over 4,096 characters, callback data over 64 bytes, chats
it does not know ("chat not found") and chats that blocked the bot."""

from __future__ import annotations

import email.parser
import email.policy
import html
import json
import re
import socket
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from telegram.request import BaseRequest, RequestData

TOKEN = "123456789:TEST-diembao-token"
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "span",
                "blockquote", "tg-emoji"}
TEXT_FIELDS = {"text", "caption", "callback_query_id", "parse_mode", "url", "description", "short_description",
               "language_code", "name", "title"}
STATUS_FAULTS = {"429", "500", "502"}


class ApiError(Exception):
    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters


def parse_html(text: str) -> str:
    """The visible text of Telegram HTML, or ApiError 400 the way Telegram words it."""
    stack: list[str] = []
    visible: list[str] = []
    pos = 0
    for match in re.finditer(r"<(/?)([a-zA-Z][\w-]*)((?:\s[^<>]*)?)>|&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);", text):
        between = text[pos:match.start()]
        if re.search(r"[<>&]", between):
            raise ApiError(400, "Bad Request: can't parse entities: unsupported start tag or unescaped character")
        visible.append(between)
        pos = match.end()
        if match.group(4):
            visible.append(html.unescape(match.group()))
            continue
        closing, name = match.group(1), match.group(2).lower()
        if name not in ALLOWED_TAGS:
            raise ApiError(400, f'Bad Request: can\'t parse entities: unsupported start tag "{name}"')
        if closing:
            if not stack or stack[-1] != name:
                raise ApiError(400, f'Bad Request: can\'t parse entities: unexpected end tag "{name}"')
            stack.pop()
        else:
            stack.append(name)
    tail = text[pos:]
    if re.search(r"[<>&]", tail):
        raise ApiError(400, "Bad Request: can't parse entities: unescaped character")
    if stack:
        raise ApiError(400, f'Bad Request: can\'t parse entities: can\'t find end tag corresponding to start tag "{stack[-1]}"')
    visible.append(tail)
    return "".join(visible)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Fault:
    """Let `after` matching calls of `method` (to `chat_id`, when given) through, then make the next `times` fail
    the way `kind` says: "429" (retry_after), "500", "502", "drop_before"/"drop_after" (close the connection
    before/after doing the work), "hang_before"/"hang_after" (block until `release()`, then drop)."""

    method: str
    kind: str
    times: int = 1
    retry_after: int = 1
    chat_id: int | None = None
    after: int = 0


@dataclass
class Sent:
    """A message the bot sent, as the fake keeps it."""

    chat_id: int
    message_id: int
    html: str
    text: str
    reply_markup: dict[str, Any] | None
    at: float
    edits: list[str] = field(default_factory=list)
    versions: list[tuple[float, str]] = field(default_factory=list)  # (monotonic time, visible text) of each state
    document: dict[str, Any] | None = None


class FakeTelegram:
    """The Bot API state. Thread-safe: the HTTP server answers from several threads."""

    def __init__(self, token: str = TOKEN, bot_username: str = "diembao_test_bot"):
        self.token = token
        self.bot_user = {"id": int(token.split(":")[0]), "is_bot": True, "first_name": "Điểm báo",
                         "username": bot_username, "can_join_groups": True, "can_read_all_group_messages": False,
                         "supports_inline_queries": False}
        self.cond = threading.Condition()
        self.updates: list[dict[str, Any]] = []
        self._next_update = 1
        self.confirmed = 0  # highest update id the bot confirmed through getUpdates offsets
        self.chats: dict[int, dict[str, Any]] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.messages: dict[tuple[int, int], Sent] = {}
        self._next_message = 1000
        self.sent: list[Sent] = []
        self.answers: list[dict[str, Any]] = []
        self.commands: dict[str, list[dict[str, Any]]] = {}  # scope (JSON) -> commands
        self.calls: list[tuple[float, str, dict[str, Any]]] = []  # every call received: (monotonic, method, params)
        self.accepted: list[tuple[float, str, int]] = []  # (monotonic, method, chat_id) of every message send/edit done
        self.faults: list[Fault] = []
        self.blocked: set[int] = set()
        self.hung = threading.Event()  # set while a call hangs
        self._release = threading.Event()
        self.closed = False

    # ----- what the tests do -------------------------------------------------------------------------------------
    def user(self, user_id: int, first_name: str = "Lan", last_name: str | None = None,
             username: str | None = None) -> dict[str, Any]:
        with self.cond:
            user = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "vi"}
            if last_name:
                user["last_name"] = last_name
            if username:
                user["username"] = username
            self.users[user_id] = user
            self.chats.setdefault(user_id, {"id": user_id, "type": "private", "first_name": first_name})
            return user

    def group(self, chat_id: int, title: str = "Tổ giám sát", kind: str = "group") -> dict[str, Any]:
        with self.cond:
            self.chats[chat_id] = {"id": chat_id, "type": kind, "title": title}
            return self.chats[chat_id]

    def _push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        with self.cond:
            update = {"update_id": self._next_update, kind: payload}
            self._next_update += 1
            self.updates.append(update)
            self.cond.notify_all()
            return update

    def _incoming(self, user_id: int, chat_id: int | None, text: str) -> dict[str, Any]:
        user = self.users.get(user_id) or self.user(user_id)
        chat = self.chats[chat_id if chat_id is not None else user_id]
        with self.cond:
            self._next_message += 1
            message: dict[str, Any] = {"message_id": self._next_message, "date": int(time.time()), "chat": chat,
                                       "from": user, "text": text}
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return message

    def send_text(self, user_id: int, text: str, chat_id: int | None = None) -> dict[str, Any]:
        """A user writes `text` to the bot (in their private chat, or in group `chat_id`)."""
        return self._push("message", self._incoming(user_id, chat_id, text))

    def reply_to(self, user_id: int, to: Sent, text: str) -> dict[str, Any]:
        """A user replies to one of the bot's messages."""
        message = self._incoming(user_id, to.chat_id, text)
        message["reply_to_message"] = self.message_json(to)
        return self._push("message", message)

    def forward_from_channel(self, user_id: int, text: str, channel: str = "tinnong24h", channel_id: int = -1001234,
                             post_id: int = 77) -> dict[str, Any]:
        """A user forwards a post of a public channel to the bot."""
        message = self._incoming(user_id, None, text)
        message["forward_origin"] = {"type": "channel", "date": int(time.time()) - 600, "message_id": post_id,
                                     "chat": {"id": channel_id, "type": "channel", "title": channel,
                                              "username": channel}}
        return self._push("message", message)

    def press(self, user_id: int, message: Sent, data: str) -> dict[str, Any]:
        """A user presses an inline button of `message` whose callback data is `data`."""
        user = self.users.get(user_id) or self.user(user_id)
        with self.cond:
            self._next_message += 1
            query_id = f"cb{self._next_message}"
        return self._push("callback_query", {"id": query_id, "from": user, "chat_instance": f"ci{message.chat_id}",
                                             "message": self.message_json(message), "data": data})

    def replay(self, update: dict[str, Any]) -> dict[str, Any]:
        """Deliver the same update again (as Telegram does when an offset was never confirmed)."""
        kind = next(k for k in update if k != "update_id")
        return self._push(kind, update[kind])

    def inject(self, method: str, kind: str, times: int = 1, retry_after: int = 1, chat_id: int | None = None,
               after: int = 0) -> None:
        with self.cond:
            if kind.startswith("hang"):
                self.hung.clear()
                self._release.clear()
            self.faults.append(Fault(method, kind, times, retry_after, chat_id, after))

    def release(self) -> None:
        self._release.set()

    def delivered(self, chat_id: int | None = None) -> list[Sent]:
        with self.cond:
            return [m for m in self.sent if chat_id is None or m.chat_id == chat_id]

    def wait_for(self, predicate, timeout: float = 10.0) -> Any:
        """Wait until `predicate()` is truthy (re-checked on every change); returns its value or raises."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                value = predicate()
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"fake Telegram: condition not met within {timeout} s")
                self.cond.wait(min(left, 0.05))

    def message_json(self, sent: Sent) -> dict[str, Any]:
        message: dict[str, Any] = {"message_id": sent.message_id, "date": int(time.time()),
                                   "chat": self.chats[sent.chat_id], "from": self.bot_user, "text": sent.text}
        if sent.reply_markup and "inline_keyboard" in sent.reply_markup:  # Telegram returns inline keyboards only
            message["reply_markup"] = sent.reply_markup
        return message

    def close(self) -> None:
        with self.cond:
            self.closed = True
            self.cond.notify_all()
        self._release.set()

    # ----- the API -----------------------------------------------------------------------------------------------
    def take_fault(self, method: str, params: dict[str, Any]) -> Fault | None:
        with self.cond:
            for fault in self.faults:
                if fault.method == method and fault.times > 0 and (
                        fault.chat_id is None or str(fault.chat_id) == str(params.get("chat_id"))):
                    if fault.after > 0:
                        fault.after -= 1
                        return None
                    fault.times -= 1
                    return fault
        return None

    def wait_released(self) -> None:
        self.hung.set()
        self._release.wait()

    def respond(self, method: str, params: dict[str, Any], fault: Fault | None = None,
                block: bool = True) -> tuple[int, dict[str, Any]]:
        """The HTTP status and JSON body Telegram would answer to `method(params)`."""
        with self.cond:
            self.calls.append((time.monotonic(), method, params))
            self.cond.notify_all()
        try:
            if fault is not None and fault.kind in STATUS_FAULTS:
                self._raise_fault(fault)
            result = self._call(method, params, block)
        except ApiError as exc:
            body: dict[str, Any] = {"ok": False, "error_code": exc.status, "description": exc.description}
            if exc.parameters:
                body["parameters"] = exc.parameters
            return exc.status, body
        return 200, {"ok": True, "result": result}

    @staticmethod
    def _raise_fault(fault: Fault) -> None:
        if fault.kind == "429":
            raise ApiError(429, f"Too Many Requests: retry after {fault.retry_after}",
                           {"retry_after": fault.retry_after})
        raise ApiError(int(fault.kind), "Internal Server Error" if fault.kind == "500" else "Bad Gateway")

    def _call(self, method: str, params: dict[str, Any], block: bool) -> Any:
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            raise ApiError(404, "Not Found")
        if method == "getUpdates":
            return self._api_getUpdates(params, block)
        with self.cond:
            result = handler(params)
            self.cond.notify_all()
            return result

    def _api_getMe(self, params):
        return self.bot_user

    def _api_deleteWebhook(self, params):
        return True

    def _api_getWebhookInfo(self, params):
        return {"url": "", "has_custom_certificate": False, "pending_update_count": len(self.updates)}

    @staticmethod
    def _scope(params: dict[str, Any]) -> str:
        return json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)

    def _api_setMyCommands(self, params):
        self.commands[self._scope(params)] = list(params.get("commands") or [])
        return True

    def _api_deleteMyCommands(self, params):
        self.commands.pop(self._scope(params), None)
        return True

    def _api_getMyCommands(self, params):
        return self.commands.get(self._scope(params), [])

    def _api_getUpdates(self, params: dict[str, Any], block: bool) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0) if block else 0.0
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        with self.cond:
            if offset:
                self.confirmed = max(self.confirmed, offset - 1)
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and not self.closed and time.monotonic() < deadline:
                self.cond.wait(deadline - time.monotonic())
            return self.updates[:limit]

    def _target_chat(self, params: dict[str, Any]) -> int:
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat_id not in self.chats:
            raise ApiError(400, "Bad Request: chat not found")
        return chat_id

    @staticmethod
    def _check_markup(markup: Any) -> dict[str, Any] | None:
        if not markup:
            return None
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if len((button.get("callback_data") or "").encode()) > 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return markup

    @staticmethod
    def _visible(params: dict[str, Any], key: str = "text") -> str:
        raw = params.get(key) or ""
        if key == "text" and not raw.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        visible = parse_html(raw) if str(params.get("parse_mode", "")).upper() == "HTML" else raw
        if utf16_len(visible) > (4096 if key == "text" else 1024):
            raise ApiError(400, "Bad Request: message is too long" if key == "text" else
                           "Bad Request: message caption is too long")
        return visible

    def _store(self, chat_id: int, html_text: str, text: str, markup: Any, document=None) -> Sent:
        self._next_message += 1
        sent = Sent(chat_id, self._next_message, html_text, text, markup, time.monotonic(), document=document)
        sent.versions.append((sent.at, text))
        self.messages[(chat_id, sent.message_id)] = sent
        self.sent.append(sent)
        self.accepted.append((sent.at, "send", chat_id))
        return sent

    def _api_sendMessage(self, params):
        chat_id = self._target_chat(params)
        text = self._visible(params)
        sent = self._store(chat_id, params["text"], text, self._check_markup(params.get("reply_markup")))
        return self.message_json(sent)

    def _api_sendDocument(self, params):
        chat_id = self._target_chat(params)
        caption = self._visible(params, "caption") if params.get("caption") else ""
        document = params.get("document")
        if not isinstance(document, dict):
            raise ApiError(400, "Bad Request: there is no document in the request")
        sent = self._store(chat_id, params.get("caption") or "", caption, self._check_markup(params.get("reply_markup")),
                           document=document)
        message = self.message_json(sent)
        message["document"] = {"file_id": f"doc{sent.message_id}", "file_unique_id": f"u{sent.message_id}",
                               "file_name": document["filename"], "file_size": len(document["content"])}
        return message

    def _api_editMessageText(self, params):
        chat_id = self._target_chat(params)
        sent = self.messages.get((chat_id, int(params["message_id"])))
        if sent is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        text = self._visible(params)
        markup = self._check_markup(params.get("reply_markup"))
        if params["text"] == sent.html and markup == sent.reply_markup:
            raise ApiError(400, "Bad Request: message is not modified: specified new message content and reply "
                                "markup are exactly the same as a current content and reply markup of the message")
        sent.edits.append(sent.html)
        sent.html, sent.text, sent.reply_markup = params["text"], text, markup
        self.accepted.append((time.monotonic(), "edit", chat_id))
        sent.versions.append((self.accepted[-1][0], text))
        return self.message_json(sent)

    def _api_editMessageReplyMarkup(self, params):
        chat_id = self._target_chat(params)
        sent = self.messages.get((chat_id, int(params["message_id"])))
        if sent is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        sent.reply_markup = self._check_markup(params.get("reply_markup"))
        return self.message_json(sent)

    def _api_answerCallbackQuery(self, params):
        self.answers.append(dict(params))
        return True

    def _api_leaveChat(self, params):
        return True


# ----- transport 1: no sockets -------------------------------------------------------------------------------------
class RecordingRequest(BaseRequest):
    """A python-telegram-bot request class that hands every call to a FakeTelegram (no sockets)."""

    def __init__(self, fake: FakeTelegram):
        self.fake = fake

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout=None, write_timeout=None, connect_timeout=None,
                         pool_timeout=None) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if request_data and request_data.multipart_data:
            for name, (filename, content, *_rest) in request_data.multipart_data.items():
                params[name] = {"filename": filename, "content": content}
        status, body = self.fake.respond(api_method, params, self.fake.take_fault(api_method, params), block=False)
        return status, json.dumps(body).encode()


# ----- transport 2: HTTP on 127.0.0.1 ------------------------------------------------------------------------------
def _decode(name: str, value: str) -> Any:
    if name in TEXT_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _params(handler: BaseHTTPRequestHandler, body: bytes) -> dict[str, Any]:
    ctype = handler.headers.get("Content-Type", "")
    query = urllib.parse.urlparse(handler.path).query
    params: dict[str, Any] = {k: _decode(k, v[-1]) for k, v in urllib.parse.parse_qs(query).items()}
    if ctype.startswith("application/json") and body:
        params.update(json.loads(body))
    elif ctype.startswith("application/x-www-form-urlencoded"):
        params.update({k: _decode(k, v[-1]) for k, v in urllib.parse.parse_qs(body.decode()).items()})
    elif ctype.startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {ctype}\r\n\r\n".encode() + body)
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_filename()
            content = part.get_payload(decode=True) or b""
            params[name] = ({"filename": filename, "content": content} if filename
                            else _decode(name, content.decode()))
    return params


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def log_message(self, *args: Any) -> None:
        return None

    def setup(self) -> None:
        super().setup()
        self.server.connections.add(self.connection)

    def finish(self) -> None:
        self.server.connections.discard(self.connection)
        super().finish()

    def _drop(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _answer(self) -> None:
        fake = self.server.fake
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        match = re.fullmatch(r"/bot([^/]+)/(\w+)", urllib.parse.urlparse(self.path).path)
        if match is None or match.group(1) != fake.token:
            status, payload = 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        else:
            method = match.group(2)
            params = _params(self, body)
            fault = fake.take_fault(method, params)
            if fault is not None and fault.kind in ("drop_before", "hang_before"):
                if fault.kind == "hang_before":
                    fake.wait_released()
                return self._drop()
            status, payload = fake.respond(method, params, fault)
            if fault is not None and fault.kind in ("drop_after", "hang_after"):
                if fault.kind == "hang_after":
                    fake.wait_released()
                return self._drop()
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status, HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, fake: FakeTelegram):
        super().__init__(address, _Handler)
        self.fake = fake
        self.connections: set[socket.socket] = set()

    def handle_error(self, request, client_address) -> None:
        """Clients closing connections (and our own drops) are normal here; anything else is reported."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class FakeTelegramServer:
    """The fake Bot API over HTTP on 127.0.0.1 (a free port). Use as a context manager."""

    def __init__(self, fake: FakeTelegram | None = None, host: str = "127.0.0.1", port: int = 0):
        self.fake = fake or FakeTelegram()
        self.host, self.port = host, port
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """What TELEGRAM_API_BASE_URL should be set to."""
        return f"http://{self.host}:{self.port}/bot"

    def start(self) -> "FakeTelegramServer":
        self._httpd = _Server((self.host, self.port), self.fake)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True, name="fake-telegram")
        self._thread.start()
        return self

    def pause(self) -> None:
        """Stop listening and close every open connection: new calls fail to connect until `resume()`."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        for conn in list(httpd.connections):
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def resume(self) -> None:
        self.start()

    def stop(self) -> None:
        self.fake.close()
        self.pause()

    def __enter__(self) -> "FakeTelegramServer":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
