"""Escaping, splitting at 4,096 characters, callback data validation, and the flood-limit arithmetic."""

from __future__ import annotations

import random
import re

import pytest

from bot.outbox.limits import SendLimiter, is_group
from bot.telegram.callbacks import Press, decode, encode_label, encode_resend, encode_step
from bot.telegram.html import esc, fit, split_html, units
from tests.fakes.telegram_api import ApiError, parse_html


def test_escaped_text_always_parses_and_shows_as_typed():
    hostile = '<script>alert("x")</script> & <b>không đậm</b> &amp; "trích dẫn" 😀'
    assert parse_html(f"<b>{esc(hostile)}</b>") == hostile
    with pytest.raises(ApiError, match="parse entities"):
        parse_html(f"<b>{hostile}</b>")


def _visible(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(parse_html(p) for p in parts)).strip()


@pytest.mark.parametrize("seed", range(5))
def test_split_parts_fit_parse_and_keep_every_character(seed):
    rnd = random.Random(seed)
    words = ["Khánh", "Hòa", "sạt", "lở", "&amp;", "&lt;tin&gt;", "😀", "đèo", "Cam Ranh", "x" * 300]
    lines = []
    for _ in range(rnd.randint(50, 400)):
        line = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 40)))
        if rnd.random() < 0.3:
            line = f"<b>{line}</b>"
        if rnd.random() < 0.1:
            line = f'<a href="https://vd.vn/?a=1&amp;b=2">{line}</a>'
        lines.append(line)
    text = "\n".join(lines)
    parts = split_html(text, 1000)
    assert all(units(p) <= 1000 for p in parts)
    assert _visible(parts) == re.sub(r"\s+", " ", parse_html(text)).strip()


def test_split_prefers_line_boundaries_and_reopens_tags():
    text = "<b>" + "\n".join(f"dòng {n} " + "chữ " * 20 for n in range(40)) + "</b>"
    parts = split_html(text, 500)
    assert len(parts) > 2
    for part in parts:
        assert part.startswith("<b>dòng ") and part.endswith("</b>")
        parse_html(part)
    assert split_html("ngắn") == ["ngắn"] and split_html("  \n ") == []


def test_one_huge_word_is_cut_hard_and_fit_marks_the_cut():
    parts = split_html("a" * 9000, 4096)
    assert "".join(parts) == "a" * 9000 and all(units(p) <= 4096 for p in parts)
    cut = fit("dòng\n" * 2000)
    assert units(cut) <= 4096 and cut.endswith("…")


def test_callback_data_round_trips_and_rejects_everything_else():
    assert decode(encode_label("s", 12, "neg")) == Press("s", 12, "neg")
    assert decode(encode_label("m", 12, "tg")) == Press("m", 12, "tg")
    assert decode(encode_step(12, 3, "kvi")) == Press("w", 12, "kvi", 3)
    assert decode(encode_resend(55)) == Press("r", 55)
    for hostile in [None, "", "s:12:bad", "s:-1:neg", "w:12:kvi", "x:1", "s:12:neg:extra", "r:1 OR 1=1",
                    "s:" + "9" * 40 + ":neg", "m:1:tg\n", "w:1:99999999:sl", "ß:1:neg"]:
        assert decode(hostile) is None, hostile
    assert len(encode_step(10**11, 10**5, "kvi").encode()) <= 64


def test_windows_count_requests_in_flight_and_answers_until_a_window_after():
    limiter = SendLimiter(slack=0.0)
    limiter.take("7")
    assert limiter.delay("7", 100.0) is None  # in flight: it may arrive at any moment
    assert limiter.delay("8", 100.0) == 0
    limiter.finish("7", 100.4)  # answered at 100.4: it arrived at 100.4 at the latest
    assert limiter.delay("7", 100.9) == pytest.approx(0.5)
    for n in range(20):  # 20 messages in one group, answered one per second
        limiter.take("-5")
        limiter.finish("-5", 200.0 + n)
    assert limiter.delay("-5", 220.0) == pytest.approx(40)  # the 21st waits a minute after the 1st answer
    busy = SendLimiter(slack=0.0)
    for n in range(29):
        busy.take(str(n))
        busy.finish(str(n), 300.0 + n / 100)
    busy.take("29")  # 29 answered and 1 in flight: the 31st waits for answers to age out
    assert busy.delay("99", 300.5) == pytest.approx(0.5)
    busy.pause(3)
    assert busy.delay("99", 301.0) > 1.0
    assert is_group(-100123) and not is_group(42) and is_group("@kenh")


async def test_a_429_pauses_everything_and_is_retried_for_replies(server, fake):
    from bot.telegram.botapi import make_bot
    fake.user(11)
    fake.inject("sendMessage", "429", retry_after=1)
    bot = make_bot(fake.token, server.base_url, SendLimiter(max_retries=1))
    await bot.initialize()
    await bot.send_message(11, "Xin chào")
    await bot.shutdown()
    assert [m.text for m in fake.delivered(11)] == ["Xin chào"]
    sends = [t for t, method, _ in fake.calls if method == "sendMessage"]
    assert len(sends) == 2 and sends[1] - sends[0] >= 1.0  # the retry honoured retry_after
