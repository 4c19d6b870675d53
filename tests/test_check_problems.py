"""`diamond check` from a terminal: every problem of the input at once, one line each, in the
user's language, each naming the flag and the field (a real process of the installed command)."""

from __future__ import annotations

import json

import pytest

from tests.test_subprocess import run

# Flags alone, with four invalid values and two required fields not given.
BAD_FLAGS = ("--quality", "goood", "--positive-pct", "120", "--revenue", "Kidz=5", "--exportable", "x")
ENGLISH = [
    "diamond: error: --quality (quality): unknown grade 'goood'; did you mean 'GOOD'?",
    "diamond: error: --positive-pct (positive_ratings_pct): a percentage share must be from 0 to 100, found 120",
    "diamond: error: --exportable (exportable_pct): 'x' is not a number",
    "diamond: error: --revenue Kidz (revenue.Kidz): unknown category; did you mean 'Kids'?",
    "diamond: error: --business-account (business_account): missing (required)",
]
POLISH = [
    "diamond: error: --quality (quality): nieznana ocena 'goood'; czy chodziło o 'GOOD'?",
    "diamond: error: --positive-pct (positive_ratings_pct): udział procentowy musi wynosić od 0 do 100, podano 120",
    "diamond: error: --exportable (exportable_pct): 'x' nie jest liczbą",
    "diamond: error: --revenue Kidz (revenue.Kidz): nieznana kategoria; czy chodziło o 'Kids'?",
    "diamond: error: --business-account (business_account): brak wymaganej wartości",
]


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        ((), {}, ENGLISH),
        (("--lang", "pl"), {}, POLISH),
        ((), {"LC_ALL": "", "LANG": "pl_PL.UTF-8"}, POLISH),
        (("--lang", "en"), {"LC_ALL": "", "LANG": "pl_PL.UTF-8"}, ENGLISH),
    ],
)
def test_every_problem_of_the_flags_one_line_each(
    args: tuple[str, ...], env: dict[str, str], expected: list[str]
) -> None:
    done = run("check", *BAD_FLAGS, *args, **env)
    assert done.returncode == 3
    assert done.stdout == b""
    lines = done.stderr.decode().splitlines()
    # the ratings (counts or a percentage) are given, though invalid: not also missing
    assert lines == expected
    assert "Traceback" not in done.stderr.decode()


def test_a_file_and_flags_report_together_and_json_lists_them(tmp_path: object) -> None:
    done = run(
        "check",
        "-",
        "--format",
        "json",
        "--lang",
        "pl",
        "--monthly-revenue",
        "1,2",
        stdin=json.dumps({"qualty": "GOOD", "business_account": "yes", "revenue": {"Kids": -5}}).encode(),
    )
    assert done.returncode == 3
    errors = [
        "qualty: nieznane pole; czy chodziło o 'quality'?",
        "--business-account (business_account): oczekiwano true albo false, podano tekst",
        "--revenue Kids (revenue.Kids): kwota nie może być ujemna (-5 zł)",
        "--monthly-revenue (monthly_revenue): oczekiwano 12 albo 24 kwot miesięcznych (od najstarszej), podano 2",
        "--quality (quality): brak wymaganej wartości",
        "--positive/--negative (ratings): brak ocen: podaj liczby ocen pozytywnych i negatywnych albo odsetek ocen "
        "pozytywnych",
    ]
    assert json.loads(done.stdout) == {"verdict": "error", "error": errors[0], "errors": errors}
    assert done.stderr.decode().splitlines() == [f"diamond: error: {line}" for line in errors]


def test_a_flag_fixes_the_file_value_it_overrides() -> None:
    record = {"business_account": True, "quality": "goood", "positive_ratings_pct": 99.5, "revenue": {"Kids": 9e6}}
    done = run("check", "-", "--quality", "good", stdin=json.dumps(record).encode())
    assert done.returncode in (0, 1, 4, 5), done.stderr
    assert done.stderr == b""


def test_a_batch_row_keeps_its_first_problem_in_english(tmp_path: object) -> None:
    done = run("batch", "-", "--input-format", "jsonl", "--lang", "pl", stdin=b'{"qualty": 1, "quality": 2}\n')
    assert done.returncode == 3
    (row,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert row["error"] == "qualty: unknown field; did you mean 'quality'?"


def _sections(help_text: str) -> list[str]:
    """The headings of a help text: unindented lines that end in a colon."""
    return [line[:-1] for line in help_text.splitlines() if line[:1].strip() and line.endswith(":")]


@pytest.mark.parametrize(
    ("env", "sections", "says"),
    [
        (
            {},
            ["Input", "Figures (override the file)", "Output", "Options"],
            ["Seller record: a JSON or YAML file", "Show this message and exit."],
        ),
        (
            {"LC_ALL": "", "LANG": "pl_PL.UTF-8"},
            ["Dane wejściowe", "Dane sprzedawcy (zastępują wartości z pliku)", "Wynik", "Opcje"],
            ["Sprawdza jednego sprzedawcę", "Pokaż tę pomoc i zakończ.", "Wzrost sprzedaży sprzedawcy"],
        ),
    ],
)
def test_check_help_groups_its_options_in_the_locales_language(
    env: dict[str, str], sections: list[str], says: list[str]
) -> None:
    done = run("check", "--help", **env)
    assert done.returncode == 0
    shown = done.stdout.decode()
    assert _sections(shown) == sections
    flat = " ".join(shown.split())
    for text in says:
        assert text in flat
    # the grades a seller may type, in the --quality help (codes and Allegro's Polish names)
    for grade in ("UNACCEPTABLE", "NEEDS_IMPROVEMENT", "NEUTRAL", "GOOD", "SUPER_PLUS", "Wymaga poprawy", "Super+"):
        assert grade in flat
    # each panel's options under its heading: the lines in order, headings and options alike
    lines = [line.strip() for line in shown.splitlines()]
    order = [f"{sections[0]}:", "file", "--thresholds", f"{sections[1]}:", "--quality", f"{sections[2]}:", "--format"]
    order += [f"{sections[3]}:", "-h, --help"]
    at = [next(i for i, line in enumerate(lines) if line.startswith(item)) for item in order]
    assert at == sorted(at)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_script_is_printed(shell: str) -> None:
    done = run("--show-completion", shell)
    assert done.returncode == 0
    script = done.stdout.decode()
    assert "_DIAMOND_COMPLETE" in script
    assert "diamond" in script


def test_completion_offers_the_check_options() -> None:
    done = run("check", COMP_WORDS="diamond check --qua", COMP_CWORD="2", _DIAMOND_COMPLETE="complete_bash")
    assert done.returncode == 0
    assert "--quality" in done.stdout.decode()


def test_rating_counts_typed_wrong_are_problems_among_the_others_not_a_usage_error() -> None:
    """`--positive x` once stopped the command at the option parser (exit 2, the first problem
    alone); counts are read as the core reads them, so they join the other problems."""
    done = run("check", "--quality", "good", "--positive", "x", "--negative", "2.5", "--lang", "pl")
    assert done.returncode == 3
    assert done.stderr.decode().splitlines() == [
        "diamond: error: --positive (ratings.positive): 'x' nie jest liczbą",
        "diamond: error: --negative (ratings.negative): oczekiwano liczby całkowitej, podano 2.5",
        "diamond: error: --business-account (business_account): brak wymaganej wartości",
        "diamond: error: --revenue (revenue): brak wymaganej wartości",
    ]


def test_rating_counts_may_group_thousands_with_spaces() -> None:
    done = run("check", "examples/seller.json", "--positive", "4 210", "--negative", "21", "--format", "json")
    assert done.returncode == 0
    ratings = next(c for c in json.loads(done.stdout)["checks"] if c["rule"] == "positive_ratings")
    assert "4210" in ratings["message"].replace(",", "")
