# Quick start: `make demo` and `make test`. Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check --quiet

.PHONY: demo test bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -e '.[transformers,test]'
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/diembao demo --out var/demo

test: $(VENV)/.installed
	$(PY) -m pytest -q --durations=10

# Benchmarks (minutes each; figures are ratios against a baseline measured in the same run).
bench: $(VENV)/.installed
	for b in crawl_bench nlp_bench claims_bench digest_bench telegram_bench runner_latency; do \
		$(PY) bench/$$b.py || exit 1; done

clean:
	rm -rf $(VENV) var/demo
