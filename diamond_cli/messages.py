"""Every sentence the tool says, per language, and the number formats of each language.

The engine names a message by key and gives its figures; this module puts them into words. Keys,
rule ids, statuses and verdict codes never change with the language; only the words do.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from diamond_cli.models import POLISH_GRADE_NAMES, Check, Grade

LANGUAGES = ("en", "pl")

EN: dict[str, str] = {
    # business_account
    "business_account.pass": "The seller has an active Business Account.",
    "business_account.fail": "An active Business Account is required.",
    # positive_ratings
    "positive_ratings.no_ratings": "No ratings in the last 12 months, so the share of positive ratings cannot be assessed (at least {min:pct} is required).",
    "positive_ratings.missing": "No ratings given: give rating counts or positive_ratings_pct (at least {min:pct} is required).",
    "positive_ratings.counts_pass": "{pct:pct} of ratings are positive ({positive:int} of {total:int}); at least {min:pct} is required.",
    "positive_ratings.counts_fail": "{pct:pct} of ratings are positive ({positive:int} of {total:int}), below the required {min:pct}; {needed:int} more positive rating(s) would reach it.",
    "positive_ratings.counts_fail_impossible": "{pct:pct} of ratings are positive ({positive:int} of {total:int}), below the required {min:pct}, which cannot be reached while there are negative ratings.",
    "positive_ratings.pct_pass": "{pct:pct} of ratings are positive; at least {min:pct} is required.",
    "positive_ratings.pct_fail": "{pct:pct} of ratings are positive, below the required {min:pct}.",
    "positive_ratings.over_pct": "The counts decide over the given {given_pct:pct}, which Allegro publishes rounded to one decimal.",
    # quality
    "main_account_quality.pass": "The main account's sales quality is {grade:grade}; at least {min:grade} is required.",
    "main_account_quality.fail": "The main account's sales quality is {grade:grade}, below the required {min:grade}.",
    "other_accounts_quality.none": "There are no other accounts under the NIP.",
    "other_accounts_quality.pass": "Every other account ({count:int}) has sales quality of at least {min:grade}.",
    "other_accounts_quality.fail": "Other accounts below the required {min:grade}: {low:accounts}.",
    # revenue_growth (interpretation)
    "revenue_growth.missing": "No monthly revenue given, so growth cannot be assessed: give 12 or 24 monthly totals.",
    "revenue_growth.yoy_pass": "Revenue grew {growth:pct} year on year ({last:pln} in the last 12 months against {previous:pln}); growth above {min:pct} is required.",
    "revenue_growth.yoy_fail": "Revenue changed by {growth:pct} year on year ({last:pln} in the last 12 months against {previous:pln}); growth above {min:pct} is required.",
    "revenue_growth.yoy_from_zero_pass": "Revenue rose from nothing in the previous 12 months to {last:pln}.",
    "revenue_growth.yoy_from_zero_fail": "There was no revenue in either 12-month period, so revenue is not growing.",
    "revenue_growth.trend_pass": "The 12-month revenue trend is {trend:pct} a year; above {min:pct} is required.",
    "revenue_growth.trend_fail": "The 12-month revenue trend is {trend:pct} a year; above {min:pct} is required.",
    "revenue_growth.trend_zero": "All 12 monthly totals are zero, so revenue is not growing.",
    # revenue_threshold
    "revenue_threshold.company_pass": "{category} revenue of {amount:pln} meets the company threshold of {threshold:pln}.",
    "revenue_threshold.brand_pass": "{category} revenue of {amount:pln} is below the company threshold, but the Brand Zone account's {brand_category} revenue of {brand_amount:pln} meets the brand threshold of {threshold:pln}.",
    "revenue_threshold.fail": "{category} revenue of {amount:pln} is {short_company:pln} short of the company threshold of {company:pln} and {short_conditional:pln} short of the conditional threshold of {conditional:pln}.",
    "revenue_threshold.conditional_unknown": "{category} revenue of {amount:pln} is {short_company:pln} short of the company threshold of {company:pln} but reaches the conditional threshold of {conditional:pln}; whether the seller's growth in the category beats the category's decides it (missing: {missing:fields}).",
    "revenue_threshold.conditional_pass": "{category} revenue of {amount:pln} reaches the conditional threshold of {conditional:pln} and the seller's growth in the category ({growth:pct}) beats the category's ({market_growth:pct}): on this route Allegro can invite the seller.",
    "revenue_threshold.conditional_fail": "{category} revenue of {amount:pln} reaches the conditional threshold of {conditional:pln}, but the seller's growth in the category ({growth:pct}) does not beat the category's ({market_growth:pct}).",
    "revenue_threshold.tie": "{category} was chosen as the main category over {tied:list}, which have the same revenue, by the lowest threshold (our interpretation).",
    # discretionary
    "account_suspended.pass": "No account under the NIP is suspended.",
    "account_suspended.flag": "An account under the NIP is suspended: Allegro may decline the seller for this.",
    "transaction_problems.pass": "{pct:pct} of transactions had a problem; more than {limit:pct} is flagged.",
    "transaction_problems.flag": "{pct:pct} of transactions had a problem, more than {limit:pct}: Allegro may decline the seller for this.",
    "transaction_problems.missing": "Not assessed: give transaction_problems_pct.",
    "export_potential.pass": "{pct:pct} of the assortment can be sold on international markets; less than {limit:pct} is flagged.",
    "export_potential.flag": "Only {pct:pct} of the assortment can be sold on international markets, less than {limit:pct}: Allegro may decline the seller for this.",
    "export_potential.missing": "Not assessed: give exportable_pct.",
    "new_condition.pass": "{pct:pct} of the assortment is in New condition; less than {limit:pct} is flagged.",
    "new_condition.flag": "Only {pct:pct} of the assortment is in New condition, less than {limit:pct}: Allegro may decline the seller for this.",
    "new_condition.missing": "Not assessed: give new_condition_pct.",
    # words used by the renderers
    "word.and": "and",
    "word.account": "account",
    "word.yes": "yes",
    "word.no": "no",
    "verdict.eligible": "✔ Meets the published criteria of Allegro Diamond Partners",
    "verdict.review": "! Meets the published criteria, but Allegro may decline: see the flagged points",
    "verdict.not_eligible": "✘ Does not meet the published criteria of Allegro Diamond Partners",
    "verdict.incomplete": "? Cannot decide yet: some figures are missing",
    "label.seller": "Seller",
    "label.main_category": "Main category",
    "label.route": "Revenue route",
    "label.rule": "Rule",
    "label.actual": "Actual",
    "label.required": "Required",
    "label.reason": "Why",
    "label.to_pass": "What would make it pass:",
    "route.company": "company threshold",
    "route.brand": "Brand Zone threshold",
    "route.conditional": "conditional threshold (Allegro can invite)",
    "rule.business_account": "Business Account",
    "rule.positive_ratings": "Positive ratings",
    "rule.main_account_quality": "Main account quality",
    "rule.other_accounts_quality": "Other accounts quality",
    "rule.revenue_growth": "Revenue growth",
    "rule.revenue_threshold": "Revenue threshold",
    "rule.account_suspended": "Suspended account",
    "rule.transaction_problems": "Transaction problems",
    "rule.export_potential": "Export potential",
    "rule.new_condition": "New condition",
    "hint.business_account": "activate a Business Account.",
    "hint.positive_ratings": "{n:int} more positive rating(s) at the current negative ratings would reach {min:pct}.",
    "hint.positive_pct": "at least {min:pct} positive ratings are needed.",
    "hint.grade": "sales quality of at least {grade} is needed.",
    "hint.growth": "revenue growth above {min:pct} a year is needed.",
    "hint.growth_yoy": "revenue growth above {min:pct} is needed: more than {amount:pln} in the last 12 months.",
    "hint.revenue_company": "{short:pln} more revenue reaches the company threshold of {threshold:pln} ({pct}% short).",
    "hint.revenue_conditional": "{short:pln} more revenue reaches the conditional threshold of {threshold:pln} ({pct}% short), together with growth in the category faster than the category's.",
    "hint.revenue_brand": "{short:pln} more Brand Zone revenue in {category} reaches the brand threshold of {threshold:pln} ({pct}% short).",
    "hint.conditional_growth": "growth in the category above the category's {growth:pct} is needed for the conditional route.",
    "hint.account_suspended": "resolve the suspension before Allegro reviews the seller.",
    "hint.transaction_problems": "bring the share of transactions with a problem to {limit:pct} or less.",
    "hint.export_potential": "make at least {limit:pct} of the assortment sellable on international markets.",
    "hint.new_condition": "bring the share of the assortment in New condition to at least {limit:pct}.",
    "hint.missing": "give {fields:fields}.",
    "note.interpretation": "* our interpretation where the program page is vague (see `diamond explain`).",
    "note.thresholds": "Thresholds: {name}, version {version} (in force from: {start}), {source}.",
    "note.no_start": "start date not published",
    "note.no_guarantee": "Meeting the criteria is no guarantee of an invitation: Allegro keeps the right to decline.",
    # batch (diamond batch)
    "batch.group.nip": "NIP {nip}",
    "batch.group.no_main": "no main account among {accounts:list}",
    "batch.group.two_main": "more than one main account: {accounts:list}",
    "batch.group.two_brand_zone": "more than one Brand Zone account: {accounts:list}",
    "batch.group.ratings": "account(s) {accounts:list} give only positive_ratings_pct, which cannot be added to the rating counts of {counted:list}",
    "batch.group.pct": "the positive_ratings_pct of accounts {accounts:list} cannot be summed: give rating counts",
    "batch.group.differs": "{field} differs between accounts {first} and {account} and cannot be added up across accounts",
    "batch.group.months": "monthly_revenue has {first_count:int} months in account {first} but {count:int} in account {account}",
    "batch.group.invalid_row": "not evaluated: the row of account {account} (line {line}) is invalid",
    "batch.group.derived": "is derived from the account rows when grouping by NIP; give each account's own quality and revenue instead",
    "batch.summary.total": "{total:int} result(s): {counts}",
    "batch.summary.categories": "by main category: {counts}",
    "batch.summary.failing": "most frequent failing rule: {rule} ({count:int} result(s))",
    "batch.summary.no_failing": "no rule failed",
    "batch.summary.written": "results written to {file}",
    "batch.usage.fail_on": "--fail-on: unknown verdict {value!r}; expected {choices}",
    "batch.usage.table_output": "--output writes a machine format: use --format jsonl or csv with it",
    "batch.usage.output": "--output {file}: cannot write there: {reason}",
    "batch.usage.no_input": "no input: give a FILE, or pipe records into - (see --help)",
    "batch.col.line": "Line",
    "batch.col.verdict": "Verdict",
    "batch.col.failing": "Failing rules",
    "batch.col.shortfall": "Main shortfall",
}

# Polish: every key of EN (a test checks that no language misses a key).
PL: dict[str, str] = {
    # batch (diamond batch)
    "batch.group.nip": "NIP {nip}",
    "batch.group.no_main": "brak konta głównego wśród kont {accounts:list}",
    "batch.group.two_main": "więcej niż jedno konto główne: {accounts:list}",
    "batch.group.two_brand_zone": "więcej niż jedno konto Strefy Marek: {accounts:list}",
    "batch.group.ratings": "konto(a) {accounts:list} podają tylko positive_ratings_pct, którego nie da się dodać do liczby ocen kont {counted:list}",
    "batch.group.pct": "positive_ratings_pct kont {accounts:list} nie da się zsumować: podaj liczby ocen",
    "batch.group.differs": "{field} różni się między kontami {first} i {account} i nie da się go zsumować dla kont",
    "batch.group.months": "monthly_revenue ma {first_count:int} mies. w koncie {first}, a {count:int} w koncie {account}",
    "batch.group.invalid_row": "nie oceniono: wiersz konta {account} (wiersz {line}) jest błędny",
    "batch.group.derived": "wynika z wierszy kont przy grupowaniu po NIP; podaj zamiast tego ocenę jakości i obrót każdego konta",
    "batch.summary.total": "wyników: {total:int}: {counts}",
    "batch.summary.categories": "według kategorii głównej: {counts}",
    "batch.summary.failing": "najczęściej niespełnione kryterium: {rule} (wyników: {count:int})",
    "batch.summary.no_failing": "żadne kryterium nie zostało niespełnione",
    "batch.summary.written": "wyniki zapisano w {file}",
    "batch.usage.fail_on": "--fail-on: nieznany werdykt {value!r}; dozwolone: {choices}",
    "batch.usage.table_output": "--output zapisuje format maszynowy: użyj z nim --format jsonl lub csv",
    "batch.usage.output": "--output {file}: nie można tam zapisać: {reason}",
    "batch.usage.no_input": "brak danych: podaj PLIK albo przekaż rekordy potokiem do - (zob. --help)",
    "batch.col.line": "Wiersz",
    "batch.col.verdict": "Werdykt",
    "batch.col.failing": "Niespełnione kryteria",
    "batch.col.shortfall": "Główny brak",
}

CATALOGUES: dict[str, dict[str, str]] = {"en": EN, "pl": PL}


class _Formatter(string.Formatter):
    """`{x:pln}`, `{x:pct}`, `{x:int}`, `{x:grade}`, `{x:list}`, `{x:fields}`, `{x:accounts}`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "pln":
            return f"{number(value, self.lang)} PLN"
        if format_spec == "pct":
            return f"{number(value, self.lang)}%"
        if format_spec == "int":
            return number(value, self.lang)
        if format_spec == "grade":
            return grade_name(value, self.lang)
        if format_spec in ("list", "fields"):
            return join(list(value), self.lang)
        if format_spec == "accounts":
            word = text("word.account", self.lang)
            return join([f"{word} {i} ({grade_name(g, self.lang)})" for i, g in value], self.lang)
        return str(super().format_field(value, format_spec))


_Part = tuple[str, str | None, str | None, str | None]
_COMPILED: dict[tuple[str, str], list[_Part]] = {}
_FORMATTERS: dict[str, _Formatter] = {}


def text(key: str, lang: str = "en", **params: Any) -> str:
    """The sentence `key` in `lang` (English where `lang` lacks it), with `params` filled in.

    Templates are parsed once per language and key, not once per use: a batch fills the same
    few dozen templates millions of times.
    """
    parts = _COMPILED.get((lang, key))
    if parts is None:
        template = CATALOGUES.get(lang, EN).get(key) or EN[key]
        parts = _COMPILED[(lang, key)] = list(string.Formatter().parse(template))
    formatter = _FORMATTERS.get(lang) or _FORMATTERS.setdefault(lang, _Formatter(lang))
    out: list[str] = []
    for literal, name, spec, conversion in parts:
        out.append(literal)
        if name is None:
            continue
        value = params[name] if name.isidentifier() else formatter.get_field(name, (), params)[0]
        if conversion:
            value = formatter.convert_field(value, conversion)
        out.append(formatter.format_field(value, spec or ""))
    return "".join(out)


def number(value: object, lang: str = "en") -> str:
    """Thousands grouped, the decimals as given (never rounded here), in the language's style."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return str(value)
    decimal = Decimal(value)
    exponent = decimal.as_tuple().exponent
    body = f"{int(decimal):,}" if isinstance(exponent, int) and exponent >= 0 else f"{decimal:,f}"
    if lang == "pl":
        return body.replace(",", "\u00a0").replace(".", ",")
    return body


def grade_name(grade: object, lang: str = "en") -> str:
    if isinstance(grade, Grade):
        return POLISH_GRADE_NAMES[grade] if lang == "pl" else grade.name
    return str(grade)


def join(items: list[str], lang: str = "en") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {text('word.and', lang)} {items[-1]}"


def check_message(check: Check, lang: str = "en") -> str:
    """The sentence a seller reads for one rule."""
    params: Mapping[str, Any] = {**check.params, "missing": list(check.missing)}
    sentence = text(_base_key(check.message_key), lang, **params)
    if check.message_key.endswith("_over_pct"):
        sentence += " " + text("positive_ratings.over_pct", lang, **params)
    if check.rule == "revenue_threshold" and params.get("tied"):
        sentence += " " + text("revenue_threshold.tie", lang, **params)
    return sentence


def _base_key(key: str) -> str:
    return key.removesuffix("_over_pct")
