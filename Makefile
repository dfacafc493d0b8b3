# Quick start: `make demo` and `make test`. Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: demo test bench clean

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.full: $(VENV)/.base
	$(PY) -m pip install --quiet -e '.[transformers,test]'
	touch $@

demo: $(VENV)/.base
	$(VENV)/bin/diembao demo

test: $(VENV)/.full
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) var/demo
