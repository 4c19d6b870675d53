"""diamond_cli: checks sellers against the Allegro Diamond Partners published criteria."""

__version__ = "0.1.0"
SCHEMA_VERSION = 1
