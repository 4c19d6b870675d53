"""`diamond_cli.check_frame` on a Polars frame (and a pandas one) against `diamond batch` on the
same rows as a CSV file, measured side by side (the `frames` extra must be installed).

    python benchmarks/frame.py                    # 300,000 rows, 3 interleaved rounds, medians
    python benchmarks/frame.py --rows 100000 --rounds 5 --pandas

The rows are varied sellers (every grade, some without monthly figures or growth, a few with a
Brand Zone account, about 2% invalid), generated once with a fixed seed. Each round times, in an
order that rotates: `check_frame(df)` in this process (the table and the core are loaded by a
warm-up first, as in a long-running program), and `diamond batch rows.csv --format F >
/dev/null` as a child process for F = csv and jsonl. The target (issue 14) is check_frame at most
2x the batch. It reports and always exits 0: timing on a shared machine is too noisy for a gate.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

import diamond_cli

ROOT = Path(__file__).resolve().parent.parent
TARGET = 2.0
GRADES = ["SUPER_PLUS", "SUPER", "GOOD", "NEUTRAL", "NEEDS_IMPROVEMENT", "Dobry", "BEST"]  # BEST: invalid
CATEGORIES = ["Kids", "Electronics", "Fashion", "Garden"]


def frame(rows: int, seed: int = 14) -> pl.DataFrame:
    """`rows` varied sellers with the CSV batch columns."""
    rng = np.random.default_rng(seed)
    grade_weights = np.array([0.15, 0.2, 0.3, 0.15, 0.18, 0.01, 0.01])
    months = rng.integers(100_000, 900_000, size=(rows, 12)).astype(str)
    keep = rng.random(rows) < 0.8
    monthly = [";".join(m) if k else None for m, k in zip(months, keep, strict=True)]
    columns: dict[str, object] = {
        "seller": [f"seller-{i}" for i in range(rows)],
        "business_account": rng.random(rows) < 0.95,
        "quality": rng.choice(GRADES, size=rows, p=grade_weights),
        "ratings.positive": rng.integers(0, 20_000, size=rows),
        "ratings.negative": rng.integers(0, 150, size=rows),
        "monthly_revenue": monthly,
        "category_growth_pct": np.where(rng.random(rows) < 0.5, np.round(rng.normal(8, 6, rows), 1), np.nan),
        "category_market_growth_pct": np.round(rng.normal(7, 3, rows), 1),
        "suspended": rng.random(rows) < 0.02,
        "transaction_problems_pct": np.round(rng.random(rows) * 4, 2),
        "exportable_pct": np.round(rng.random(rows) * 100, 1),
        "new_condition_pct": np.round(rng.random(rows) * 100, 1),
        "other_accounts_quality": [("NEUTRAL;SUPER" if o else None) for o in rng.random(rows) < 0.3],
    }
    for category in CATEGORIES:
        amounts = np.round(rng.lognormal(14.5, 1.2, rows), 2)
        columns[f"revenue.{category}"] = np.where(rng.random(rows) < 0.6, amounts, np.nan)
    columns["revenue.Kids"] = np.round(rng.lognormal(15, 0.8, rows), 2)  # every seller has one category
    columns["brand_zone_revenue.Kids"] = np.where(rng.random(rows) < 0.1, np.round(rng.lognormal(13, 1, rows)), np.nan)
    return pl.DataFrame(columns, nan_to_null=True)


def diamond() -> str:
    beside = Path(sys.executable).with_name("diamond")
    found = str(beside) if beside.exists() else shutil.which("diamond")
    if found is None:
        sys.exit("benchmarks/frame.py: `diamond` is not installed (pip install -e '.[frames]')")
    return found


def timed_batch(csv: Path, fmt: str) -> float:
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        subprocess.run([diamond(), "batch", str(csv), "--format", fmt], stdout=sink, stderr=sink, check=False)
    return time.perf_counter() - start


def timed_frame(df: object) -> float:
    start = time.perf_counter()
    diamond_cli.check_frame(df)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pandas", action="store_true", help="also time a pandas frame")
    args = parser.parse_args()

    df = frame(args.rows)
    runs: dict[str, list[float]] = {"check_frame (polars)": [], "batch --format csv": [], "batch --format jsonl": []}
    pandas_df = None
    if args.pandas:
        pandas_df = df.to_pandas()
        runs["check_frame (pandas)"] = []
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "rows.csv"
        df.write_csv(csv, float_scientific=False)
        warm = diamond_cli.check_frame(df.head(1000))  # the table, the core, polars: loaded once
        timed_batch(csv, "csv")
        errors = diamond_cli.check_frame(df)["verdict"].value_counts().sort("verdict")
        print(f"{args.rows:,} rows, {csv.stat().st_size / 1e6:.0f} MB as CSV; verdicts:", dict(errors.iter_rows()))
        del warm
        tasks = {
            "check_frame (polars)": lambda: timed_frame(df),
            "batch --format csv": lambda: timed_batch(csv, "csv"),
            "batch --format jsonl": lambda: timed_batch(csv, "jsonl"),
        }
        if pandas_df is not None:
            tasks["check_frame (pandas)"] = lambda: timed_frame(pandas_df)
        names = list(tasks)
        for round_ in range(args.rounds):
            order = names[round_ % len(names) :] + names[: round_ % len(names)]
            for name in order:
                runs[name].append(tasks[name]())
            load = os.getloadavg()[0]
            print(
                f"round {round_ + 1}: " + ", ".join(f"{n} {runs[n][-1]:.2f} s" for n in names) + f" (load {load:.1f})"
            )
    medians = {name: statistics.median(times) for name, times in runs.items()}
    print("medians: " + ", ".join(f"{name} {m:.2f} s" for name, m in medians.items()))
    for frame_name in [n for n in medians if n.startswith("check_frame")]:
        for batch_name in ("batch --format csv", "batch --format jsonl"):
            ratio = medians[frame_name] / medians[batch_name]
            print(f"{frame_name} / {batch_name}: {ratio:.2f}x (target <= {TARGET}x)")


if __name__ == "__main__":
    main()
