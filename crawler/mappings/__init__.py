"""Built-in column mappings for `diembao import` (one YAML file per mapping; see docs/crawler.md)."""
