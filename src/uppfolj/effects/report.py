"""The effect report in plain Swedish: DOCX and XLSX (shared report model), an HTML fragment and JSON.

Every estimate is shown with its interval, the diagnostics and the caveats; never a bare point estimate.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import math
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.shared import Cm
from jinja2 import Environment, PackageLoader, select_autoescape

from uppfolj import fmt
from uppfolj.effects.analysis_data import covariate_label
from uppfolj.effects.chart import DESCRIPTION, TITLE, effect_png
from uppfolj.effects.protection import count_text, hidden
from uppfolj.effects.result import EffectResult
from uppfolj.effects.store_analysis import StoreEffect
from uppfolj.effects.wording import decimals, scaled, unit
from uppfolj.outputs import Column, Paragraph, Report, Section, Table, write_report
from uppfolj.outputs.model import Figure, display

CAVEATS = [
    "Jämförelsen kan bara ta hänsyn till det som finns i data (ålder, kön, utbildning, födelseland, hushåll, "
    "barn, tid i bistånd, tidigare utbetalningar och insatser, kalendertid). Skillnader i till exempel "
    "motivation, hälsa eller språk som påverkar både vem som får insatsen och hur det går kan ge en "
    "skattning som är för hög eller för låg.",
    "Egen försörjning mäts som att ingen utbetalning av ekonomiskt bistånd gjordes. Personen kan ha flyttat "
    "eller fått annan ersättning; arbete syns bara genom avslutsorsaken.",
    "Intervallet (95 % konfidensintervall) visar osäkerheten av slumpen. Ett intervall som innehåller 0 "
    "betyder att data inte kan skilja effekten från ingen effekt.",
]


STOCK_TEXT = (
    "Biståndsperioder som redan pågick när data börjar är med. För dem räknas tiden i bistånd från den första "
    "månaden med data, och de jämförs bara med andra sådana perioder."
)


def _pp(value: float) -> float:
    return value * 100


def _cell(outcome: str, value: float) -> Figure:
    """An effect figure in its unit (procentenheter, months, kronor) with the unit's decimals."""
    return Figure(scaled(outcome, value), decimals=decimals(outcome))


def curve_table(effect: StoreEffect) -> Table:
    c = effect.curve
    return Table(
        "Effekt månad för månad efter start (procentenheter)",
        [
            Column("Månad efter start", "count"),
            Column("Effekt", "decimal", 1),
            Column("95 % KI, nedre", "decimal", 1),
            Column("95 % KI, övre", "decimal", 1),
            Column("Deltagare", "count"),
        ],
        [
            [
                int(t),
                _none(_pp(e)),
                _none(_pp(lo)),
                _none(_pp(hi)),
                None if hidden(n, effect.threshold) else int(n),
            ]
            for t, e, lo, hi, n in zip(
                c["tau"].to_numpy(dtype=int),
                c["skattning"].to_numpy(dtype=float),
                c["ki_undre"].to_numpy(dtype=float),
                c["ki_ovre"].to_numpy(dtype=float),
                c["n_behandlade"].to_numpy(dtype=int),
                strict=True,
            )
        ],
    )


CHART_CAPTION = f"Diagram: {TITLE}. {DESCRIPTION}"


def _none(v: float) -> float | None:
    return v if math.isfinite(v) else None


def build_report(effect: StoreEffect, *, kommun: str, namnd: str, created: dt.date | None = None) -> Report:
    info = effect.info
    limit = effect.threshold
    first = next(iter(effect.results.values()), None)
    uncertainty = f" Osäkerheten är skattad med {first.se_method}." if first else ""
    compared = Section(
        "Vad jämfördes",
        [
            Paragraph(
                f"Personer med ekonomiskt bistånd som började {effect.insatstyp} under en biståndsperiod jämfördes med "
                "personer som vid samma tidpunkt i sin biståndsperiod (samma antal månader) fortfarande hade "
                "bistånd men inte började insatsen då. Jämförelsepersonerna viktades så att de liknar deltagarna i "
                "ålder, kön, utbildning, födelseland, hushåll, barn, tid i bistånd, tidigare utbetalningar och "
                "insatser samt kalendertid."
            ),
            Paragraph(
                f"Underlag: {count_text(int(info.get('behandlade', 0)), limit)} deltagare och "
                f"{count_text(int(info.get('personer', 0)), limit)} personer med bistånd, data "
                f"{info.get('datastart')} till {info.get('dataslut')}.{uncertainty}"
            ),
            Paragraph(effect.estimand),
            Paragraph(effect.coverage_sentence()),
            *([Paragraph(STOCK_TEXT)] if info.get("bestand") else []),
            *[Paragraph(str(note)) for note in info.get("anteckningar", [])],
            *([Paragraph(effect.not_estimated)] if effect.not_estimated else []),
            *[Paragraph(str(note)) for note in info.get("ej_skattade_utfall", [])],
        ],
    )
    if first is None:
        return _report(effect, kommun, namnd, created, [compared])
    rows: list[list[Any]] = []
    for outcome, res in effect.results.items():
        places = decimals(outcome)
        low, high = scaled(outcome, res.ci_low), scaled(outcome, res.ci_high)
        rows.append(
            [
                effect.names[outcome],
                _cell(outcome, res.estimate),
                f"{fmt.number(low, places)} till {fmt.number(high, places)}",
                unit(outcome),
                _cell(outcome, res.mde),
                "primärt utfall" if res.diagnostics.get("primart_utfall") else res.diagnostics.get("p_holm"),
                res.n_treated,
                _cell(outcome, effect.static.get(outcome, math.nan)),
            ]
        )
    results = Section(
        "Resultat",
        [
            Table(
                "Effekt för deltagarna",
                [
                    Column("Utfall"),
                    Column("Effekt", "decimal", 1),
                    Column("95 % konfidensintervall"),
                    Column("Enhet"),
                    Column("Minsta upptäckbara effekt", "decimal", 1),
                    Column("p-värde (Holm)", "decimal", 3),
                    Column("Deltagare", "count"),
                    Column("Jämfört med aldrig behandlade (snedvriden)", "decimal", 1),
                ],
                rows,
                notes=[
                    "Minsta upptäckbara effekt: den minsta verkliga effekt som data upptäcker med 80 % sannolikhet "
                    "på 5 % nivå. Huvudfrågan är egen försörjning efter 12 månader (primärt utfall); för de "
                    "övriga utfallen är p-värdet justerat för att flera utfall prövas (Holm).",
                    "Sista kolumnen jämför med personer som aldrig fick insatsen. Den jämförelsen är snedvriden, "
                    "eftersom den som lämnar biståndet tidigt aldrig hinner få insatsen; den visas för att förklara "
                    "varför den dynamiska jämförelsen används.",
                ],
            ),
            *[Paragraph(effect.sentence(o)) for o in effect.results],
            Paragraph(CHART_CAPTION),
            curve_table(effect),
        ],
    )
    cost = [_cost(effect.info["kostnad"])] if effect.info.get("kostnad") else []
    if effect.info.get("undergrupper"):
        cost.insert(0, _subgroups(effect.info["undergrupper"]))
    return _report(
        effect,
        kommun,
        namnd,
        created,
        [compared, results, *cost, _diagnostics(first, limit), _caveats(first)],
    )


def _subgroups(splits: list[dict[str, Any]]) -> Section:
    rows: list[list[Any]] = []
    for split in splits:
        for g in split["grupper"]:
            if "skattning" in g:
                interval = f"{fmt.number(_pp(g['ki_undre']), 1)} till {fmt.number(_pp(g['ki_ovre']), 1)}"
                rows.append(
                    [split["indelning"], g["grupp"], _pp(g["skattning"]), interval, g["n_behandlade"]]
                )
            else:
                rows.append([split["indelning"], g["grupp"], None, g["ej_skattad"], None])
        p = split["p_skillnad"]
        rows.append([split["indelning"], "skillnad mellan grupperna, p-värde", _none(p), "", None])
    return Section(
        "Effekt per grupp",
        [
            Table(
                "Egen försörjning efter 12 månader per grupp (procentenheter)",
                [
                    Column("Indelning"),
                    Column("Grupp"),
                    Column("Effekt", "decimal", 1),
                    Column("95 % konfidensintervall"),
                    Column("Deltagare", "count"),
                ],
                rows,
                notes=[
                    "Varje grupp är skattad för sig. p-värdet prövar om effekten skiljer sig mellan grupperna; "
                    "ett litet p-värde (under 0,05) tyder på att den gör det. Med fyra indelningar är ett "
                    "enstaka litet p-värde svagt belägg."
                ],
            )
        ],
    )


def _cost(c: dict[str, Any]) -> Section:
    net = c["nettokostnad_per_ytterligare_egen_forsorjning"]
    interval = c.get("nettokostnad_ki")
    bounds = (
        f" (95 % KI {fmt.number(interval[0] / 1000, 0)}–{fmt.number(interval[1] / 1000, 0)} tusen kronor)"
        if interval
        else " (effekten kan vara noll, så kostnaden har ingen övre gräns inom osäkerheten)"
    )
    saved_low, saved_high = c["besparing_ki"]
    return Section(
        "Kostnad per effekt",
        [
            Paragraph(
                f"Insatsen kostar {fmt.number(c['kostnad_per_platsmanad'], 0)} kronor per platsmånad ({c['kalla']}); "
                f"deltagarna var i genomsnitt {fmt.number(c['manader_i_insats'], 1)} månader i insatsen, så den "
                f"kostar {fmt.number(c['kostnad_per_deltagare'], 0)} kronor per deltagare."
            ),
            Paragraph(
                f"Under de 24 månaderna efter starten betalades {fmt.number(c['besparing_bistand_24'], 0)} kronor "
                f"mindre i ekonomiskt bistånd per deltagare (95 % KI {fmt.number(saved_low, 0)} till "
                f"{fmt.number(saved_high, 0)}). Nettokostnaden per deltagare är "
                f"{fmt.number(c['nettokostnad_per_deltagare'], 0)} kronor."
            ),
            Paragraph(
                f"Nettokostnaden per ytterligare person i egen försörjning efter 12 månader är "
                f"{fmt.number(net / 1000, 0)} tusen kronor{bounds}."
            ),
        ],
    )


def _report(
    effect: StoreEffect, kommun: str, namnd: str, created: dt.date | None, sections: list[Section]
) -> Report:
    return Report(
        title=f"Effektutvärdering: {effect.insatstyp}",
        kommun=kommun,
        namnd=namnd,
        period=effect.period,
        created=created or dt.date.today(),
        snapshot_id=effect.snapshot_id,
        sections=sections,
        stem=f"effekt-{_slug(effect.insatstyp)}",
        subtitle="Dynamisk jämförelse (Sianesi 2004) med viktning",
    )


def _diagnostics(res: EffectResult, limit: int) -> Section:
    d = res.diagnostics
    balance = d["balans"]
    blocks: list[Any] = [
        Table(
            "Balans: skillnad mellan deltagare och jämförelsepersoner (standardiserad medelvärdesskillnad)",
            [
                Column("Egenskap"),
                Column("Före viktning", "decimal", 2),
                Column("Efter viktning", "decimal", 2),
            ],
            [
                [covariate_label(str(r.kovariat)), float(r.smd_fore), float(r.smd_efter)]
                for r in balance.itertuples()
            ],
            notes=["Skillnader under 0,1 räknas som god balans."],
        ),
        Paragraph(
            f"Gemensamt stöd: {count_text(int(d.get('trimmade', 0)), limit)} av "
            f"{count_text(int(d.get('behandlade_totalt', 0)), limit)} "
            "deltagare saknade jämförbara personer och togs bort."
        ),
    ]
    placebo = d.get("placebo")
    if placebo:
        verdict = "misslyckades" if placebo["misslyckat"] else "godkändes"
        blocks.append(
            Paragraph(
                f"Placebotest: samma jämförelse på antalet utbetalningsmånader 25–36 månader före gav "
                f"{fmt.number(placebo['skattning'], 2)} (95 % KI {fmt.number(placebo['ki_undre'], 2)} till "
                f"{fmt.number(placebo['ki_ovre'], 2)}); där kan insatsen inte ha någon effekt. Testet {verdict}."
            )
        )
    sens = d.get("kansliget") or {}
    blocks.append(
        Paragraph(
            f"Känslighet (E-värde): {fmt.number(sens.get('e_varde'), 2)}. En okänd faktor skulle behöva vara så "
            "starkt kopplad både till att få insatsen och till utfallet (som riskkvot) för att helt förklara bort "
            f"skattningen; för konfidensgränsen {fmt.number(sens.get('e_varde_ki'), 2)} (1 = ingen marginal)."
        )
    )
    return Section("Diagnostik", blocks)


def _caveats(res: EffectResult) -> Section:
    blocks: list[Any] = [Paragraph(f"Varning: {w}") for w in res.warnings]
    if not res.warnings:
        blocks.append(Paragraph("Diagnostiken gav inga varningar."))
    blocks += [Paragraph(c) for c in CAVEATS]
    return Section("Varningar och förbehåll", blocks)


def _slug(text: str) -> str:
    table = str.maketrans("åäöÅÄÖé ", "aaoAAOe-")
    return "".join(ch for ch in text.translate(table).lower() if ch.isalnum() or ch == "-")


_env = Environment(
    loader=PackageLoader("uppfolj.effects", "templates"), autoescape=select_autoescape(["html"])
)


def html_fragment(report: Report, effect: StoreEffect, png: bytes) -> str:
    """An HTML fragment for the dashboard: the same sections, the chart as an embedded PNG."""
    return _env.get_template("effekt.html").render(
        report=report,
        caption=CHART_CAPTION,
        description=DESCRIPTION,
        png=base64.b64encode(png).decode("ascii"),
        display=display,
    )


def insert_chart(
    docx_path: Path,
    png: bytes,
    caption: str = CHART_CAPTION,
    title: str = TITLE,
    description: str = DESCRIPTION,
) -> None:
    """Put a chart above its caption paragraph in the written DOCX (alt text = the description)."""
    doc = docx.Document(str(docx_path))
    for paragraph in doc.paragraphs:
        if paragraph.text == caption:
            holder = doc.add_paragraph()
            holder.add_run().add_picture(io.BytesIO(png), width=Cm(16))
            for prop in holder._p.iter(qn("wp:docPr")):
                prop.set("descr", f"{title}. {description}")
                prop.set("title", title)
            paragraph._p.addprevious(holder._p)
            break
    doc.save(str(docx_path))


def write_effect_report(
    effect: StoreEffect,
    folder: Path,
    *,
    kommun: str,
    namnd: str,
    created: dt.date | None = None,
    template: Path | None = None,
) -> list[Path]:
    """DOCX + XLSX + HTML fragment + JSON + the chart PNG, in `folder`; `template` is the workspace's Word
    reference document."""
    report = build_report(effect, kommun=kommun, namnd=namnd, created=created)
    paths = write_report(report, folder, template)
    stem = folder / report.stem
    js = stem.with_suffix(".json")
    js.write_text(json.dumps(effect.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    html = stem.with_suffix(".html")
    if not effect.results:
        html.write_text(
            _env.get_template("effekt.html").render(report=report, png="", display=display), "utf-8"
        )
        return [*paths, html, js]
    chart = effect_png(effect.curve, effect.insatstyp)
    for path in paths:
        if path.suffix == ".docx":
            insert_chart(path, chart)
    png = stem.with_suffix(".png")
    png.write_bytes(chart)
    html.write_text(html_fragment(report, effect, chart), encoding="utf-8")
    return [*paths, png, html, js]
