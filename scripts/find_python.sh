#!/usr/bin/env bash
# Print the path of a CPython interpreter of version X.Y (the argument), or fail.
#
# Looked up, first match wins: pythonX.Y on PATH, pyenv (`pyenv prefix X.Y`, then the newest
# X.Y.* under `pyenv root`), uv's managed Pythons. Each candidate is run to confirm its version
# (a pyenv shim for a version that is not active exists on PATH but does not run).
set -euo pipefail

want=${1:?usage: find_python.sh X.Y}

is_wanted() {
    [ -x "$1" ] && [ "$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "$want" ]
}

candidates() {
    command -v "python$want" 2>/dev/null || true
    if command -v pyenv >/dev/null 2>&1; then
        prefix=$(pyenv prefix "$want" 2>/dev/null || true)
        [ -n "$prefix" ] && echo "$prefix/bin/python$want"
        root=$(pyenv root 2>/dev/null || true)
        if [ -n "$root" ] && [ -d "$root/versions" ]; then
            find "$root/versions" -mindepth 1 -maxdepth 1 -name "$want.*" | sort -rV |
                while read -r d; do echo "$d/bin/python$want"; done
        fi
    fi
    if command -v uv >/dev/null 2>&1; then
        uv python find "$want" 2>/dev/null || true
    fi
}

while read -r candidate; do
    if [ -n "$candidate" ] && is_wanted "$candidate"; then
        echo "$candidate"
        exit 0
    fi
done < <(candidates)

echo "find_python.sh: no Python $want found (looked on PATH, in pyenv and uv)" >&2
exit 1
