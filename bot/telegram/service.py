"""Running the bot: long polling and the outbox dispatcher in one event loop, until asked to stop.

`serve()` is what a long-running service (the runner) awaits with its own stop event; `run_bot()` is
`diembao bot`: the same, stopped by SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable

from bot.outbox import Dispatcher, SendLimiter
from bot.telegram.access import bootstrap_admins
from bot.telegram.app import ALLOWED_UPDATES, build_application, prepare
from config.settings import Settings
from storage import Database

log = logging.getLogger(__name__)


async def serve(settings: Settings, database: Database, stop: asyncio.Event, *, token: str, base_url: str,
                poll_timeout: int | None = None, dispatcher_options: dict | None = None,
                on_dispatcher: Callable[[Dispatcher], None] | None = None) -> None:
    """Poll for updates and dispatch the outbox until `stop` is set (or the token is refused). `on_dispatcher`
    receives the dispatcher (a service that queues alerts wakes it through `dispatcher.wake`)."""
    limiter = SendLimiter()
    app = build_application(settings, database, token=token, base_url=base_url, limiter=limiter)
    dispatcher = Dispatcher(database, app.bot, settings, **(dispatcher_options or {}))
    app.bot_data["deps"].wake = dispatcher.wake
    if on_dispatcher is not None:
        on_dispatcher(dispatcher)
    timeout = settings.telegram.poll_timeout_s if poll_timeout is None else poll_timeout
    async with app:
        await prepare(app)
        await app.updater.start_polling(timeout=timeout, allowed_updates=ALLOWED_UPDATES)
        await app.start()
        sending = asyncio.create_task(dispatcher.run(stop), name="outbox-dispatcher")
        stopped = asyncio.create_task(stop.wait())
        try:
            await asyncio.wait([sending, stopped], return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop.set()
            await asyncio.gather(sending, stopped, return_exceptions=True)
            await app.updater.stop()
            await app.stop()
        if sending.done() and not sending.cancelled() and sending.exception() is not None:
            raise sending.exception()


def run_bot(settings: Settings, database: Database, token: str, base_url: str) -> None:
    """`diembao bot`: serve until SIGINT or SIGTERM."""
    with database.session() as session:
        bootstrap_admins(session, settings.admin_ids)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await serve(settings, database, stop, token=token, base_url=base_url)

    asyncio.run(main())
