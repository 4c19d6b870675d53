"""diamond_cli: checks sellers against the Allegro Diamond Partners published criteria.

The Python API (README, "Python API"): `check`, `check_many`, `load_thresholds`, `check_frame`
and the errors they raise, loaded on first use so that `import diamond_cli` (every `diamond`
start) stays cheap.
"""

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
SCHEMA_VERSION = 1

if TYPE_CHECKING:
    from diamond_cli.api import Thresholds, check, check_many, load_thresholds
    from diamond_cli.errors import InputError, ThresholdsError
    from diamond_cli.frames import check_frame

# Where each public name lives; imported when first asked for.
_LAZY = {
    "check": "diamond_cli.api",
    "check_many": "diamond_cli.api",
    "load_thresholds": "diamond_cli.api",
    "Thresholds": "diamond_cli.api",
    "check_frame": "diamond_cli.frames",
    "InputError": "diamond_cli.errors",
    "ThresholdsError": "diamond_cli.errors",
}

__all__ = [
    "SCHEMA_VERSION",
    "InputError",
    "Thresholds",
    "ThresholdsError",
    "__version__",
    "check",
    "check_frame",
    "check_many",
    "load_thresholds",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'diamond_cli' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
