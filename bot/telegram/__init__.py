"""The Telegram interface: commands, review buttons, and the service that polls and dispatches the outbox.

Public surface (import from the modules; this package imports nothing so the alert and outbox modules can use its
HTML and callback helpers without a cycle):
- `bot.telegram.app.build_application` / `prepare`: the PTB Application with every handler;
- `bot.telegram.service.serve`: polling plus the outbox dispatcher until a stop event; `run_bot` for the CLI;
- `bot.telegram.botapi.make_bot`: a sending-only bot for a dispatcher run on its own."""
