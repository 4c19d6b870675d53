"""The native core is built and installed with the package, at the package's version."""

import diamond_cli
from diamond_cli import _core


def test_core_is_the_package_version() -> None:
    assert _core.__version__ == diamond_cli.__version__
