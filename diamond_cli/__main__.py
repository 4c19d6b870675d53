"""Allows `python -m diamond_cli`."""

from diamond_cli.cli import main

main()
