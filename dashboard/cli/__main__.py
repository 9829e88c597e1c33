"""``python -m dashboard.cli``: the same as the ``remigration`` command."""

from dashboard.cli import main

main()
