"""Every sentence the tool says, per language, and the number formats of each language.

The engine names a message by key and gives its figures; this module puts them into words. Keys,
rule ids, statuses and verdict codes never change with the language; only the words do.
"""

from __future__ import annotations

# string.Formatter's own parser: `import string` compiles string.Template's pattern at every start (~1 ms).
import _string  # type: ignore[import-not-found]  # no typeshed stub; string.Formatter uses it
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from diamond_cli.models import POLISH_GRADE_NAMES, Check, Grade

LANGUAGES = ("en", "pl")

# Where each input a rule can miss comes from: the field of a record, and the flag of `check`.
FIELD_FLAGS: dict[str, str] = {
    "ratings": "--positive/--negative",
    "positive_ratings_pct": "--positive-pct",
    "monthly_revenue": "--monthly-revenue",
    "category_growth_pct": "--category-growth",
    "category_market_growth_pct": "--market-growth",
    "transaction_problems_pct": "--transaction-problems",
    "exportable_pct": "--exportable",
    "new_condition_pct": "--new-condition",
}

EN: dict[str, str] = {
    # business_account
    "business_account.pass": "The seller has an active Business Account.",
    "business_account.fail": "An active Business Account is required.",
    # positive_ratings
    "positive_ratings.no_ratings": "No ratings in the last 12 months, so the share of positive ratings cannot be assessed (at least {min:pct} is required).",
    "positive_ratings.missing": "No ratings given: give rating counts or positive_ratings_pct (at least {min:pct} is required).",
    "positive_ratings.counts_pass": "{pct:pct} of ratings are positive ({positive:int} of {total:int}); at least {min:pct} is required.",
    "positive_ratings.counts_fail": "{pct:pct} of ratings are positive ({positive:int} of {total:int}), below the required {min:pct}; {needed:count|more positive rating|more positive ratings} would reach it.",
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
    "label.not_assessed": "Not assessed for lack of figures (points on which Allegro may decline):",
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
    # what would make it pass
    "hint.business_account": "activate a Business Account.",
    "hint.positive_ratings": "{n:count|more positive rating|more positive ratings} would reach {min:pct} at the current number of negative ratings ({negative:int}).",
    "hint.positive_impossible": "{min:pct} cannot be reached while there are negative ratings ({negative:int}).",
    "hint.positive_pct": "the share of positive ratings must rise by {short:int} percentage points to {min:pct}; give the counts (--positive/--negative) to see how many ratings that takes.",
    "hint.grade": "sales quality of at least {grade} is needed.",
    "hint.grade_accounts": "sales quality of at least {grade} is needed on {accounts:list}.",
    "hint.growth": "a 12-month revenue trend above {min:pct} a year is needed (now {growth:pct}).",
    "hint.growth_yoy": "growth above {min:pct} year on year is needed: more than {amount:pln} in the last 12 months, {short:pln} more than now.",
    "hint.growth_next_month": "as the 12-month window moves on, a next month above {amount:pln} would turn revenue back to growth.",
    "hint.growth_next_month_any": "as the 12-month window moves on and its oldest month drops out, revenue turns back to growth whatever next month brings.",
    "hint.revenue_company": "{short:pln} more revenue in {category} reaches the company threshold of {threshold:pln} ({pct:pct} short).",
    "hint.revenue_conditional": "{short:pln} more revenue in {category} reaches the conditional threshold of {threshold:pln} ({pct:pct} short), if the seller's growth in the category also beats the category's.",
    "hint.revenue_conditional_growth": "{short:pln} more revenue in {category} reaches the conditional threshold of {threshold:pln} ({pct:pct} short), together with growth in the category above the category's {market:pct} (now {growth:pct}).",
    "hint.revenue_conditional_growth_met": "{short:pln} more revenue in {category} reaches the conditional threshold of {threshold:pln} ({pct:pct} short); the seller's growth in the category ({growth:pct}) already beats the category's ({market:pct}).",
    "hint.revenue_brand": "{short:pln} more Brand Zone revenue in {category} reaches the brand threshold of {threshold:pln} ({pct:pct} short).",
    "hint.conditional_growth": "growth in the category above the category's {market:pct} (now {growth:pct}) is needed for the conditional route.",
    "hint.account_suspended": "resolve the suspension before Allegro reviews the seller.",
    "hint.transaction_problems": "bring the share of transactions with a problem to {limit:pct} or less.",
    "hint.export_potential": "make at least {limit:pct} of the assortment sellable on international markets.",
    "hint.new_condition": "bring the share of the assortment in New condition to at least {limit:pct}.",
    "hint.missing": "give {fields:fields}.",
    # eligible: the program's benefits in brief (paraphrased from RULES.md)
    "benefits.title": "What the program offers (taking part costs nothing):",
    "benefits.manager": "a personal account manager, by phone and e-mail, Monday to Friday 8:00–16:00;",
    "benefits.audits": "audits of the shop and recommended actions to grow sales;",
    "benefits.priority": "questions sent through a dedicated contact form handled first, around the clock;",
    "benefits.hotline": "a hotline, Monday to Friday 9:00–17:00, for offers, tools, ratings, rules and descriptions;",
    "benefits.workshops": "workshops, trainings and early tests of new features;",
    "benefits.campaigns": "priority when signing up for selected promotional campaigns;",
    "benefits.bonus": "the Diamond Partners bonus campaign, which cuts the cost of sales and promotion.",
    # review: which discretionary point to address, and why Allegro may decline
    "review.title": "Address before Allegro reviews the seller:",
    "review.why": "The program page keeps Allegro's right to decline a seller who meets every criterion; these points are the reasons it names.",
    "why.account_suspended": "Allegro names a suspended account as a reason to decline.",
    "why.transaction_problems": "Allegro names many transaction problems as a reason to decline.",
    "why.export_potential": "Allegro may expect a seller with little exportable assortment to fall short of the program's goals and future bonus campaigns.",
    "why.new_condition": "Allegro may expect a seller with mostly non-New assortment to fall short of the program's goals and future bonus campaigns.",
    # pictures
    "gauge.title": "{category}: 12-month revenue against the thresholds",
    "gauge.key_short": "still short",
    "gauge.revenue": "revenue",
    "gauge.company": "company",
    "gauge.conditional": "conditional",
    "gauge.brand": "brand",
    "gauge.reached": "reached",
    "gauge.short": "{short:pln} short",
    "gauge.no_brand_zone": "no Brand Zone account",
    "gauge.brand_zone": "brand: the Brand Zone account's revenue in {category}, {amount:pln}",
    "spark.title": "Monthly revenue, {n:int} months, oldest first",
    "spark.range": "lowest {low:pln}, highest {high:pln}",
    "spark.years": "previous 12 months | last 12 months",
    "spark.trend": "trend of the last 12 months: {trend:pct} a year",
    "spark.trend_none": "trend of the last 12 months: no revenue",
    "spark.yoy": "year on year: {growth:pct}",
    "spark.yoy_none": "year on year: no revenue in the previous 12 months",
    # notes
    "note.interpretation": "* our interpretation where the program page is vague (see `diamond explain`).",
    "note.thresholds": "Thresholds: {name}, version {version} (in force from: {start}), {source}.",
    "note.no_start": "start date not published",
    "note.shipped": "shipped with diamond_cli",
    "note.no_guarantee": "Meeting the criteria is no guarantee of an invitation: Allegro keeps the right to decline.",
    # diamond explain
    "explain.title": "The rules diamond_cli checks (table {name}, version {version}, in force from: {start})",
    "explain.required": "required: failing it means the published criteria are not met",
    "explain.discretionary": "discretionary: flagged, never failed; Allegro may decline for it",
    "explain.basis.page": "from the program page",
    "explain.basis.interpretation": "our interpretation: the program page is vague here",
    "explain.basis.both": "from the program page, read by our interpretation where it is vague",
    "explain.parameters": "Parameters in force:",
    "explain.param": "{name} = {value} ({source})",
    "explain.source.program page": "program page",
    "explain.source.interpretation": "our interpretation",
    "explain.categories": "Thresholds per category (PLN, from the program page): company · conditional · brand",
    "explain.more": "Details of one rule: diamond explain RULE",
    "explain.unknown_rule": "unknown rule {rule!r}; did you mean {closest}? (rules: {rules})",
    "explain.business_account": "The seller has an active Business Account.",
    "explain.positive_ratings": "Positive ratings in the last 12 months, as positive / (positive + negative) × 100, compared exactly with the minimum (98.995 fails 99). Counts decide over a given percentage, which Allegro rounds to one decimal; no ratings at all leaves the rule unknown.",
    "explain.main_account_quality": "The sales-quality grade of the main account (Allegro's scale, lowest to highest: {grades}) is at least the minimum.",
    "explain.other_accounts_quality": "Every other account under the NIP has at least the minimum grade; a seller with no other accounts passes.",
    "explain.revenue_growth": "“Revenue is growing steadily”. With 24 monthly totals: year-on-year growth of the last 12 months over the previous 12 must exceed the minimum. With 12: the least-squares trend, as a yearly % of the mean, must exceed it. No monthly figures: unknown.",
    "explain.revenue_threshold": "Revenue of the main category (the highest over all accounts under the NIP; a tie goes to the lowest thresholds) against that category's thresholds, tried in order: company threshold; brand threshold for the Brand Zone account's own top category; conditional threshold together with growth in the category faster than the category's (Allegro can invite). A threshold is met at or above it.",
    "explain.account_suspended": "Flagged when any account under the NIP is suspended.",
    "explain.transaction_problems": "Flagged when the share of transactions with a problem is above the limit.",
    "explain.export_potential": "Flagged when less than the limit of the assortment can be sold on international markets (“most cannot be exported”).",
    "explain.new_condition": "Flagged when less than the limit of the assortment is in New condition (“most is not New”).",
    # diamond thresholds show | validate | test
    "thresholds.as_of": "The version in force on {day}.",
    "thresholds.versions": "Versions in this table:",
    "thresholds.categories_title": "Revenue thresholds by category (PLN, last 12 months)",
    "thresholds.params_title": "Rule parameters",
    "thresholds.sources": "Sources: “program page” is the program's public help page; “interpretation” is our reading where that page is vague.",
    "thresholds.unknown_category": "--category: unknown category {name!r}; did you mean {close!r}?",
    "thresholds.unknown_category_no_hint": "--category: unknown category {name!r}; run `diamond thresholds show` for the list.",
    "thresholds.valid": "{source}: valid; {count:int} version(s): {versions:list}.",
    "thresholds.valid_version": "{version} (in force from {start})",
    "thresholds.undated_version": "{version} (start date not published: in force until a newer version)",
    "thresholds.invalid": "{source}: {count:int} problem(s) found.",
    "label.category": "Category",
    "label.company": "Company",
    "label.conditional": "Conditional",
    "label.brand": "Brand Zone",
    "label.aliases": "Aliases",
    "label.source": "Source",
    "label.parameter": "Parameter",
    "label.value": "Value",
    "label.meaning": "Meaning",
    "source.program page": "program page",
    "source.interpretation": "interpretation",
    "param.positive_ratings.min_pct": "lowest share of positive ratings",
    "param.main_account_quality.min_grade": "lowest sales-quality grade of the main account",
    "param.other_accounts_quality.min_grade": "lowest sales-quality grade of every other account",
    "param.revenue_growth.min_growth_pct": "yearly revenue growth must be above it",
    "param.revenue_threshold.inclusive": "revenue equal to a threshold reaches it",
    "param.transaction_problems.max_pct": "flagged above this share of transactions with a problem",
    "param.export_potential.min_pct": "flagged below this share of the assortment sellable abroad",
    "param.new_condition.min_pct": "flagged below this share of the assortment in New condition",
    "cases.failed": "{name} (table version {version}, as of {day})",
    "cases.diff": "{what}: expected {expected}, got {actual}",
    "cases.what.verdict": "verdict",
    "cases.what.route": "route",
    "cases.what.main_category": "main category",
    "cases.what.error": "input error",
    "cases.got_error": "an input error: {error}",
    "cases.got_verdict": "verdict {verdict}",
    "cases.error_containing": "an error containing {text!r}",
    "cases.summary": "{passed:int} of {total:int} case(s) passed.",
    # batch (diamond batch)
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
    "batch.summary.empty": "0 results: the input holds no records",
    "batch.summary.categories": "by main category: {counts}",
    "batch.summary.failing": "most frequent failing rule: {rule} ({count:int} result(s))",
    "batch.summary.no_failing": "no rule failed",
    "batch.summary.written": "results written to {file}",
    "batch.usage.fail_on": "--fail-on: unknown verdict {value!r}; expected {choices}",
    "batch.usage.table_output": "--output writes a machine format: use --format jsonl or csv with it",
    "batch.usage.output": "--output {file}: cannot write there: {reason}",
    "batch.output.not_regular": "not a regular file, a device or a FIFO",
    "batch.output.busy": "--output {file}: another diamond batch is writing it; try again when it has finished",
    "batch.input.changed": "{file} changed while it was read ({change}): the results are incomplete",
    "batch.input.changed.size": "size {before} -> {after} bytes",
    "batch.input.changed.identity": "replaced by another file",
    "batch.input.changed.modified": "modified",
    "batch.usage.no_input": "no input: give a FILE, or pipe records into - (see --help)",
    "batch.col.line": "Line",
    "batch.col.verdict": "Verdict",
    "batch.col.failing": "Failing rules",
    "batch.col.shortfall": "Main shortfall",
}

# Polish: every key of EN (a test checks that no language misses a key and that placeholders match).
PL: dict[str, str] = {
    # business_account
    "business_account.pass": "Sprzedawca ma aktywne Konto Firma.",
    "business_account.fail": "Wymagane jest aktywne Konto Firma.",
    # positive_ratings
    "positive_ratings.no_ratings": "Brak ocen z ostatnich 12 miesięcy, więc nie da się ocenić udziału ocen pozytywnych (wymagane co najmniej {min:pct}).",
    "positive_ratings.missing": "Nie podano ocen: podaj liczby ocen albo positive_ratings_pct (wymagane co najmniej {min:pct}).",
    "positive_ratings.counts_pass": "{pct:pct} ocen jest pozytywnych ({positive:int} z {total:int}); wymagane co najmniej {min:pct}.",
    "positive_ratings.counts_fail": "{pct:pct} ocen jest pozytywnych ({positive:int} z {total:int}), mniej niż wymagane {min:pct}; do progu brakuje {needed:count|oceny pozytywnej|ocen pozytywnych|ocen pozytywnych}.",
    "positive_ratings.counts_fail_impossible": "{pct:pct} ocen jest pozytywnych ({positive:int} z {total:int}), mniej niż wymagane {min:pct}, a tego progu nie da się osiągnąć, dopóki są oceny negatywne.",
    "positive_ratings.pct_pass": "{pct:pct} ocen jest pozytywnych; wymagane co najmniej {min:pct}.",
    "positive_ratings.pct_fail": "{pct:pct} ocen jest pozytywnych, mniej niż wymagane {min:pct}.",
    "positive_ratings.over_pct": "Rozstrzygają liczby ocen, a nie podane {given_pct:pct}, które Allegro publikuje w zaokrągleniu do jednego miejsca po przecinku.",
    # quality
    "main_account_quality.pass": "Jakość sprzedaży na koncie głównym: {grade:grade}; wymagana co najmniej: {min:grade}.",
    "main_account_quality.fail": "Jakość sprzedaży na koncie głównym: {grade:grade}, poniżej wymaganej: {min:grade}.",
    "other_accounts_quality.none": "Pod tym NIP-em nie ma innych kont.",
    "other_accounts_quality.pass": "Każde z pozostałych kont ({count:int}) ma jakość sprzedaży co najmniej {min:grade}.",
    "other_accounts_quality.fail": "Pozostałe konta z jakością poniżej wymaganej ({min:grade}): {low:accounts}.",
    # revenue_growth (interpretation)
    "revenue_growth.missing": "Nie podano obrotu miesięcznego, więc nie da się ocenić wzrostu: podaj 12 lub 24 sumy miesięczne.",
    "revenue_growth.yoy_pass": "Obrót wzrósł rok do roku o {growth:pct} ({last:pln} w ostatnich 12 miesiącach wobec {previous:pln}); wymagany wzrost powyżej {min:pct}.",
    "revenue_growth.yoy_fail": "Obrót zmienił się rok do roku o {growth:pct} ({last:pln} w ostatnich 12 miesiącach wobec {previous:pln}); wymagany wzrost powyżej {min:pct}.",
    "revenue_growth.yoy_from_zero_pass": "Obrót wzrósł od zera w poprzednich 12 miesiącach do {last:pln}.",
    "revenue_growth.yoy_from_zero_fail": "W żadnym z dwóch okresów 12-miesięcznych nie było obrotu, więc obrót nie rośnie.",
    "revenue_growth.trend_pass": "Trend obrotu z 12 miesięcy wynosi {trend:pct} rocznie; wymagane powyżej {min:pct}.",
    "revenue_growth.trend_fail": "Trend obrotu z 12 miesięcy wynosi {trend:pct} rocznie; wymagane powyżej {min:pct}.",
    "revenue_growth.trend_zero": "Wszystkie 12 sum miesięcznych to zero, więc obrót nie rośnie.",
    # revenue_threshold
    "revenue_threshold.company_pass": "Obrót w kategorii {category}, {amount:pln}, spełnia próg dla firm wynoszący {threshold:pln}.",
    "revenue_threshold.brand_pass": "Obrót w kategorii {category}, {amount:pln}, jest poniżej progu dla firm, ale obrót konta Strefy Marek w kategorii {brand_category}, {brand_amount:pln}, spełnia próg dla marek wynoszący {threshold:pln}.",
    "revenue_threshold.fail": "Obrotowi w kategorii {category}, {amount:pln}, brakuje {short_company:pln} do progu dla firm ({company:pln}) i {short_conditional:pln} do progu warunkowego ({conditional:pln}).",
    "revenue_threshold.conditional_unknown": "Obrotowi w kategorii {category}, {amount:pln}, brakuje {short_company:pln} do progu dla firm ({company:pln}), ale osiąga on próg warunkowy ({conditional:pln}); rozstrzyga to, czy sprzedaż sprzedawcy w kategorii rośnie szybciej niż cała kategoria (brakuje: {missing:fields}).",
    "revenue_threshold.conditional_pass": "Obrót w kategorii {category}, {amount:pln}, osiąga próg warunkowy ({conditional:pln}), a wzrost sprzedawcy w kategorii ({growth:pct}) przewyższa wzrost kategorii ({market_growth:pct}): tą drogą Allegro może zaprosić sprzedawcę.",
    "revenue_threshold.conditional_fail": "Obrót w kategorii {category}, {amount:pln}, osiąga próg warunkowy ({conditional:pln}), ale wzrost sprzedawcy w kategorii ({growth:pct}) nie przewyższa wzrostu kategorii ({market_growth:pct}).",
    "revenue_threshold.tie": "Kategorię {category} wybrano jako główną zamiast kategorii o tym samym obrocie ({tied:list}) według najniższego progu (nasza interpretacja).",
    # discretionary
    "account_suspended.pass": "Żadne konto pod tym NIP-em nie jest zawieszone.",
    "account_suspended.flag": "Konto pod tym NIP-em jest zawieszone: z tego powodu Allegro może odmówić przyjęcia sprzedawcy.",
    "transaction_problems.pass": "Problem wystąpił w {pct:pct} transakcji; oznaczamy udział powyżej {limit:pct}.",
    "transaction_problems.flag": "Problem wystąpił w {pct:pct} transakcji, czyli powyżej {limit:pct}: z tego powodu Allegro może odmówić przyjęcia sprzedawcy.",
    "transaction_problems.missing": "Nie oceniono: podaj transaction_problems_pct.",
    "export_potential.pass": "{pct:pct} asortymentu można sprzedawać na rynkach zagranicznych; oznaczamy udział poniżej {limit:pct}.",
    "export_potential.flag": "Tylko {pct:pct} asortymentu można sprzedawać na rynkach zagranicznych, czyli poniżej {limit:pct}: z tego powodu Allegro może odmówić przyjęcia sprzedawcy.",
    "export_potential.missing": "Nie oceniono: podaj exportable_pct.",
    "new_condition.pass": "{pct:pct} asortymentu jest w stanie Nowy; oznaczamy udział poniżej {limit:pct}.",
    "new_condition.flag": "Tylko {pct:pct} asortymentu jest w stanie Nowy, czyli poniżej {limit:pct}: z tego powodu Allegro może odmówić przyjęcia sprzedawcy.",
    "new_condition.missing": "Nie oceniono: podaj new_condition_pct.",
    # words used by the renderers
    "word.and": "i",
    "word.account": "konto",
    "word.yes": "tak",
    "word.no": "nie",
    "verdict.eligible": "✔ Spełnia opublikowane kryteria programu Allegro Diamond Partners",
    "verdict.review": "! Spełnia opublikowane kryteria, ale Allegro może odmówić: zobacz oznaczone punkty",
    "verdict.not_eligible": "✘ Nie spełnia opublikowanych kryteriów programu Allegro Diamond Partners",
    "verdict.incomplete": "? Nie da się jeszcze rozstrzygnąć: brakuje niektórych danych",
    "label.seller": "Sprzedawca",
    "label.main_category": "Kategoria główna",
    "label.route": "Droga progu obrotu",
    "label.rule": "Kryterium",
    "label.actual": "Jest",
    "label.required": "Wymagane",
    "label.reason": "Dlaczego",
    "label.to_pass": "Co trzeba zmienić, żeby spełnić kryteria:",
    "label.not_assessed": "Nie ocenione z braku danych (punkty, z powodu których Allegro może odmówić):",
    "route.company": "próg dla firm",
    "route.brand": "próg dla marek (Strefa Marek)",
    "route.conditional": "próg warunkowy (Allegro może zaprosić)",
    "rule.business_account": "Konto Firma",
    "rule.positive_ratings": "Oceny pozytywne",
    "rule.main_account_quality": "Jakość konta głównego",
    "rule.other_accounts_quality": "Jakość pozostałych kont",
    "rule.revenue_growth": "Wzrost obrotu",
    "rule.revenue_threshold": "Próg obrotu",
    "rule.account_suspended": "Zawieszone konto",
    "rule.transaction_problems": "Problemy z transakcjami",
    "rule.export_potential": "Potencjał eksportowy",
    "rule.new_condition": "Stan Nowy",
    # what would make it pass
    "hint.business_account": "aktywuj Konto Firma.",
    "hint.positive_ratings": "potrzeba jeszcze {n:count|oceny pozytywnej|ocen pozytywnych|ocen pozytywnych}, by przy obecnej liczbie ocen negatywnych ({negative:int}) osiągnąć {min:pct}.",
    "hint.positive_impossible": "{min:pct} nie da się osiągnąć, dopóki są oceny negatywne ({negative:int}).",
    "hint.positive_pct": "udział ocen pozytywnych musi wzrosnąć o {short:int} pkt proc., do {min:pct}; podaj liczby ocen (--positive/--negative), żeby zobaczyć, ilu ocen to wymaga.",
    "hint.grade": "potrzebna jakość sprzedaży co najmniej: {grade}.",
    "hint.grade_accounts": "potrzebna jakość sprzedaży co najmniej: {grade}; dotyczy: {accounts:list}.",
    "hint.growth": "potrzebny trend obrotu z 12 miesięcy powyżej {min:pct} rocznie (teraz {growth:pct}).",
    "hint.growth_yoy": "potrzebny wzrost rok do roku powyżej {min:pct}: ponad {amount:pln} w ostatnich 12 miesiącach, o {short:pln} więcej niż teraz.",
    "hint.growth_next_month": "gdy 12-miesięczne okno przesunie się o miesiąc, następny miesiąc z obrotem powyżej {amount:pln} przywróci wzrost obrotu.",
    "hint.growth_next_month_any": "gdy 12-miesięczne okno przesunie się o miesiąc i wypadnie z niego najstarszy miesiąc, obrót wróci do wzrostu niezależnie od wyniku następnego miesiąca.",
    "hint.revenue_company": "o {short:pln} większy obrót w kategorii {category} osiągnie próg dla firm wynoszący {threshold:pln} (brakuje {pct:pct}).",
    "hint.revenue_conditional": "o {short:pln} większy obrót w kategorii {category} osiągnie próg warunkowy wynoszący {threshold:pln} (brakuje {pct:pct}), jeśli do tego sprzedaż sprzedawcy w kategorii będzie rosła szybciej niż cała kategoria.",
    "hint.revenue_conditional_growth": "o {short:pln} większy obrót w kategorii {category} osiągnie próg warunkowy wynoszący {threshold:pln} (brakuje {pct:pct}), razem ze wzrostem w kategorii powyżej wzrostu kategorii, {market:pct} (teraz {growth:pct}).",
    "hint.revenue_conditional_growth_met": "o {short:pln} większy obrót w kategorii {category} osiągnie próg warunkowy wynoszący {threshold:pln} (brakuje {pct:pct}); wzrost sprzedawcy w kategorii ({growth:pct}) już przewyższa wzrost kategorii ({market:pct}).",
    "hint.revenue_brand": "o {short:pln} większy obrót Strefy Marek w kategorii {category} osiągnie próg dla marek wynoszący {threshold:pln} (brakuje {pct:pct}).",
    "hint.conditional_growth": "do drogi warunkowej potrzebny wzrost w kategorii powyżej wzrostu kategorii, {market:pct} (teraz {growth:pct}).",
    "hint.account_suspended": "usuń przyczynę zawieszenia, zanim Allegro oceni sprzedawcę.",
    "hint.transaction_problems": "obniż udział transakcji z problemem do {limit:pct} lub mniej.",
    "hint.export_potential": "spraw, by co najmniej {limit:pct} asortymentu dało się sprzedawać na rynkach zagranicznych.",
    "hint.new_condition": "zwiększ udział asortymentu w stanie Nowy do co najmniej {limit:pct}.",
    "hint.missing": "podaj {fields:fields}.",
    # eligible: the program's benefits in brief
    "benefits.title": "Co daje program (udział jest bezpłatny):",
    "benefits.manager": "osobisty opiekun konta, telefonicznie i mailowo, od poniedziałku do piątku w godz. 8:00–16:00;",
    "benefits.audits": "audyty sklepu i zalecane działania, które rozwijają sprzedaż;",
    "benefits.priority": "pierwszeństwo w obsłudze pytań wysłanych przez osobny formularz kontaktowy, całą dobę;",
    "benefits.hotline": "infolinia od poniedziałku do piątku w godz. 9:00–17:00 w sprawie ofert, narzędzi, ocen, zasad i opisów;",
    "benefits.workshops": "warsztaty, szkolenia i wczesne testy nowych funkcji;",
    "benefits.campaigns": "pierwszeństwo przy zapisach do wybranych kampanii promocyjnych;",
    "benefits.bonus": "kampania bonusowa dla Diamond Partners, która obniża koszty sprzedaży i promocji.",
    # review
    "review.title": "Warto zająć się tym, zanim Allegro oceni sprzedawcę:",
    "review.why": "Strona programu zastrzega, że Allegro może odmówić przyjęcia sprzedawcy, który spełnia wszystkie kryteria; te punkty to podane tam powody.",
    "why.account_suspended": "Allegro wymienia zawieszone konto jako powód odmowy.",
    "why.transaction_problems": "Allegro wymienia wiele problemów z transakcjami jako powód odmowy.",
    "why.export_potential": "Allegro może uznać, że sprzedawca z niewielką częścią asortymentu nadającą się na eksport nie zrealizuje celów programu i przyszłych kampanii bonusowych.",
    "why.new_condition": "Allegro może uznać, że sprzedawca z asortymentem głównie w stanie innym niż Nowy nie zrealizuje celów programu i przyszłych kampanii bonusowych.",
    # pictures
    "gauge.title": "{category}: obrót z 12 miesięcy na tle progów",
    "gauge.key_short": "brakuje",
    "gauge.revenue": "obrót",
    "gauge.company": "dla firm",
    "gauge.conditional": "warunkowy",
    "gauge.brand": "dla marek",
    "gauge.reached": "osiągnięty",
    "gauge.short": "brakuje {short:pln}",
    "gauge.no_brand_zone": "brak konta Strefy Marek",
    "gauge.brand_zone": "dla marek: obrót konta Strefy Marek w kategorii {category}, {amount:pln}",
    "spark.title": "Obrót miesięczny, {n:int} mies., od najstarszego",
    "spark.range": "najniższy {low:pln}, najwyższy {high:pln}",
    "spark.years": "poprzednie 12 miesięcy | ostatnie 12 miesięcy",
    "spark.trend": "trend ostatnich 12 miesięcy: {trend:pct} rocznie",
    "spark.trend_none": "trend ostatnich 12 miesięcy: brak obrotu",
    "spark.yoy": "rok do roku: {growth:pct}",
    "spark.yoy_none": "rok do roku: brak obrotu w poprzednich 12 miesiącach",
    # notes
    "note.interpretation": "* nasza interpretacja tam, gdzie strona programu jest nieprecyzyjna (zob. `diamond explain`).",
    "note.thresholds": "Progi: {name}, wersja {version} (obowiązuje od: {start}), {source}.",
    "note.no_start": "data początkowa nie została opublikowana",
    "note.shipped": "tabela dołączona do diamond_cli",
    "note.no_guarantee": "Spełnienie kryteriów nie gwarantuje zaproszenia: Allegro zastrzega sobie prawo odmowy.",
    # diamond explain
    "explain.title": "Kryteria sprawdzane przez diamond_cli (tabela {name}, wersja {version}, obowiązuje od: {start})",
    "explain.required": "wymagane: niespełnione oznacza, że opublikowane kryteria nie są spełnione",
    "explain.discretionary": "uznaniowe: tylko oznaczane, nigdy niespełnione; Allegro może z ich powodu odmówić",
    "explain.basis.page": "ze strony programu",
    "explain.basis.interpretation": "nasza interpretacja: strona programu jest tu nieprecyzyjna",
    "explain.basis.both": "ze strony programu, z naszą interpretacją tam, gdzie jest nieprecyzyjna",
    "explain.parameters": "Obowiązujące parametry:",
    "explain.param": "{name} = {value} ({source})",
    "explain.source.program page": "strona programu",
    "explain.source.interpretation": "nasza interpretacja",
    "explain.categories": "Progi w kategoriach (PLN, ze strony programu): dla firm · warunkowy · dla marek",
    "explain.more": "Szczegóły jednego kryterium: diamond explain KRYTERIUM",
    "explain.unknown_rule": "nieznane kryterium {rule!r}; czy chodziło o {closest}? (kryteria: {rules})",
    "explain.business_account": "Sprzedawca ma aktywne Konto Firma.",
    "explain.positive_ratings": "Oceny pozytywne z ostatnich 12 miesięcy, liczone jako pozytywne / (pozytywne + negatywne) × 100 i porównywane z minimum dokładnie (98,995 nie spełnia 99). Liczby ocen rozstrzygają zamiast podanego odsetka, który Allegro zaokrągla do jednego miejsca po przecinku; brak jakichkolwiek ocen oznacza wynik nieznany.",
    "explain.main_account_quality": "Jakość sprzedaży konta głównego (skala Allegro, od najniższej: {grades}) jest co najmniej równa minimum.",
    "explain.other_accounts_quality": "Każde inne konto pod tym NIP-em ma co najmniej minimalną ocenę jakości; sprzedawca bez innych kont spełnia to kryterium.",
    "explain.revenue_growth": "„Obrót stale rośnie”. Przy 24 sumach miesięcznych: wzrost rok do roku ostatnich 12 miesięcy wobec poprzednich 12 musi przekraczać minimum. Przy 12: trend metodą najmniejszych kwadratów, jako roczny % średniej, musi je przekraczać. Bez danych miesięcznych: wynik nieznany.",
    "explain.revenue_threshold": "Obrót w kategorii głównej (najwyższy łącznie na wszystkich kontach pod NIP-em; przy remisie decydują najniższe progi) na tle progów tej kategorii, sprawdzanych po kolei: próg dla firm; próg dla marek dla własnej głównej kategorii konta Strefy Marek; próg warunkowy razem ze wzrostem w kategorii szybszym niż wzrost kategorii (Allegro może zaprosić). Próg jest spełniony, gdy obrót jest mu równy lub wyższy.",
    "explain.account_suspended": "Oznaczane, gdy którekolwiek konto pod tym NIP-em jest zawieszone.",
    "explain.transaction_problems": "Oznaczane, gdy udział transakcji z problemem przekracza limit.",
    "explain.export_potential": "Oznaczane, gdy na rynkach zagranicznych można sprzedawać mniej asortymentu niż limit („większości nie da się eksportować”).",
    "explain.new_condition": "Oznaczane, gdy w stanie Nowy jest mniej asortymentu niż limit („większość nie jest nowa”).",
    # diamond thresholds show | validate | test
    "thresholds.as_of": "Wersja obowiązująca w dniu {day}.",
    "thresholds.versions": "Wersje w tej tabeli:",
    "thresholds.categories_title": "Progi obrotu według kategorii (PLN, ostatnie 12 miesięcy)",
    "thresholds.params_title": "Parametry reguł",
    "thresholds.sources": "Źródła: „strona programu” to publiczna strona pomocy programu; „interpretacja” to nasze odczytanie tam, gdzie ta strona jest nieprecyzyjna.",
    "thresholds.unknown_category": "--category: nieznana kategoria {name!r}; czy chodziło o {close!r}?",
    "thresholds.unknown_category_no_hint": "--category: nieznana kategoria {name!r}; listę pokazuje `diamond thresholds show`.",
    "thresholds.valid": "{source}: poprawna; liczba wersji: {count:int}: {versions:list}.",
    "thresholds.valid_version": "{version} (obowiązuje od {start})",
    "thresholds.undated_version": "{version} (data początkowa nieopublikowana: obowiązuje do nowszej wersji)",
    "thresholds.invalid": "{source}: liczba znalezionych problemów: {count:int}.",
    "label.category": "Kategoria",
    "label.company": "Firma",
    "label.conditional": "Próg warunkowy",
    "label.brand": "Strefa Marek",
    "label.aliases": "Inne nazwy",
    "label.source": "Źródło",
    "label.parameter": "Parametr",
    "label.value": "Wartość",
    "label.meaning": "Znaczenie",
    "source.program page": "strona programu",
    "source.interpretation": "interpretacja",
    "param.positive_ratings.min_pct": "najniższy odsetek pozytywnych ocen",
    "param.main_account_quality.min_grade": "najniższa ocena jakości sprzedaży konta głównego",
    "param.other_accounts_quality.min_grade": "najniższa ocena jakości sprzedaży każdego innego konta",
    "param.revenue_growth.min_growth_pct": "roczny wzrost obrotu musi być od niej wyższy",
    "param.revenue_threshold.inclusive": "obrót równy progowi osiąga go",
    "param.transaction_problems.max_pct": "oznaczane powyżej tego odsetka transakcji z problemem",
    "param.export_potential.min_pct": "oznaczane poniżej tego odsetka asortymentu do sprzedaży za granicą",
    "param.new_condition.min_pct": "oznaczane poniżej tego odsetka asortymentu w stanie Nowy",
    "cases.failed": "{name} (wersja tabeli {version}, na dzień {day})",
    "cases.diff": "{what}: oczekiwano {expected}, jest {actual}",
    "cases.what.verdict": "werdykt",
    "cases.what.route": "ścieżka",
    "cases.what.main_category": "kategoria główna",
    "cases.what.error": "błąd danych",
    "cases.got_error": "błąd danych: {error}",
    "cases.got_verdict": "werdykt {verdict}",
    "cases.error_containing": "błąd zawierający {text!r}",
    "cases.summary": "Zaliczone przypadki: {passed:int} z {total:int}.",
    # batch (diamond batch)
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
    "batch.summary.empty": "wyników: 0: wejście nie zawiera żadnych rekordów",
    "batch.summary.categories": "według kategorii głównej: {counts}",
    "batch.summary.failing": "najczęściej niespełnione kryterium: {rule} (wyników: {count:int})",
    "batch.summary.no_failing": "żadne kryterium nie zostało niespełnione",
    "batch.summary.written": "wyniki zapisano w {file}",
    "batch.usage.fail_on": "--fail-on: nieznany werdykt {value!r}; dozwolone: {choices}",
    "batch.usage.table_output": "--output zapisuje format maszynowy: użyj z nim --format jsonl lub csv",
    "batch.usage.output": "--output {file}: nie można tam zapisać: {reason}",
    "batch.output.not_regular": "to nie jest zwykły plik, urządzenie ani potok FIFO",
    "batch.output.busy": "--output {file}: inny proces diamond batch właśnie zapisuje ten plik; spróbuj ponownie, gdy skończy",
    "batch.input.changed": "plik {file} zmienił się w trakcie czytania ({change}): wyniki są niepełne",
    "batch.input.changed.size": "rozmiar {before} -> {after} bajtów",
    "batch.input.changed.identity": "zastąpiony innym plikiem",
    "batch.input.changed.modified": "zmodyfikowany",
    "batch.usage.no_input": "brak danych: podaj PLIK albo przekaż rekordy potokiem do - (zob. --help)",
    "batch.col.line": "Wiersz",
    "batch.col.verdict": "Werdykt",
    "batch.col.failing": "Niespełnione kryteria",
    "batch.col.shortfall": "Główny brak",
}

# Saved Allegro API responses (diamond_cli.allegro); kept together so both languages stay in step.
EN.update(
    {
        "allegro.missing_key": "missing: this is not the response {endpoint} is documented to return (was it saved in full, or has the API changed?)",
        "allegro.wrong_type": "expected {expected}, found {found}: this is not the response {endpoint} is documented to return",
        "allegro.an_object": "an object",
        "allegro.a_list": "a list",
        "allegro.not_object": "expected the JSON object that {endpoint} returns, found {found}",
        "allegro.error_response": "this is an error response from Allegro ({code}: {message}), not the data {endpoint} returns; save the response again",
        "allegro.not_a_date": "expected a date (YYYY-MM-DD), found {found}",
        "allegro.ambiguous": "{files:list} are all responses of {endpoint}; keep only one",
        "allegro.no_directory": "{path}: no such directory",
        "allegro.not_a_directory": "{path}: is a file, not a directory of saved responses",
        "allegro.nothing_found": "{path}: none of the saved responses is there (looked for {names:list})",
        "batch.usage.allegro_group": "--allegro-root reads one directory per seller, which --group-by nip (account rows) does not have; use one of them",
        "allegro.seller_needed": "needed to find the seller's saved responses under --allegro-root",
        "allegro.seller_not_a_name": "'{seller}' cannot name a directory under --allegro-root",
        "allegro.seller_missing": "no saved responses for this seller: {path} is not a directory",
        "allegro.cannot_read": "{path}: cannot read: {reason}",
    }
)
PL.update(
    {
        "allegro.missing_key": "brak: to nie jest odpowiedź, którą według dokumentacji zwraca {endpoint} (czy zapisano ją w całości, czy API się zmieniło?)",
        "allegro.wrong_type": "oczekiwano {expected}, znaleziono {found}: to nie jest odpowiedź, którą według dokumentacji zwraca {endpoint}",
        "allegro.an_object": "obiektu",
        "allegro.a_list": "listy",
        "allegro.not_object": "oczekiwano obiektu JSON, który zwraca {endpoint}, znaleziono {found}",
        "allegro.error_response": "to odpowiedź Allegro z błędem ({code}: {message}), a nie dane, które zwraca {endpoint}; zapisz odpowiedź ponownie",
        "allegro.not_a_date": "oczekiwano daty (RRRR-MM-DD), znaleziono {found}",
        "allegro.ambiguous": "{files:list} to odpowiedzi tego samego zasobu {endpoint}; zostaw tylko jedną",
        "allegro.no_directory": "{path}: nie ma takiego katalogu",
        "allegro.not_a_directory": "{path}: to plik, a nie katalog z zapisanymi odpowiedziami",
        "allegro.nothing_found": "{path}: nie ma tu żadnej z zapisanych odpowiedzi (szukano: {names:list})",
        "batch.usage.allegro_group": "--allegro-root czyta jeden katalog na sprzedawcę, a --group-by nip (wiersze kont) go nie ma; użyj jednej z tych opcji",
        "allegro.seller_needed": "potrzebne, by znaleźć zapisane odpowiedzi sprzedawcy w --allegro-root",
        "allegro.seller_not_a_name": "'{seller}' nie może być nazwą katalogu w --allegro-root",
        "allegro.seller_missing": "brak zapisanych odpowiedzi tego sprzedawcy: {path} nie jest katalogiem",
        "allegro.cannot_read": "{path}: nie można odczytać: {reason}",
    }
)

CATALOGUES: dict[str, dict[str, str]] = {"en": EN, "pl": PL}


class _Formatter:
    """`{x:pln}`, `{x:pct}`, `{x:int}`, `{x:grade}`, `{x:list}`, `{x:fields}`, `{x:accounts}`.

    The parts of `string.Formatter` that `text` uses, on the same `_string` functions, without
    importing `string` (see the import).
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang

    @staticmethod
    def get_field(name: str, params: Mapping[str, Any]) -> Any:
        """`a`, `a.b` or `a[0]`, as `str.format` resolves it."""
        first, rest = _string.formatter_field_name_split(name)
        value = params[str(first)]
        for is_attribute, index in rest:
            value = getattr(value, str(index)) if is_attribute else value[index]
        return value

    @staticmethod
    def convert_field(value: Any, conversion: str) -> Any:
        if conversion == "r":
            return repr(value)
        if conversion == "s":
            return str(value)
        if conversion == "a":
            return ascii(value)
        raise ValueError(f"Unknown conversion specifier {conversion}")

    def format_field(self, value: Any, format_spec: str) -> str:
        write, suffix = _spec_writer(format_spec)
        return write(value, self.lang) + suffix


def _spec_writer(spec: str) -> tuple[Callable[[Any, str], str], str]:
    """How `{x:spec}` is written: a function of the value and the language, then a fixed suffix.

    Chosen once per template field, not per use; the suffix can join the template's next literal.
    """
    if spec == "pln":
        return number, " PLN"
    if spec == "pct":
        return number, "%"
    if spec == "int":
        return number, ""
    if spec == "grade":
        return grade_name, ""
    if spec.startswith("count|"):
        forms = spec.split("|")[1:]
        return (lambda value, lang: f"{number(value, lang)} {plural(value, forms, lang)}"), ""
    if spec in ("list", "fields"):
        return (lambda value, lang: join(list(value), lang)), ""
    if spec == "accounts":
        return _accounts, ""
    return (lambda value, lang: format(value, spec)), ""


def _accounts(value: Any, lang: str) -> str:
    word = text("word.account", lang)
    return join([f"{word} {i} ({grade_name(g, lang)})" for i, g in value], lang)


class _Template:
    """One sentence in one language, parsed once: a batch fills the same few dozen millions of times.

    Where every field is a plain name (all sentences but a few), it is also compiled: the literal
    text before each field, its name and the function that writes its value, so that filling it
    is a loop of direct calls. Other sentences are filled field by field by a `_Formatter`.
    """

    __slots__ = ("fields", "lang", "names", "parts", "tail")

    def __init__(self, template: str, lang: str) -> None:
        self.lang = lang
        self.parts: list[tuple[str, str | None, str | None, str | None]] = list(_string.formatter_parser(template))
        self.names = frozenset(name for _, name, _, _ in self.parts if name is not None)
        self.fields: list[tuple[str, str, Callable[[Any, str], str]]] | None = []
        literal = ""
        for before, name, spec, conversion in self.parts:
            literal += before
            if name is None:
                continue
            if conversion or not name.isidentifier():
                self.fields = None
                break
            write, suffix = _spec_writer(spec or "")
            self.fields.append((literal, name, write))
            literal = suffix
        self.tail = literal

    def fill(self, params: Mapping[str, Any]) -> str:
        if self.fields is None:
            return self._fill_fieldwise(params)
        if not self.fields:
            return self.tail
        lang = self.lang
        out = []
        for literal, name, write in self.fields:
            out.append(literal)
            out.append(write(params[name], lang))
        out.append(self.tail)
        return "".join(out)

    def _fill_fieldwise(self, params: Mapping[str, Any]) -> str:
        formatter = _Formatter(self.lang)
        out: list[str] = []
        for literal, name, spec, conversion in self.parts:
            out.append(literal)
            if name is None:
                continue
            value = params[name] if name.isidentifier() else formatter.get_field(name, params)
            if conversion:
                value = formatter.convert_field(value, conversion)
            out.append(formatter.format_field(value, spec or ""))
        return "".join(out)


_COMPILED: dict[tuple[str, str], _Template] = {}


def _template(key: str, lang: str) -> _Template:
    """The sentence `key` in `lang` (English where `lang` lacks it), parsed once per language and key."""
    template = _COMPILED.get((lang, key))
    if template is None:
        source = CATALOGUES.get(lang, EN).get(key) or EN[key]
        template = _COMPILED[(lang, key)] = _Template(source, lang)
    return template


def text(key: str, lang: str = "en", **params: Any) -> str:
    """The sentence `key` in `lang` (English where `lang` lacks it), with `params` filled in."""
    return _template(key, lang).fill(params)


def number(value: object, lang: str = "en") -> str:
    """Thousands grouped, the decimals as given (never rounded here), in the language's style."""
    if type(value) is Decimal and (value or not value.is_signed()):  # fast paths: most figures are Decimals
        # `,f` writes the decimals as given, and a whole number as the `int` below does, except -0. Below
        # 1000 there is nothing to group, and `str` (3 times cheaper) writes the same unless in exponent form.
        body = str(value)
        if value.adjusted() >= 3 or "E" in body:
            body = f"{value:,f}"
    elif type(value) is int:  # and counts are ints
        body = f"{value:,}"
    elif isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return str(value)
    else:
        decimal = Decimal(value)
        exponent = decimal.as_tuple().exponent
        body = f"{int(decimal):,}" if isinstance(exponent, int) and exponent >= 0 else f"{decimal:,f}"
    if lang == "pl":
        return body.replace(",", "\u00a0").replace(".", ",")
    return body


def plural(count: object, forms: list[str], lang: str) -> str:
    """The noun form for `count`: English one|other, Polish one|few|many (2-4 but not 12-14: few)."""
    n = int(count) if isinstance(count, (int, Decimal)) else 0
    if len(forms) == 1:
        return forms[0]
    if lang == "pl" and len(forms) >= 3:
        if n == 1:
            return forms[0]
        if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
            return forms[1]
        return forms[2]
    return forms[0] if n == 1 else forms[1]


def grade_name(grade: object, lang: str = "en") -> str:
    if isinstance(grade, Grade):
        # `_name_` is the plain attribute behind the `name` descriptor (a Python call).
        return POLISH_GRADE_NAMES[grade] if lang == "pl" else grade._name_
    return str(grade)


def join(items: list[str], lang: str = "en") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {text('word.and', lang)} {items[-1]}"


def check_message(check: Check, lang: str = "en") -> str:
    """The sentence a seller reads for one rule."""
    key = check.message_key
    sentence = _check_text(key.removesuffix("_over_pct"), lang, check)
    if key.endswith("_over_pct"):
        sentence += " " + _check_text("positive_ratings.over_pct", lang, check)
    if check.rule == "revenue_threshold" and check.params.get("tied"):
        sentence += " " + _check_text("revenue_threshold.tie", lang, check)
    return sentence


def _check_text(key: str, lang: str, check: Check) -> str:
    """Sentence `key` filled from the check's params and, as `missing`, the fields it lacks."""
    template = _template(key, lang)
    if "missing" in template.names:  # few sentences name them: the others fill from params as they are
        return template.fill({**check.params, "missing": list(check.missing)})
    return template.fill(check.params)
