"""Allows `python -m diamond_cli`."""

from diamond_cli.entry import main

main()
