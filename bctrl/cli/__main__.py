"""``python -m bctrl.cli``: the same as the ``bctrl`` command."""

from . import main

main()
