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
	DIEMBAO_DATABASE_URL=sqlite:///var/demo/diembao.db $(VENV)/bin/diembao db upgrade
	$(VENV)/bin/diembao config check
	DIEMBAO_DATABASE_URL=sqlite:///var/demo/diembao.db $(VENV)/bin/diembao status

test: $(VENV)/.installed
	$(PY) -m pytest -q --durations=10

clean:
	rm -rf $(VENV) var/demo
