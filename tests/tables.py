"""Small thresholds tables as text, for tests that need dated versions or broken tables."""

from __future__ import annotations

from pathlib import Path

RULES = """\
    rules:
      positive_ratings:
        min_pct: {value: 99, source: program page}
      main_account_quality:
        min_grade: {value: GOOD, source: program page}
      other_accounts_quality:
        min_grade: {value: NEUTRAL, source: program page}
      revenue_growth:
        min_growth_pct: {value: 0, source: interpretation}
      revenue_threshold:
        inclusive: {value: true, source: interpretation}
      transaction_problems:
        max_pct: {value: 2.0, source: interpretation}
      export_potential:
        min_pct: {value: 50, source: interpretation}
      new_condition:
        min_pct: {value: 50, source: interpretation}
"""


def version_text(label: str, start: str, kids_company: int = 4500000) -> str:
    """One version: Kids and Garden, Kids' company threshold as given (the rest as shipped)."""
    return (
        f'  - version: "{label}"\n'
        f"    effective_from: {start}\n"
        f"    note: test version {label}\n"
        + RULES
        + "    categories:\n"
        + f"      Kids: {{company: {kids_company}, conditional: 2250000, brand: 590000, aliases: [Dziecko]}}\n"
        + "      Garden: {company: 7500000, conditional: 3750000, brand: 830000, aliases: [Ogród]}\n"
    )


def table_text(*versions: str) -> str:
    return "format: 1\nname: test-table\nversions:\n" + "".join(versions or (version_text("2025", "null"),))


# A table whose Kids company threshold rises from 4,500,000 to 5,000,000 on 2027-01-01.
TWO_VERSIONS = table_text(version_text("2026", "null"), version_text("2027", "2027-01-01", kids_company=5000000))


def write(tmp_path: Path, text: str, name: str = "thresholds.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
