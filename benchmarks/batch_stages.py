"""Where a batch record's time goes: CPU µs per record for each stage of `diamond batch`, in one process.

    python benchmarks/batch_stages.py          # 20,000 records
    python benchmarks/batch_stages.py 50000

The records are those of benchmarks/batch.py (varied, about 3% invalid). Each stage is timed on
the previous stage's outputs (best of five, CPU time of this process), next to the floor of
benchmarks/batch.py: msgspec decoding the same lines into typed structs. The stages add up to the
cost of `Evaluator.result`, the work each worker process does per record.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

sys.path.insert(0, str(Path(__file__).parent))

from batch import Seller, make_line  # the sibling benchmark's records and structs
from diamond_cli.batch import Evaluator, RawRecord, Settings, Summary
from diamond_cli.engine import evaluate
from diamond_cli.inputs import build_figures
from diamond_cli.result import result_dict

from diamond_cli.cli import load_version
from diamond_cli.errors import InputError

# The stages every CONTRACT result needs, however the rest is done: the floor first.
BOUND_STAGES = ("msgspec floor (typed decode)", "decode (exact numbers)", "encode JSON")


def cpu_us(action: Callable[[], object], count: int, rounds: int = 5) -> float:
    """Best of `rounds` CPU times of `action`, in µs per item.

    The inputs prepared for all stages stay alive meanwhile; `gc.freeze` keeps the collector from
    scanning them again and again, which a real batch (one chunk alive at a time) never does.
    """
    gc.collect()
    gc.freeze()
    times = []
    for _ in range(rounds):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return min(times) / count * 1e6


def each(convert: Callable[[object], object], items: list[object]) -> None:
    """`convert` of each item, results dropped, as a batch drops them once written."""
    for item in items:
        try:  # noqa: SIM105 - try/except costs less than suppress(): the timings stay honest
            convert(item)
        except InputError:
            pass


def kept(convert: Callable[[object], object], items: list[object]) -> list[object]:
    """`convert` of each item, invalid ones left out (they end earlier in a real batch)."""
    out = []
    for item in items:
        try:  # noqa: SIM105 - try/except costs less than suppress(): the timings stay honest
            out.append(convert(item))
        except InputError:
            pass
    return out


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rng = random.Random(count)
    lines = [(make_line(rng, i) + "\n").encode() for i in range(count)]
    version, ref = load_version(None, dt.date.today())
    evaluator = Evaluator(Settings(version, ref, "en", "mask", None, "jsonl"))
    typed = msgspec.json.Decoder(Seller)
    encoder = msgspec.json.Encoder(decimal_format="number")

    def floor() -> None:
        for line in lines:
            try:  # noqa: SIM105 - suppress() would inflate the floor
                typed.decode(line)
            except msgspec.DecodeError:  # ValidationError included
                pass

    decoded = kept(evaluator.decode, lines)
    fields = kept(evaluator.fields, decoded)
    figures = kept(build_figures, fields)
    verdicts = [evaluate(f, version, ref) for f in figures]
    # As the batch encodes them: shared outcomes embedded as their pre-encoded JSON.
    dicts = [result_dict(v, "en", "mask", None, evaluator.check_json) for v in verdicts]
    raws = [RawRecord(i + 1, i + 1, line) for i, line in enumerate(lines)]
    summary = Summary()
    stages = [
        ("msgspec floor (typed decode)", floor, len(lines)),
        ("decode (exact numbers)", lambda: each(evaluator.decode, lines), len(lines)),
        ("validate fields", lambda: each(evaluator.fields, decoded), len(decoded)),
        ("build figures", lambda: each(build_figures, fields), len(fields)),
        ("rules (evaluate)", lambda: each(lambda f: evaluate(f, version, ref), figures), len(figures)),
        ("result object, en", lambda: each(lambda v: result_dict(v, "en", "mask"), verdicts), len(verdicts)),
        ("result object, pl", lambda: each(lambda v: result_dict(v, "pl", "mask"), verdicts), len(verdicts)),
        ("encode JSON", lambda: each(encoder.encode, dicts), len(dicts)),
        ("whole record (Evaluator.result)", lambda: each(lambda r: evaluator.result(r, summary), raws), len(raws)),
    ]
    print(f"{count:,} records; CPU µs per record, best of 5, one process")
    floor_us = None
    for name, action, items in stages:
        cost = cpu_us(action, items)
        floor_us = floor_us or cost
        print(f"  {name:<34} {cost:8.1f} µs   {cost / floor_us:6.1f}x the floor")
    # The two steps no CONTRACT result can skip, spread over both cores with no overhead at all.
    # This machine's speed drifts, so each round times the floor and both steps back to back.
    ratios = []
    for _ in range(9):
        floor_us, decode_us, encode_us = (
            cpu_us(action, items, rounds=1) for name, action, items in stages if name in BOUND_STAGES
        )
        ratios.append((decode_us + encode_us) / 2 / floor_us)
    ratios.sort()
    print(
        f"lower bound: (exact decode + encode) / 2 cores = {ratios[4]:.1f}x the floor "
        f"(median of 9 rounds, {ratios[0]:.1f}-{ratios[-1]:.1f}x), before any validation, rule or sentence"
    )


if __name__ == "__main__":
    main()
