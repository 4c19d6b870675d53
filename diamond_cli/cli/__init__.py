"""The `diamond` command line: one module per command, each registering itself on `common.app`.

`common` holds what they share, and `common.COMMANDS` names each command's module: the root group
imports a module only when its command runs (or `--help` lists them all). No module reads
`sys.argv` to decide what to register; `load_all` registers every command (for tests and tools
that look at all of them).
"""

import importlib

from diamond_cli.cli.common import COMMANDS, EXIT_CODES_HELP, VERDICT_EXIT, app, load_version

__all__ = ["EXIT_CODES_HELP", "VERDICT_EXIT", "app", "load_all", "load_version"]


def load_all() -> None:
    """Imports every command's module, so that each is registered on `app`."""
    for module in COMMANDS.values():
        importlib.import_module(module)
