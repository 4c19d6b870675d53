"""How long validating a table takes: the shipped one, and a billion-laughs file that must be refused fast.

Run: python benchmarks/thresholds_load.py   (prints the median of several runs; no pass/fail)
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from diamond_cli.errors import ThresholdsError
from diamond_cli.thresholds import default_table_path, parse_table


def billion_laughs(levels: int = 10) -> str:
    """Ten levels of nine aliases each: 9**10 (about 3.5 billion) values if expanded."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def median_ms(action: Callable[[], object], runs: int = 21) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    shipped = default_table_path().read_text(encoding="utf-8")
    laughs = billion_laughs()

    def refuse() -> None:
        try:
            parse_table(laughs, "laughs.yaml")
        except ThresholdsError:
            return
        raise AssertionError("the billion-laughs file was accepted")

    print(f"shipped table, validate:       {median_ms(lambda: parse_table(shipped, 'thresholds.yaml')):8.2f} ms")
    print(f"billion laughs ({len(laughs)} bytes), refuse: {median_ms(refuse):8.2f} ms")


if __name__ == "__main__":
    main()
