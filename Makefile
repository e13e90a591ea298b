# Two commands: `make run` opens the dashboard on the sample journey; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
PORT ?= 8501

.PHONY: run test install install-dev browser bench samples clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)

install: $(VENV)/bin/activate
	$(PIP) install -r requirements.txt

install-dev: $(VENV)/bin/activate
	$(PIP) install -r requirements-dev.txt

# Debian's chromium and chromedriver for the browser tests (as root, when missing).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	  else echo "Install Debian's chromium and chromium-driver (sudo apt-get install chromium chromium-driver)."; exit 1; fi; \
	fi

run: install
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

test: install-dev browser
	$(PY) -m pytest

bench: install-dev
	$(PY) bench/intake.py

samples: install
	$(PY) sample_data/generate.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis test-output
