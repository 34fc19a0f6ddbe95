"""The ``bctrl`` command line, built on the SDK's client (``pip install "bctrl-python[cli]"``).

``import bctrl`` never loads it: click and rich are imported only when the command runs.
Run ``bctrl --help`` for the commands; exit codes:

- 0 success
- 1 unexpected error
- 2 usage: bad flags, arguments or files, or missing configuration (nothing was sent)
- 3 API error: the API answered with an error or could not be reached
- 4 the invocation ended without success (failed, cancelled, timed_out, output not matching the schema)
- 5 the wait ran out of time (the invocation is still live)
- 130 interrupted (Ctrl-C)
"""

from __future__ import annotations

import os
import sys
from typing import List, Optional

from .._version import pip_install

__all__ = ["main", "run"]


def run(argv: Optional[List[str]] = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    try:
        import click

        from ._commands import cli
        from ._failures import ERROR, INTERRUPTED, OK, USAGE, CommandFailed
    except ImportError as exc:
        missing = exc.name or str(exc)
        print(f"error: the bctrl command line needs {missing}: {pip_install('cli')}", file=sys.stderr)
        return 2
    try:
        result = cli.main(args=argv, prog_name="bctrl", standalone_mode=False)
    except CommandFailed as failed:
        print(failed.failure.line, file=sys.stderr)
        return failed.failure.exit_code
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx is not None else "bctrl"
        print(f"error: {exc.format_message()} (see '{command} --help')", file=sys.stderr)
        return USAGE
    except click.ClickException as exc:
        print(f"error: {exc.format_message()}", file=sys.stderr)
        return USAGE
    except (click.Abort, KeyboardInterrupt):
        print("interrupted", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`bctrl runs invocations ... | head`): stop quietly.
        _silence_stdout()
        return OK
    if isinstance(result, int):
        return result
    return OK if result is None else ERROR


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    """The ``bctrl`` console script."""
    code = run()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    sys.exit(code)
