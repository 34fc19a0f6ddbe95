"""Regenerate (or check) everything derived from ``spec/fragments/``.

* ``python scripts/generate.py``: merge the fragments into ``spec/openapi.yaml`` (and the
  emulator's packaged copy), then run openapi-python-client into ``generated/bctrl_api``.
  Any generator warning fails the run.
* It also writes ``bctrl/_sync/resources.py`` from ``bctrl/_async/resources.py``
  (``scripts/gen_sync.py``).
* ``python scripts/generate.py --check``: do the same into a temporary folder and fail
  on any difference from what is committed.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import gen_params  # noqa: E402
import gen_sync  # noqa: E402
import merge_spec  # noqa: E402

GENERATED = ROOT / "generated" / "bctrl_api"
CONFIG = ROOT / "generator" / "config.yaml"
TEMPLATES = ROOT / "generator" / "templates"
PARAMS = ROOT / "bctrl" / "_params.py"


def run_generator(spec: Path, out: Path) -> str:
    """Run openapi-python-client; return its output, raising if it warned or failed."""
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    cmd = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path",
        str(spec),
        "--meta",
        "none",
        "--config",
        str(CONFIG),
        "--custom-template-path",
        str(TEMPLATES),
        "--output-path",
        str(out),
        "--overwrite",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0 or "warning" in output.lower() or "error" in output.lower():
        raise SystemExit(f"generate: openapi-python-client did not run cleanly:\n{output}")
    return output


def write_params(doc: dict, out: Path) -> None:
    out.write_text(gen_params.render(doc))
    ruff = Path(sys.executable).parent / "ruff"
    subprocess.run([str(ruff), "format", "--quiet", str(out)], check=True, cwd=ROOT)


def build_into(spec_out: Path, package_copy: Path, code_out: Path, params_out: Path) -> None:
    doc = merge_spec.build()
    spec_out.write_text(merge_spec.dump(doc))
    package_copy.parent.mkdir(parents=True, exist_ok=True)
    package_copy.write_text(merge_spec.dump_json(doc))
    write_params(doc, params_out)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "bctrl_api"
        output = run_generator(spec_out, target)
        print(f"generate: {output.splitlines()[0] if output else 'done'} (warnings: none)")
        if code_out.exists():
            shutil.rmtree(code_out)
        code_out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(target, code_out, ignore=shutil.ignore_patterns("__pycache__", ".ruff_cache"))
    # With `--meta none` the generator writes no PEP 561 marker; users' type checkers need it
    # to see the models' types (nested arguments of the typed keyword arguments).
    (code_out / "py.typed").write_text("# Marker file for PEP 561\n")


def differences(a: Path, b: Path) -> List[str]:
    """Files that differ between two trees (relative paths)."""
    cmp = filecmp.dircmp(a, b, ignore=["__pycache__", ".ruff_cache"])
    out: List[str] = []

    def walk(c: filecmp.dircmp, prefix: str) -> None:
        out.extend(f"{prefix}{n} (only committed)" for n in c.left_only)
        out.extend(f"{prefix}{n} (only regenerated)" for n in c.right_only)
        for name in c.common_files:
            if (Path(c.left) / name).read_bytes() != (Path(c.right) / name).read_bytes():
                out.append(f"{prefix}{name}")
        for name, sub in c.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(cmp, "")
    return out


def check() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        build_into(t / "openapi.yaml", t / "openapi.json", t / "bctrl_api", t / "_params.py")
        problems = []
        if (t / "openapi.yaml").read_bytes() != merge_spec.OUT.read_bytes():
            problems.append("spec/openapi.yaml")
        if (t / "openapi.json").read_bytes() != merge_spec.PACKAGE_COPY.read_bytes():
            problems.append(str(merge_spec.PACKAGE_COPY.relative_to(ROOT)))
        if not PARAMS.exists() or (t / "_params.py").read_bytes() != PARAMS.read_bytes():
            problems.append(str(PARAMS.relative_to(ROOT)))
        if gen_sync.differs():
            problems.append(str(gen_sync.TARGET.relative_to(ROOT)))
        if not GENERATED.exists():
            problems.append("generated/bctrl_api (missing)")
        else:
            problems += [f"generated/bctrl_api/{p}" for p in differences(GENERATED, t / "bctrl_api")]
    if problems:
        print("check-generated: committed output differs from a fresh `make generate`:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        print("Run `make generate` and commit the result.", file=sys.stderr)
        return 1
    print("check-generated: spec/openapi.yaml and generated/ match a fresh generation")
    return 0


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with a fresh generation")
    args = parser.parse_args(argv)
    try:
        if args.check:
            return check()
        build_into(merge_spec.OUT, merge_spec.PACKAGE_COPY, GENERATED, PARAMS)
        gen_sync.write()
    except merge_spec.MergeError as exc:
        print(f"merge_spec: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
