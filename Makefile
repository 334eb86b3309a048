# Two commands a newcomer needs: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
PORT ?= 8501

.PHONY: run test test-quick lint sample testdata clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

# Compact failures (--tb=short, and frames print a few rows: tests/conftest.py); the last line says how long it took.
test: $(STAMP)
	$(PY) -m ruff check .
	@start=$$(date +%s); $(PY) -m pytest -n 2 -q --tb=short; status=$$?; \
	  echo "make test: $$(( $$(date +%s) - start )) s"; exit $$status

lint: $(STAMP)
	$(PY) -m ruff check .

# Everything but the tests marked slow (their own SeaweedFS, Caddy and replicas, crash and race processes):
# for a quick round while editing; `make test` and .ci/run run them all.
test-quick: $(STAMP)
	$(PY) -m pytest -n 2 -q --tb=short -m "not slow"

# Regenerate the bundled sample and the test corpus (needs LibreOffice for .xls/.ods).
sample: $(STAMP)
	$(PY) data/make_sample.py

testdata: $(STAMP)
	$(PY) tests/data/make_files.py
	$(PY) tests/data/make_cells.py
	$(PY) tests/data/make_read_files.py
	$(PY) tests/data/make_layouts.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

# Speed, size and memory goals (benchmarks/run.py, then the browser race against the peer apps, benchmarks/browser.py,
# then a filter click on 20 million national records, benchmarks/national.py): makes its files once into
# benchmarks/out/; the reader's part takes about 2-3 minutes, the browser rounds and the national case longer.
.PHONY: bench
bench: $(STAMP)
	$(PY) benchmarks/run.py --out benchmarks/out/results.md
	$(PY) benchmarks/browser.py --rounds 5 --out benchmarks/out/browser.md
	$(PY) benchmarks/national.py --out benchmarks/out/national.md

# The full many-users test: 20 concurrent browser sessions against one `streamlit run` (make test runs 4).
.PHONY: load
load: $(STAMP)
	PEKALONGAN_LOAD_SESSIONS=20 $(PY) -m pytest tests/browser/test_load.py -q -s
