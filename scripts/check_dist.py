"""`make check-dist`: build the release files, check them, and use the wheel as a user would.

1. ``python -m build``: the sdist, then the wheel built from the unpacked sdist (so a wheel
   proves the sdist holds everything a build needs).
2. The sdist carries no tests: they need the whole repository (spec/, scripts/, generator/,
   examples/), so they run from it. It holds pyproject.toml, README.md and the packages.
3. The wheel holds exactly the tracked files of bctrl/ and generated/bctrl_api/ (every module
   and data file, nothing else) and metadata naming the supported Pythons and the extras.
4. A clean virtualenv outside the tree, the wheel without extras: ``import bctrl``, both clients
   construct, ``User-Agent`` carries the version, and the emulator, the ``bctrl`` command and a
   dataclass schema each name the extra to install instead of failing obscurely.
5. The same virtualenv with the emulator, pydantic and cli extras: ``bctrl --version``, and
   examples/quickstart.py, copied out of the tree, runs against ``python -m bctrl.emulator``.

Prints the wheel's contents and the installed sizes with and without extras.
"""

from __future__ import annotations

import argparse
import email.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Dict, List, Set

ROOT = Path(__file__).resolve().parent.parent
DISTRIBUTION = "bctrl-python"
EXTRAS = ("emulator", "pydantic", "cli", "http2", "emulator-http2", "speedups")
API_KEY = "bctrl-check-dist-key"
STEP_TIMEOUT = 600


class CheckFailed(Exception):
    pass


def check(ok: bool, what: str) -> None:
    if not ok:
        raise CheckFailed(what)
    print(f"  ok: {what}")


def run(cmd: List[str], cwd: Path, timeout: float = STEP_TIMEOUT, env: Dict[str, str] | None = None) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise CheckFailed(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def clean_env(venv: Path) -> Dict[str, str]:
    """The environment of a user's shell with ``venv`` activated: nothing points into this tree."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "MYPYPATH")}
    env["VIRTUAL_ENV"] = str(venv)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def version_in_tree() -> str:
    text = (ROOT / "bctrl" / "_version.py").read_text()
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    if found is None:
        raise CheckFailed("bctrl/_version.py sets no __version__")
    return found.group(1)


def tracked_package_files() -> Set[str]:
    """Wheel paths of the tracked files of bctrl/ and generated/bctrl_api/."""
    out = run(["git", "ls-files", "bctrl", "generated/bctrl_api"], cwd=ROOT)
    return {line.removeprefix("generated/") for line in out.splitlines() if line}


def build(out: Path) -> tuple[Path, Path]:
    print("build: sdist, then the wheel from the sdist")
    run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], cwd=ROOT, timeout=900)
    sdists, wheels = sorted(out.glob("*.tar.gz")), sorted(out.glob("*.whl"))
    check(len(sdists) == 1 and len(wheels) == 1, f"one sdist and one wheel: {[p.name for p in out.iterdir()]}")
    return sdists[0], wheels[0]


def check_sdist(sdist: Path, version: str) -> None:
    print(f"sdist: {sdist.name}")
    top = f"bctrl_python-{version}/"
    with tarfile.open(sdist) as tar:
        names = [n for n in tar.getnames() if n.startswith(top)]
    rel = {n[len(top) :] for n in names}
    check(sdist.name == f"bctrl_python-{version}.tar.gz", "named after the distribution and version")
    for needed in ("pyproject.toml", "README.md", "PKG-INFO", "bctrl/__init__.py", "bctrl/py.typed"):
        check(needed in rel, f"holds {needed}")
    check(any(n.startswith("bctrl_api/") for n in rel), "holds bctrl_api/")
    stray = sorted(n for n in rel if n.split("/")[0] in ("tests", "generated", "spec", "scripts", "benchmarks"))
    check(not stray, f"carries no tests and no repository-only folders {stray[:5]}")


def check_wheel(wheel: Path, version: str, oldest: str, newest: str) -> List[str]:
    print(f"wheel: {wheel.name}")
    check(wheel.name == f"bctrl_python-{version}-py3-none-any.whl", "pure-Python wheel named after the distribution")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        meta_dir = f"bctrl_python-{version}.dist-info/"
        metadata = email.parser.Parser().parsestr(zf.read(meta_dir + "METADATA").decode())
        entry_points = zf.read(meta_dir + "entry_points.txt").decode()
    files = {n for n in names if not n.startswith(meta_dir)}
    expected = tracked_package_files()
    check(
        files == expected,
        f"holds exactly the package files (missing {sorted(expected - files)[:5]}, "
        f"extra {sorted(files - expected)[:5]})",
    )
    check(metadata["Name"] == DISTRIBUTION, f"Name: {metadata['Name']}")
    check(metadata["Version"] == version, f"Version: {metadata['Version']} (bctrl/_version.py)")
    check(metadata["Requires-Python"] == f">={oldest}", f"Requires-Python: {metadata['Requires-Python']}")
    classifiers = set(metadata.get_all("Classifier") or [])
    lo, hi = (int(v.split(".")[1]) for v in (oldest, newest))
    pythons = {f"Programming Language :: Python :: 3.{m}" for m in range(lo, hi + 1)}
    check(pythons <= classifiers, f"classifiers for Python {oldest} to {newest}")
    check("Typing :: Typed" in classifiers, "classifier Typing :: Typed")
    check(set(EXTRAS) <= set(metadata.get_all("Provides-Extra") or []), f"extras {', '.join(EXTRAS)}")
    check(bool(metadata.get_all("Project-URL")), f"project URLs {metadata.get_all('Project-URL')}")
    check("bctrl = bctrl.pytest_plugin" in entry_points, "pytest plugin entry point")
    return sorted(names)


def site_packages_size(venv: Path) -> int:
    (site,) = venv.glob("lib/python3*/site-packages")
    return sum(f.stat().st_size for f in site.rglob("*") if f.is_file() and "__pycache__" not in f.parts)


def pip_install(venv: Path, requirement: str, cwd: Path) -> None:
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", requirement], cwd=cwd, env=clean_env(venv))


SMOKE_NO_EXTRAS = r"""
import dataclasses, json, subprocess, sys
import bctrl
from bctrl import AsyncBctrl, Bctrl, RequestValidationError
from bctrl._transport import USER_AGENT

facts = {"file": bctrl.__file__, "version": bctrl.__version__, "user_agent": USER_AGENT}
with Bctrl(api_key="k", base_url="http://127.0.0.1:9") as client:
    facts["client"] = type(client.runtimes.invocations).__name__

    @dataclasses.dataclass
    class Invoice:
        total: float

    try:
        client.runtimes.invocations.create("rt", action="extract", instruction="x", schema=Invoice)
    except RequestValidationError as exc:
        facts["dataclass_schema"] = str(exc)
facts["async_client"] = type(AsyncBctrl(api_key="k").runtimes).__name__
try:
    import bctrl.emulator
except ImportError as exc:
    facts["import_emulator"] = str(exc)
cli = subprocess.run([sys.executable, "-m", "bctrl.emulator"], capture_output=True, text=True, timeout=60)
facts["cli"] = {"status": cli.returncode, "stderr": cli.stderr}
command = subprocess.run([BCTRL_COMMAND, "--help"], capture_output=True, text=True, timeout=60)
facts["command"] = {"status": command.returncode, "stderr": command.stderr}
print(json.dumps(facts))
"""


def smoke_no_extras(venv: Path, work: Path, version: str) -> None:
    print("clean virtualenv, no extras")
    script = work / "smoke.py"
    script.write_text(SMOKE_NO_EXTRAS.replace("BCTRL_COMMAND", repr(str(venv / "bin" / "bctrl"))))
    facts = json.loads(run([str(venv / "bin" / "python"), str(script)], cwd=work, env=clean_env(venv)))
    check(Path(facts["file"]).is_relative_to(venv), f"import bctrl from the virtualenv: {facts['file']}")
    check(facts["version"] == version, f"bctrl.__version__ == {version}")
    check(facts["user_agent"] == f"bctrl-python/{version}", f"User-Agent: {facts['user_agent']}")
    check("client" in facts and "async_client" in facts, "Bctrl and AsyncBctrl construct")
    hint_emulator, hint_pydantic = f'pip install "{DISTRIBUTION}[emulator]"', f'pip install "{DISTRIBUTION}[pydantic]"'
    check(
        hint_pydantic in facts.get("dataclass_schema", ""),
        f"a dataclass schema asks for the extra, unsent: {facts.get('dataclass_schema')!r}",
    )
    check(hint_emulator in facts.get("import_emulator", ""), f"import bctrl.emulator: {facts.get('import_emulator')!r}")
    cli = facts["cli"]
    check(
        cli["status"] == 2 and hint_emulator in cli["stderr"] and "Traceback" not in cli["stderr"],
        f"python -m bctrl.emulator exits 2 with one line: {cli['stderr'].strip()!r}",
    )
    command, hint_cli = facts["command"], f'pip install "{DISTRIBUTION}[cli]"'
    check(
        command["status"] == 2 and hint_cli in command["stderr"] and "Traceback" not in command["stderr"],
        f"the bctrl command exits 2 with one line: {command['stderr'].strip()!r}",
    )


def smoke_with_extras(venv: Path, work: Path, version: str) -> None:
    print("the same virtualenv with the emulator, pydantic and cli extras")
    out = run([str(venv / "bin" / "bctrl"), "--version"], cwd=work, env=clean_env(venv))
    check(out.strip() == f"bctrl {version}", f"bctrl --version: {out.strip()!r}")
    quickstart = work / "quickstart.py"
    shutil.copy(ROOT / "examples" / "quickstart.py", quickstart)
    env = clean_env(venv)
    python = str(venv / "bin" / "python")
    emulator = subprocess.Popen(
        [python, "-m", "bctrl.emulator", "--port", "0", "--api-key", API_KEY, "--duration-ms", "300"],
        cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        url = None
        deadline = time.monotonic() + 60
        assert emulator.stdout is not None
        while url is None and time.monotonic() < deadline:
            line = emulator.stdout.readline()
            if not line:
                break
            found = re.search(r"listening on (http://\S+)", line)
            url = found.group(1) if found else None
        check(url is not None, f"python -m bctrl.emulator from the wheel listens on {url}")
        assert url is not None
        env.update(BCTRL_BASE_URL=url, BCTRL_API_KEY=API_KEY)
        done = subprocess.run([python, str(quickstart)], cwd=work, env=env, capture_output=True, text=True, timeout=300)
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-5:])
        check(done.returncode == 0, f"examples/quickstart.py exits 0 against it; its last lines:\n{tail}")
    finally:
        emulator.terminate()
        try:
            emulator.wait(timeout=15)
        except subprocess.TimeoutExpired:
            emulator.kill()
            emulator.wait()


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oldest", required=True, help="oldest supported Python, X.Y")
    parser.add_argument("--newest", required=True, help="newest supported Python, X.Y")
    args = parser.parse_args(argv)
    version = version_in_tree()
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="bctrl-check-dist-") as tmp:
            tmp_path = Path(tmp)
            sdist, wheel = build(tmp_path / "dist")
            check_sdist(sdist, version)
            names = check_wheel(wheel, version, args.oldest, args.newest)

            venv, work = tmp_path / "venv", tmp_path / "work"
            work.mkdir()
            run([sys.executable, "-m", "venv", str(venv)], cwd=work)
            bare = site_packages_size(venv)
            pip_install(venv, str(wheel), work)
            sizes = {"no extras": site_packages_size(venv) - bare}
            smoke_no_extras(venv, work, version)
            pip_install(venv, f"{wheel}[emulator]", work)
            sizes["[emulator]"] = site_packages_size(venv) - bare
            pip_install(venv, f"{wheel}[emulator,pydantic]", work)
            sizes["[emulator,pydantic]"] = site_packages_size(venv) - bare
            pip_install(venv, f"{wheel}[emulator,pydantic,cli]", work)
            sizes["[emulator,pydantic,cli]"] = site_packages_size(venv) - bare
            smoke_with_extras(venv, work, version)

            print(f"\nwheel {wheel.name}: {wheel.stat().st_size / 1024:.0f} KiB, {len(names)} files")
            with zipfile.ZipFile(wheel) as zf:
                infos = zf.infolist()
            for top in sorted({i.filename.split("/")[0] for i in infos}):
                inside = [i for i in infos if i.filename.startswith(top + "/")]
                unpacked = sum(i.file_size for i in inside)
                print(f"  {top}/: {len(inside)} files, {unpacked / 1024:.0f} KiB unpacked")
            print("installed size (site-packages, dependencies included, pip itself excluded):")
            for label, size in sizes.items():
                print(f"  {DISTRIBUTION} {label}: {size / 2**20:.1f} MiB")
    except (CheckFailed, subprocess.TimeoutExpired) as exc:
        print(f"check-dist: FAILED: {exc}", file=sys.stderr)
        return 1
    print(f"check-dist: passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
