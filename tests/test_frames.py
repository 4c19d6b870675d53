"""`diamond_cli.check_frame` (Polars and pandas) and `diamond batch FILE.parquet`: the `frames` extra.

Every row's figures are held to the API's result of the same record, so the frame path (frame ->
CSV -> the core's batch -> JSON Lines -> frame) cannot drift from `check`.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import diamond_cli
from diamond_cli import _core
from diamond_cli.models import ALL_RULES
from tests.conftest import record
from tests.test_subprocess import run

pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")

RULES = list(ALL_RULES)


@pytest.fixture(scope="module", autouse=True)
def _polars_runtime() -> None:
    """polars opens its runtime's descriptors (epoll, eventfd) once per process, on first use:
    before the per-test leak check looks, so they are not taken for a test's leak."""
    import io

    frame = pl.DataFrame({"a": [1]})
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    pl.read_parquet(io.BytesIO(buffer.getvalue()))
    pl.read_ndjson(io.BytesIO(b'{"a": 1}\n'))


MONTHS = [400000, 410000, 380000, 420000, 430000, 400000, 390000, 440000, 450000, 470000, 480000, 500000]


def flat(seller: dict[str, Any]) -> dict[str, Any]:
    """A record as one CSV row: nested fields flattened with a dot."""
    row: dict[str, Any] = {}
    for key, value in seller.items():
        if isinstance(value, dict):
            row.update({f"{key}.{name}": amount for name, amount in value.items()})
        else:
            row[key] = value
    return row


SELLERS = [
    record(),
    record(seller="short", revenue={"Kids": 4499999.5}, ratings={"positive": 1187, "negative": 12}),
    record(seller="flagged", exportable_pct=30, monthly_revenue=None),
    record(seller="incomplete", revenue={"Kids": 3000000}),
    record(seller="bad", quality="BEST"),
    record(seller="brand", revenue={"Kids": 700000}, brand_zone_revenue={"Kids": 600000}),
    record(seller="pct", ratings=None, positive_ratings_pct=98.5, other_accounts_quality=None),
]


def polars_frame() -> Any:
    rows = [flat(s) for s in SELLERS]
    columns = sorted({key for row in rows for key in row})
    data = {c: [row.get(c) for row in rows] for c in columns}
    data["other_accounts_quality"] = [";".join(v) if v else None for v in data["other_accounts_quality"]]
    frame = pl.DataFrame(data, strict=False)
    return frame.with_columns(pl.col("monthly_revenue").cast(pl.List(pl.Int64)))  # a list column


def expected(seller: dict[str, Any]) -> dict[str, Any]:
    """What a result row must hold, from the API's result of the same record."""
    try:
        result = diamond_cli.check({k: v for k, v in seller.items() if v is not None}, nip="mask")
    except diamond_cli.InputError as exc:
        return {"verdict": "error", "error": str(exc)}
    checks = {c["rule"]: c for c in result["checks"]}
    company = checks["revenue_threshold"]["to_pass"].get("company", {})
    return {
        "seller": result["seller"],
        "nip": result["nip"],
        "verdict": result["verdict"],
        "main_category": result["main_category"],
        "route": result["route"],
        **{f"status_{rule}": checks[rule]["status"] for rule in RULES},
        "failing_rules_count": sum(c["status"] == "fail" for c in result["checks"]),
        "short_pln": company.get("short_pln"),
        "short_pct": company.get("short_pct"),
        "positive_ratings_needed": checks["positive_ratings"]["to_pass"].get("positive_ratings_needed"),
        "error": None,
    }


def same(row: dict[str, Any], want: dict[str, Any]) -> None:
    for key, value in want.items():
        got = row[key]
        if isinstance(value, Decimal):
            assert got == pytest.approx(float(value), rel=1e-12), key
        else:
            assert got == value, (key, row)


def test_polars_frame_matches_check() -> None:
    frame = polars_frame()
    result = diamond_cli.check_frame(frame)
    assert isinstance(result, pl.DataFrame)
    assert result.height == frame.height
    assert result.columns[:5] == ["seller", "nip", "verdict", "main_category", "route"]
    for row, seller in zip(result.iter_rows(named=True), SELLERS, strict=True):
        same(row, expected(seller))
    short = result.row(1, named=True)
    assert short["short_pln"] == 0.5
    assert short["positive_ratings_needed"] == 1
    assert short["failing_rules_count"] == 1  # ratings; revenue is unknown (growth not given)
    bad = result.row(4, named=True)
    assert bad["verdict"] == "error"
    assert bad["error"].startswith("quality: ")


def test_pandas_in_pandas_out() -> None:
    frame = polars_frame().to_pandas()
    frame.index = [f"row{i}" for i in range(len(frame))]
    result = diamond_cli.check_frame(frame, lang="pl")
    assert isinstance(result, pd.DataFrame)
    assert list(result.index) == list(frame.index)
    assert list(result["verdict"]) == [expected(s)["verdict"] for s in SELLERS]
    joined = pd.concat([frame, result], axis=1)  # aligned by the index
    assert joined.loc["row1", "seller"].tolist() == ["short", "short"]


def test_an_unknown_column_refuses_the_frame() -> None:
    """As `diamond batch` on the same CSV: the header is checked once, the column named."""
    frame = polars_frame().rename({"quality": "qualty"})
    with pytest.raises(diamond_cli.InputError, match=r"unknown column: 'qualty' \(did you mean 'quality'\?\)"):
        diamond_cli.check_frame(frame)


def test_not_a_frame() -> None:
    with pytest.raises(TypeError, match="polars or pandas"):
        diamond_cli.check_frame([record()])


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "polars", None)  # `import polars` now raises ImportError
    with pytest.raises(ImportError, match=r"diamond-cli\[frames\]"):
        diamond_cli.check_frame(object())


def test_batch_reads_parquet_as_its_csv(tmp_path: Path) -> None:
    from diamond_cli.frames import csv_bytes

    frame = polars_frame()
    parquet, csv = tmp_path / "sellers.parquet", tmp_path / "sellers.csv"
    frame.write_parquet(parquet)
    csv.write_bytes(csv_bytes(frame))
    got, want = run("batch", parquet, "--format", "jsonl"), run("batch", csv, "--format", "jsonl")
    assert got.returncode == want.returncode == 3  # one invalid row
    assert got.stdout == want.stdout
    assert len(got.stdout.splitlines()) == len(SELLERS)
    assert json.loads(got.stdout.splitlines()[0])["verdict"] == "eligible"
    piped = run("batch", "-", "--input-format", "parquet", "--format", "jsonl", stdin=parquet.read_bytes())
    assert piped.stdout == want.stdout


def test_batch_parquet_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    done = run("batch", broken)
    assert done.returncode == 3
    assert done.stderr.decode().startswith(f"diamond: error: {broken}: not a readable Parquet file")
    assert done.stderr.count(b"\n") == 1
    missing = run("batch", tmp_path / "missing.parquet")
    assert missing.returncode == 2


def test_batch_parquet_without_the_extra(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow" / "polars"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('no polars here')\n", encoding="utf-8")
    path = tmp_path / "sellers.parquet"
    polars_frame().write_parquet(path)
    done = run("batch", path, PYTHONPATH=str(tmp_path / "shadow"))
    assert done.returncode == 2
    assert done.stderr == (
        b"diamond: error: DataFrames and Parquet need the `frames` extra: pip install 'diamond-cli[frames]'\n"
    )


def test_readme_frame_example_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """README's DataFrames example, as written there, on a sellers.csv of the sellers above."""
    from diamond_cli.frames import csv_bytes
    from tests.test_subprocess import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = readme.split("### DataFrames", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "sellers.csv").write_bytes(csv_bytes(polars_frame()))
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    counts = dict(namespace["results"].group_by("verdict").len().iter_rows())
    from collections import Counter

    assert counts == Counter(expected(seller)["verdict"] for seller in SELLERS)
    assert "verdict" in capsys.readouterr().out


def test_empty_frame_gives_the_result_columns() -> None:
    """What Dask's `map_partitions(check_frame, meta=...)` needs: an empty frame's result is an
    empty frame with every result column (README, "Scale")."""
    empty = polars_frame().head(0)
    result = diamond_cli.check_frame(empty)
    assert result.shape == (0, len(_core.frame_columns()))
    assert result.columns == _core.frame_columns()
    assert list(diamond_cli.check_frame(empty.to_pandas()).columns) == _core.frame_columns()


def test_readme_spark_function_on_arrow_batches() -> None:
    """README's `check_batches` for Spark's mapInArrow, fed Arrow batches as Spark feeds them."""
    pa = pytest.importorskip("pyarrow")
    from tests.test_subprocess import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = readme.split("## Scale", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, Any] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    frame = polars_frame()
    batches = frame.to_arrow().to_batches(max_chunksize=3)
    assert len(batches) > 1
    out = pa.Table.from_batches(list(namespace["check_batches"](iter(batches))))
    assert pl.from_arrow(out).equals(diamond_cli.check_frame(frame, as_of="2026-12-01"))


def test_batch_parquet_with_a_nested_column(tmp_path: Path) -> None:
    path = tmp_path / "nested.parquet"
    pl.DataFrame({"seller": ["a"], "revenue": [{"Kids": 1}]}).write_parquet(path)
    done = run("batch", path)
    assert done.returncode == 3
    err = done.stderr.decode()
    assert err.startswith(f"diamond: error: {path}: columns that no CSV batch column can hold"), err
    assert err.count("\n") == 1
