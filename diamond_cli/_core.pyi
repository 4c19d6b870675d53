"""Type stubs of the native core (binding/src/lib.rs)."""

__version__: str
