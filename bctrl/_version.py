"""The package's name and version: the one place each is written.

Packaging metadata reads ``__version__`` from here, the ``User-Agent`` header is built from it,
and every message that tells the user to install an extra is built by :func:`pip_install`.
"""

__version__ = "0.1.0"

DISTRIBUTION = "bctrl-python"
"""The name on the package index (the import name is ``bctrl``)."""


def pip_install(extra: str) -> str:
    """The command that installs the SDK with ``extra``, e.g. ``pip install "bctrl-python[emulator]"``."""
    return f'pip install "{DISTRIBUTION}[{extra}]"'
