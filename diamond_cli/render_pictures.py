"""Pictures for the human view: a gauge of revenue against the thresholds, a sparkline of months.

Both are drawn from plain characters whose shape carries the meaning (█ revenue, ░ what is still
short, · a route without a Brand Zone account; ▁…█ for the months), so they read the same without
colour, and both fit any width from 60 columns up: narrow terminals get each figure on its own
line above its bar.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal
from fractions import Fraction

from rich.text import Text

from diamond_cli.messages import number, text
from diamond_cli.models import Check, Verdict
from diamond_cli.numbers import shown_trend, shown_year_on_year

FILLED, SHORT, ABSENT = "█", "░", "·"
SPARKS = "▁▂▃▄▅▆▇█"
# Below this width a gauge row puts its figures on one line and its bar on the next.
ONE_LINE_GAUGE = 100
MAX_BAR = 80
MIN_ONE_LINE_BAR = 30
MAX_CELLS_PER_MONTH = 4


def wrap(line: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """`line` broken at ordinary spaces only.

    Rich breaks lines at any Unicode space, which splits the non-breaking spaces that group a
    Polish number's digits ("2 250 000 PLN"); textwrap breaks at ASCII whitespace only.
    """
    return textwrap.wrap(
        line,
        width=max(width, len(rest) + 20),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def _said(line: str, width: int, indent: str = "  ", style: str = "") -> list[Text]:
    """A line of words in a picture, wrapped at ordinary spaces, every line indented."""
    return [Text(part, style=style) for part in wrap(line, width, indent, indent)]


def _cells(value: Decimal, scale: Decimal, width: int) -> int:
    if scale <= 0:
        return 0
    return round(Fraction(value) / Fraction(scale) * width)


def _bar(value: Decimal | None, threshold: Decimal | None, scale: Decimal, width: int) -> str:
    """Revenue filled up to the threshold and the shortfall hatched; the bar ends at the threshold.

    A shortfall is always at least one cell, so rounding never draws a threshold as reached.
    """
    if threshold is None:
        return FILLED * _cells(value or Decimal(0), scale, width)
    end = _cells(threshold, scale, width)
    if value is None:
        return ABSENT * end
    filled = min(_cells(value, scale, width), end)
    if value < threshold and filled >= end:
        filled = max(end - 1, 0)
        end = max(end, 1)
    return FILLED * filled + SHORT * (end - filled)


def revenue_gauge(verdict: Verdict, lang: str, width: int) -> list[Text]:
    """Main-category revenue against its company, conditional and brand thresholds, on one scale."""
    check = verdict.check("revenue_threshold")
    p = check.params
    amount = _dec(p.get("amount"))
    company, conditional, brand = _dec(p.get("company")), _dec(p.get("conditional")), _dec(p.get("brand"))
    if amount is None or company is None or conditional is None or brand is None:
        return []
    brand_amount = _dec(p.get("brand_amount"))
    brand_threshold = _dec(p.get("brand_threshold")) or brand
    rows: list[tuple[str, Decimal | None, Decimal | None, str]] = [
        (text("gauge.revenue", lang), amount, None, f"{number(amount, lang)} PLN"),
        (text("gauge.company", lang), amount, company, _status(amount, company, lang)),
        (text("gauge.conditional", lang), amount, conditional, _status(amount, conditional, lang)),
    ]
    if brand_amount is None:
        rows.append(
            (
                text("gauge.brand", lang),
                None,
                brand,
                f"{number(brand, lang)} PLN · {text('gauge.no_brand_zone', lang)}",
            )
        )
    else:
        rows.append(
            (text("gauge.brand", lang), brand_amount, brand_threshold, _status(brand_amount, brand_threshold, lang))
        )
    scale = max(value for row in rows for value in (row[1], row[2]) if value is not None)
    label_width = max(len(row[0]) for row in rows)
    lines = _said(text("gauge.title", lang, category=verdict.category_name(str(p.get("category")))), width, "", "bold")
    figures_width = max(len(row[3]) for row in rows)
    bar_width = min(MAX_BAR, width - label_width - figures_width - 6)
    if width >= ONE_LINE_GAUGE and bar_width >= MIN_ONE_LINE_BAR:
        for label, value, threshold, figures in rows:
            bar = _bar(value, threshold, scale, bar_width)
            lines.append(Text(f"  {label:<{label_width}}  {bar:<{bar_width}}  {figures}"))
    else:
        bar_width = min(MAX_BAR, width - 4)
        for label, value, threshold, figures in rows:
            lines.extend(_said(f"{label}: {figures}", width))
            lines.append(Text(f"  {_bar(value, threshold, scale, bar_width)}"))
    key = [f"{FILLED} {text('gauge.revenue', lang)}", f"{SHORT} {text('gauge.key_short', lang)}"]
    if brand_amount is None:
        key.append(f"{ABSENT} {text('gauge.no_brand_zone', lang)}")
    lines.append(Text("  " + "   ".join(key)))
    if brand_amount is not None:
        brand_category = verdict.category_name(str(p.get("brand_category")))
        note = text("gauge.brand_zone", lang, category=brand_category, amount=brand_amount)
        lines.extend(_said(note, width, style="dim"))
    for line in lines[1:]:
        line.highlight_regex(f"{FILLED}+", "cyan")
        line.highlight_regex(f"{SHORT}+", "red")
    return lines


def _status(value: Decimal, threshold: Decimal, lang: str) -> str:
    head = f"{number(threshold, lang)} PLN · "
    if value >= threshold:
        return head + text("gauge.reached", lang)
    return head + text("gauge.short", lang, short=threshold - value)


def revenue_sparkline(verdict: Verdict, lang: str, width: int) -> list[Text]:
    """Monthly revenue as a sparkline, with the 12-month trend and, from 24 months, year on year."""
    figures = verdict.figures
    if figures is None or figures.monthly_revenue is None:
        return []
    months = figures.monthly_revenue
    minimum = _minimum_growth(verdict.check("revenue_growth"))
    per_month = max(1, min(MAX_CELLS_PER_MONTH, (width - 6) // len(months)))
    low, high = min(months), max(months)
    marks = [_spark(m, low, high) * per_month for m in months]
    line = "".join(marks[:12]) + "│" + "".join(marks[12:]) if len(months) == 24 else "".join(marks)
    lines = [*_said(text("spark.title", lang, n=len(months)), width, "", "bold"), Text(f"  {line}")]
    if len(months) == 24:
        lines.extend(_said(text("spark.years", lang), width, style="dim"))
    lines.extend(_said(text("spark.range", lang, low=low, high=high), width, style="dim"))
    trend = shown_trend(months[-12:], minimum)
    if trend is None:
        lines.extend(_said(text("spark.trend_none", lang), width))
    else:
        lines.extend(_said(f"{_arrow(trend)} " + text("spark.trend", lang, trend=trend), width))
    if len(months) == 24:
        growth = shown_year_on_year(months, minimum)
        if growth is None:
            lines.extend(_said(text("spark.yoy_none", lang), width))
        else:
            lines.extend(_said(f"{_arrow(growth)} " + text("spark.yoy", lang, growth=growth), width))
    return lines


def _spark(value: Decimal, low: Decimal, high: Decimal) -> str:
    """Lowest month ▁, highest █ (min–max scale, as sparklines go; the range is printed beside)."""
    if high == low:
        return SPARKS[0] if high == 0 else SPARKS[len(SPARKS) // 2]
    position = Fraction(value - low) / Fraction(high - low) * (len(SPARKS) - 1)
    return SPARKS[round(position)]


def _arrow(value: Decimal) -> str:
    return "↗" if value > 0 else "↘" if value < 0 else "→"


def _minimum_growth(check: Check) -> Decimal:
    required = check.required
    return required if isinstance(required, Decimal) else Decimal(0)


def _dec(value: object) -> Decimal | None:
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return Decimal(value)
    return None
