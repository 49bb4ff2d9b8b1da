# The README's two commands: `make ingest` and `make test`. Both install what is missing.
VENV        := .venv
PY          := $(VENV)/bin/python
APT         := tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra poppler-utils fonts-dejavu-core \
               libpango-1.0-0 libpangoft2-1.0-0 chromium
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

BENCH_APT   := ghostscript

.PHONY: ingest test eval bench fuzz deps system-deps bench-deps corpus schema clean

ingest: deps
	$(VENV)/bin/vacancy ingest corpus/inbox -o out

test: deps
	$(PY) -m pytest -q

# Accuracy on the layout-family corpus (corpus/notices): builds what is missing, prints the
# tables, writes out/eval/eval.json.
eval: deps
	$(PY) corpus/scripts/evaluate.py

# The property and fuzz tests with a long budget (make test runs them briefly).
fuzz: deps
	VACANCY_FUZZ=long $(PY) -m pytest -q tests/test_properties.py

# Speed and memory against the peers (OCRmyPDF, raw tesseract, pdfplumber), installed for it;
# prints the tables, writes out/bench/bench.json and the README's "Speed" section.
bench: deps bench-deps
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) corpus/scripts/bench.py --readme

bench-deps:
	@dpkg -s $(BENCH_APT) >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(BENCH_APT); }
	@$(VENV)/bin/pip install -q -e '.[bench]'

deps: system-deps $(VENV)/.installed

system-deps:
	@missing=""; for p in $(APT); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

# Rebuild corpus/inbox from ../shared/seeds (byte-identical output).
corpus: deps
	$(PY) corpus/scripts/make_corpus.py
	$(PY) corpus/scripts/make_corpus.py --verify
	$(PY) corpus/scripts/make_notices.py

schema: deps
	$(VENV)/bin/vacancy schema

clean:
	rm -rf out .pytest_cache
