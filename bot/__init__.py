"""The application: command line, scheduler, analysis runs, alerts and their outbox, digests, the Telegram bot."""
