#!/usr/bin/env bash
# mypy and the test suite on Python X.Y (the argument), in its own virtualenv .venv-pyXY.
#
# The interpreter is looked up by scripts/find_python.sh. When it is missing, CI (CI set in the
# environment) fails; elsewhere the run is skipped with a warning.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: test_python.sh X.Y}
venv=.venv-py${version/./}
stamp=$venv/.installed-stamp

if ! python=$(scripts/find_python.sh "$version"); then
    if [ -n "${CI:-}" ]; then
        echo "error: Python $version is required in CI (the oldest and newest supported Pythons are tested)" >&2
        exit 1
    fi
    echo "warning: Python $version not found: its mypy and test run are SKIPPED here (CI fails instead)" >&2
    exit 0
fi

if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "== $venv: installing with $python"
    [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip uninstall --quiet --yes bctrl 2>/dev/null || true  # this project's former name
    "$venv/bin/python" -m pip install --quiet -e ".[dev]"
    touch "$stamp"
fi

echo "== Python $version ($("$venv/bin/python" -c 'import sys; print(sys.version.split()[0])')): mypy"
"$venv/bin/mypy"
echo "== Python $version: pytest"
"$venv/bin/python" -m pytest
