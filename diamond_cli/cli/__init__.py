"""The `diamond` command line: one module per command, each registering itself on `common.app`.

`common` holds what they share and imports none of them; this package imports them all, in the
order `diamond --help` lists them. No module reads `sys.argv` to decide what to register.
"""

# Registration, in the order `diamond --help` lists the commands.
from diamond_cli.cli import check  # noqa: F401

# isort: split
from diamond_cli.cli import batch, explain, render, schema, thresholds  # noqa: F401
from diamond_cli.cli.common import EXIT_CODES_HELP, VERDICT_EXIT, app, load_version

__all__ = ["EXIT_CODES_HELP", "VERDICT_EXIT", "app", "load_version"]
