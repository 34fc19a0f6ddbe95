# Everything runs inside .venv, which the first target that needs it creates.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8787
# The oldest and newest supported Pythons: `make test` runs mypy and the suite on each too.
OLDEST_PYTHON := 3.9
NEWEST_PYTHON := 3.13

.PHONY: install generate check-generated lint typecheck test test-pythons check-dist vendor-sdk prism demo emulator bench soak clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip uninstall --quiet --yes bctrl 2>/dev/null || true  # this project's former name
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Merge spec/fragments into spec/openapi.yaml and regenerate generated/ (warnings fail).
generate: $(STAMP)
	$(PY) scripts/generate.py

## Fail if spec/openapi.yaml or generated/ differ from a fresh generation.
check-generated: $(STAMP)
	$(PY) scripts/generate.py --check

lint: $(STAMP)
	$(VENV)/bin/ruff check bctrl tests scripts examples benchmarks
	$(VENV)/bin/ruff format --check bctrl tests scripts examples benchmarks

typecheck: $(STAMP)
	$(VENV)/bin/mypy

test: check-generated lint typecheck vendor-sdk prism
	$(PY) -m pytest
	$(MAKE) --no-print-directory test-pythons check-dist

## mypy and the suite on the oldest and newest supported Pythons, each in its own .venv-pyXY
## (found with pyenv or on PATH; CI fails when one is missing, elsewhere it is skipped with a warning).
test-pythons:
	scripts/test_python.sh $(OLDEST_PYTHON)
	scripts/test_python.sh $(NEWEST_PYTHON)

## Build the sdist and the wheel, check their contents, and use the wheel from a clean virtualenv.
check-dist: $(STAMP)
	$(PY) scripts/check_dist.py --oldest $(OLDEST_PYTHON) --newest $(NEWEST_PYTHON)

## Referees nobody here wrote, for the interop tests: bctrl's own Python SDK (bctrl==0.1.1,
## imported as `bctrl` too) in .venv-vendor, and Prism (pinned, from npm) in .prism/.
vendor-sdk: $(STAMP)
	$(PY) tests/emulator/vendor_env.py

prism: $(STAMP)
	$(PY) tests/emulator/prism_env.py

## The main job: start the local emulator, run examples/quickstart.py against it, stop it.
demo: $(STAMP)
	$(PY) scripts/demo.py

emulator: $(STAMP)
	$(PY) -m bctrl.emulator --host 127.0.0.1 --port $(PORT)

bench: $(STAMP)
	$(PY) -m benchmarks.run

soak: $(STAMP)
	$(PY) -m benchmarks.soak

clean:
	rm -rf $(VENV) .venv-py* .venv-vendor .prism build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis
