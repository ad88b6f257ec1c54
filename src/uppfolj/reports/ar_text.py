"""Drafted paragraphs of the yearly report: the economy (`ar.ekonomi`) and the volume measures
(`ar.volymer`), written from the tables' published figures in the style of a verksamhetsberättelse."""

from __future__ import annotations

from uppfolj import fmt
from uppfolj.outputs.model import Paragraph, Table, number_of
from uppfolj.outputs.wording import join

KR_PER_TKR = 1000.0


def _mnkr(tkr: float) -> str:
    return fmt.mnkr(tkr * KR_PER_TKR)


def _balance(tkr: float) -> str:
    """`ett underskott på 4,2 mnkr`, `ett överskott på 0,1 mnkr`, `en budget i balans`."""
    if round(tkr / 100) == 0:  # less than 0,05 mnkr either way: 0,0 mnkr as shown
        return "en budget i balans"
    word = "ett överskott" if tkr > 0 else "ett underskott"
    return f"{word} på {_mnkr(abs(tkr))}"


def ekonomi_text(table: Table, year: int) -> Paragraph:
    """From the ekonomi table with columns Verksamhet, Budget, Utfall, Avvikelse (tkr, avvikelse = budget −
    utfall) and optionally the utfall of the year before, its last row being the total."""
    key = "ar.ekonomi"
    *parts, total = table.rows
    budget, utfall, avvikelse = (number_of(total[i]) for i in (1, 2, 3))
    if budget is None or utfall is None or avvikelse is None:
        return Paragraph(f"Det ekonomiska utfallet för {year} kan inte redovisas i sin helhet.", key)
    text = (
        f"Nämndens nettokostnader för {year} uppgick till {_mnkr(utfall)} mot en budget på {_mnkr(budget)}, "
        f"vilket innebär {_balance(avvikelse)}."
    )
    deviations = [(str(r[0]), v) for r in parts if (v := number_of(r[3])) is not None and round(v / 100) != 0]
    # a deviation of the total is explained by the (at most two) largest of the same sign; the others,
    # and all of them when the total is in balance, are named one by one
    sign = 0 if round(avvikelse / 100) == 0 else (1 if avvikelse > 0 else -1)
    same_sign = sorted([d for d in deviations if d[1] * sign > 0], key=lambda d: -abs(d[1]))
    same = same_sign[:2]
    other = [d for d in deviations if d[1] * sign <= 0]
    if same:
        named = join([f"{name} ({_mnkr(v)})" for name, v in same])
        text += f" Avvikelsen förklaras {'främst av' if len(same_sign) > len(same) else 'av'} {named}."
    for name, v in other:
        text += f" {name} redovisar {_balance(v)}."
    previous = number_of(total[4]) if len(total) > 4 else None
    if previous:
        change = utfall - previous
        if round(change / 100) == 0:
            text += f" Nettokostnaderna är i nivå med {year - 1}."
        else:
            word = "ökat" if change > 0 else "minskat"
            text += (
                f" Jämfört med {year - 1} har nettokostnaderna {word} med {_mnkr(abs(change))} "
                f"({fmt.percent(abs(change) / previous * 100)})."
            )
    return Paragraph(text, key)


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _more_or_fewer(diff: float) -> str:
    return f"{fmt.number(abs(diff))} {'fler' if diff > 0 else 'färre'}"


def volume_text(table: Table, year: int, planned: dict[str, float], names: dict[str, str]) -> Paragraph:
    """One sentence per volume measure with a budget for the year (else for the first two measures): the
    outcome, against the budget and against the year before. `names` maps a row's title to its indicator
    id; the table's year columns end with `year`, then Budget and Skillnad when a budget is given."""
    key = "ar.volymer"
    titles = [c.title for c in table.columns]
    at = titles.index(str(year))
    sentences = []
    rows = [r for r in table.rows if names.get(str(r[0])) in planned] or table.rows[:2]
    for row in rows:
        ind = names.get(str(row[0]), "")
        if ind == "eb_utbetalt":
            continue
        name = _lower_first(str(row[0]))
        now, before = number_of(row[at]), number_of(row[at - 1])
        if now is None:
            sentences.append(f"Antalet {name} kan inte redovisas för {year}.")
            continue
        parts = []
        plan = planned.get(ind)
        if plan is not None:
            diff = now - plan
            parts.append(
                f"{_more_or_fewer(diff)} än budgeterat ({fmt.number(plan)})"
                if round(diff)
                else f"som budgeterat ({fmt.number(plan)})"
            )
        if before is not None:
            diff = now - before
            parts.append(
                f"{_more_or_fewer(diff)} än {year - 1}" if round(diff) else f"lika många som {year - 1}"
            )
        tail = f", vilket är {join(parts)}" if parts else ""
        sentences.append(f"Under {year} var antalet {name} {fmt.number(now)}{tail}.")
    return Paragraph(" ".join(sentences), key)
