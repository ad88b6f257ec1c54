"""Competing exits in the dynamic design: the share that has left bistånd for work or studies, and for another
reason, τ months after the start, among participants and the weighted comparison, on a store small enough to
work out by hand.

Every analysed spell starts in 2020-06 (u = 0) and every start of Jobbspår is in that month, so the hazard
model is fitted on the u = 0 rows only, where the one covariate that varies is kön: the model is saturated,
the score is the share starting among women and among men, and the comparison persons' weights e/(1 − e)
make the comparison mean Σ_kön (share of the treated of that kön) × (comparison mean within that kön).
"""

from __future__ import annotations

import json
from fractions import Fraction as F
from html import escape as html_escape
from pathlib import Path

import docx
import duckdb
import numpy as np
import pytest
from fastapi.testclient import TestClient

from tests.effects.synthetic_store import make_store_with_exits
from tests.web.conftest import PASSWORD, login
from uppfolj import fmt
from uppfolj.effects.analysis_data import NOTE_NO_EXIT_REASONS, build_analysis_data
from uppfolj.effects.outcomes import EXIT_NAMES, OTHER_EXIT, WORK_OR_STUDIES
from uppfolj.effects.protection import mask_json
from uppfolj.effects.report import write_effect_report
from uppfolj.effects.store_analysis import ESTIMATE_COLUMNS, StoreEffect, analyse_insatstyp
from uppfolj.effects.wording import exit_sentence
from uppfolj.web import create_app
from uppfolj.web.db import WebDB
from uppfolj.web.users import Users
from uppfolj.workspace import Workspace, create

START = (2020, 6)
#: person → (kön, months paid from 2020-06 on, eb_avslut reason at the last payment or None, starts Jobbspår)
PERSONS = {
    "T1": ("K", 4, "arbete", True),  # last paid 2020-09 (τ = 3): work
    "T2": ("K", 11, "sjukdom", True),  # last paid τ = 10: another reason
    "T3": ("M", 2, "studier", True),  # last paid τ = 1: studies
    "T4": ("K", 31, None, True),  # paid to the data end 2022-12: still on bistånd
    "C1": ("K", 6, "arbete", False),  # τ = 5: work
    "C2": ("K", 6, None, False),  # τ = 5, no reason recorded: another exit
    "C3": ("K", 31, None, False),  # still on bistånd
    "C4": ("M", 1, "flytt", False),  # τ = 0: another reason
    "C5": ("M", 13, "arbete", False),  # τ = 12: work
    "C6": ("M", 21, "studier", False),  # τ = 20: studies
}


def _month(offset: int) -> str:
    index = START[0] * 12 + START[1] - 1 + offset
    return f"{index // 12}-{index % 12 + 1:02d}-01"


def _store(with_reasons: bool) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE bistand_manad (hushall_id VARCHAR, manad DATE, sokande_id VARCHAR, medsokande_id VARCHAR,"
        " antal_barn BIGINT, belopp DECIMAL(18,2), hushallstyp VARCHAR)"
    )
    # D: paid 2020-01..2020-02, a spell running from the data start (left out), so the data start is 2020-01
    rows = [("hD", "2020-01-01", "D"), ("hD", "2020-02-01", "D")]
    rows += [(f"h{p}", _month(k), p) for p, (_, months, _, _) in PERSONS.items() for k in range(months)]
    con.executemany("INSERT INTO bistand_manad VALUES (?, ?, ?, NULL, 0, 5000, NULL)", rows)
    con.execute("CREATE TABLE _personregister (person_id VARCHAR, fodelsear INTEGER, kon VARCHAR)")
    con.executemany(
        "INSERT INTO _personregister VALUES (?, 1980, ?)",
        [("D", "K"), *[(p, kon) for p, (kon, _, _, _) in PERSONS.items()]],
    )
    con.execute(
        "CREATE TABLE insatser (insats_id VARCHAR, person_id VARCHAR, insatstyp VARCHAR, enhet VARCHAR,"
        " start_datum DATE, slut_datum DATE, avslutsorsak VARCHAR)"
    )
    con.executemany(
        "INSERT INTO insatser VALUES (?, ?, 'Jobbspår', 'E1', ?, NULL, NULL)",
        [(f"i{p}", p, "2020-06-10") for p, (_, _, _, treated) in PERSONS.items() if treated],
    )
    if with_reasons:
        con.execute("CREATE TABLE eb_avslut (hushall_id VARCHAR, manad DATE, avslutsorsak VARCHAR)")
        con.executemany(
            "INSERT INTO eb_avslut VALUES (?, ?, ?)",
            [(f"h{p}", _month(n - 1), r) for p, (_, n, r, _) in PERSONS.items() if r is not None],
        )
    return con


#: worked out by hand from PERSONS: τ → (work, other, still on bistånd), participants and comparison
#: participants: 3 women (T1 work at 3, T2 other at 10, T4 stays), 1 man (T3 studies at 1)
TREATED = {
    0: (F(0), F(0), F(1)),
    3: (F(2, 4), F(0), F(2, 4)),
    12: (F(2, 4), F(1, 4), F(1, 4)),
    24: (F(2, 4), F(1, 4), F(1, 4)),
}
#: comparison: women C1 work at 5, C2 other at 5, C3 stays; men C4 other at 0, C5 work at 12, C6 studies at 20;
#: three quarters of the participants are women, so the women's comparison mean counts ¾ and the men's ¼
#: (unweighted, the comparison would be 1/6 other at τ = 0 and 1/2 work at τ = 24)
COMPARISON = {
    0: (F(0), F(3, 4) * 0 + F(1, 4) * F(1, 3), F(11, 12)),
    3: (F(0), F(1, 12), F(11, 12)),
    12: (F(3, 4) * F(1, 3) + F(1, 4) * F(1, 3), F(3, 4) * F(1, 3) + F(1, 4) * F(1, 3), F(1, 3)),
    24: (F(3, 4) * F(1, 3) + F(1, 4) * F(2, 3), F(3, 4) * F(1, 3) + F(1, 4) * F(1, 3), F(1, 4)),
}


def test_the_hand_worked_table_is_a_partition() -> None:
    # each group is, at every τ, in exactly one of three states
    for table in (TREATED, COMPARISON):
        for work, other, still in table.values():
            assert work + other + still == 1


def test_indicators_per_row() -> None:
    panel = build_analysis_data(_store(True), "Jobbspår").panel
    first = panel[panel["u"] == 0].set_index("person")
    # T3's last payment is 2020-07 (τ = 1), reason studier: not ended at τ = 0, ended for studies from τ = 1
    assert [first.loc["T3", f"{WORK_OR_STUDIES}_{t}"] for t in (0, 1, 2)] == [0, 1, 1]
    assert first.loc["T3", f"{OTHER_EXIT}_24"] == 0
    # C2 ends at τ = 5 with no eb_avslut row: another exit
    assert [first.loc["C2", f"{OTHER_EXIT}_{t}"] for t in (4, 5)] == [0, 1]
    assert first.loc["C2", f"{WORK_OR_STUDIES}_24"] == 0
    # the outcome of its own is the τ = 12 point of the work curve
    assert (first[f"{WORK_OR_STUDIES}_12"] == first["arbete_studier_12"]).all()
    # a fixed window: C3's row in 2022-10 (u = 28) is known only through τ with 2022-10 + τ + 3 ≤ 2022-12
    c3 = panel[(panel["person"] == "C3") & (panel["u"] == 28)].iloc[0]
    assert c3.isna()[f"{OTHER_EXIT}_0"]
    c3 = panel[(panel["person"] == "C3") & (panel["u"] == 27)].iloc[0]
    assert c3[f"{OTHER_EXIT}_0"] == 0 and c3.isna()[f"{OTHER_EXIT}_1"]


def test_cumulative_incidence_per_group_and_effect() -> None:
    effect = analyse_insatstyp(_store(True), "Jobbspår", draws=5, threshold=0)
    exits = effect.exits.set_index(["orsak", "tau"])
    assert len(exits) == 2 * 25
    for tau in TREATED:
        for k, cause in enumerate((WORK_OR_STUDIES, OTHER_EXIT)):
            row = exits.loc[(cause, tau)]
            assert row["andel_deltagare"] == pytest.approx(float(TREATED[tau][k]), abs=1e-6), (cause, tau)
            assert row["andel_jamforelse"] == pytest.approx(float(COMPARISON[tau][k]), abs=1e-6), (cause, tau)
            assert row["skattning"] == pytest.approx(float(TREATED[tau][k] - COMPARISON[tau][k]), abs=1e-6)
            assert row["n_behandlade"] == 4
        # with the hand-worked share still on bistånd, the two cumulative incidences make up each group
        work, other = exits.loc[(WORK_OR_STUDIES, tau)], exits.loc[(OTHER_EXIT, tau)]
        for group, table in (("andel_deltagare", TREATED), ("andel_jamforelse", COMPARISON)):
            assert work[group] + other[group] + float(table[tau][2]) == pytest.approx(1.0, abs=1e-6)
    # the effect on work or studies at 12 months is the outcome of its own, with the same interval
    twelve = exits.loc[(WORK_OR_STUDIES, 12)]
    result = effect.results["arbete_studier_12"]
    assert (twelve["skattning"], twelve["ki_undre"], twelve["ki_ovre"]) == pytest.approx(
        (result.estimate, result.ci_low, result.ci_high), nan_ok=True
    )
    rows = effect.to_dict()["avslut_over_tid"]
    assert len(rows) == 50 and rows[0]["orsak"] == WORK_OR_STUDIES
    assert effect.to_dict()["avslut_saknas"] == ""


def test_without_eb_avslut_there_is_no_exit_curve_and_one_sentence() -> None:
    data = build_analysis_data(_store(False), "Jobbspår")
    assert data.exits == {} and "arbete_studier_12" not in data.panel.columns
    effect = analyse_insatstyp(_store(False), "Jobbspår", draws=2, threshold=0)
    assert effect.exits.empty
    assert effect.to_dict()["avslut_over_tid"] == []
    assert effect.to_dict()["avslut_saknas"] == NOTE_NO_EXIT_REASONS
    assert NOTE_NO_EXIT_REASONS.count(".") == 1 and "eb_avslut" in NOTE_NO_EXIT_REASONS


def test_drafted_sentence_per_cause() -> None:
    work = {"tau": 12, "andel_deltagare": 0.306, "andel_jamforelse": 0.22, "skattning": 0.086}
    assert exit_sentence(
        WORK_OR_STUDIES, {**work, "ki_undre": 0.012, "ki_ovre": 0.16}, "Jobbspår", "ej_annu_behandlade"
    ) == (
        "Efter 12 månader hade 31\u00a0% av deltagarna i Jobbspår lämnat biståndet för arbete eller studier, mot "
        "22\u00a0% av jämförbara personer som inte började just då: 9 procentenheter fler (95 % KI 1–16)."
    )
    other = {"tau": 24, "andel_deltagare": 0.43, "andel_jamforelse": 0.442, "skattning": -0.012}
    assert exit_sentence(
        OTHER_EXIT, {**other, "ki_undre": -0.08, "ki_ovre": 0.06}, "Praktik", "ingen_insats"
    ) == (
        "Efter 24 månader hade 43\u00a0% av deltagarna i Praktik lämnat biståndet av annat skäl, mot 44\u00a0% av "
        "jämförbara personer som inte fick någon insats: 1 procentenhet färre (95 % KI −8 till 6). Intervallet "
        "innehåller 0, så data kan inte skilja effekten från ingen effekt; det betyder inte att insatsen saknar "
        "effekt."
    )
    same = {"tau": 12, "andel_deltagare": 0.447, "andel_jamforelse": 0.445, "skattning": 0.002}
    assert exit_sentence(
        OTHER_EXIT, {**same, "ki_undre": -0.038, "ki_ovre": 0.042}, "Jobbspår", "ej_annu_behandlade"
    ) == (
        "Efter 12 månader hade 45\u00a0% av deltagarna i Jobbspår lämnat biståndet av annat skäl, mot 45\u00a0% "
        "av jämförbara personer som inte började just då: ingen skillnad (95 % KI −4 till 4). Intervallet "
        "innehåller 0, så data kan inte skilja effekten från ingen effekt; det betyder inte att insatsen saknar "
        "effekt."
    )


def test_a_month_resting_on_few_participants_shows_no_share() -> None:
    row = {"orsak": OTHER_EXIT, "tau": 24, "andel_deltagare": 0.5, "andel_jamforelse": 0.25, "skattning": 0.25,
           "ki_undre": 0.0, "ki_ovre": 0.5, "n_behandlade": 4}  # fmt: skip
    assert mask_json(row, 4) == {**row, **dict.fromkeys(ESTIMATE_COLUMNS), "n_behandlade": None}
    effect = analyse_insatstyp(_store(True), "Jobbspår", draws=2, threshold=3)
    assert effect.exits["skattning"].notna().all()  # four participants: above a threshold of 3
    assert len(effect.exit_sentences()) == 2


# ---- a simulation with a planted effect on each cause, through the report and the web page --------------------


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, StoreEffect, dict[str, np.ndarray]]:
    ws = create(tmp_path_factory.mktemp("avslut") / "ay")
    with ws.store().new_snapshot() as con:
        truth = make_store_with_exits(con, 4000, seed=11)
    with ws.store().connect() as con:
        effect = analyse_insatstyp(con, "Jobbspår", draws=40)
    return ws, effect, truth


@pytest.mark.slow
def test_each_cause_recovers_its_planted_effect_curve(planted) -> None:
    _, effect, truth = planted
    # the insats locks participants in for four months, then doubles their exit hazard and sends 80 % of the
    # exits after the lock-in to work (40 % without the insats): more leave for work, fewer for other reasons
    assert truth[WORK_OR_STUDIES][2] < 0 < truth[WORK_OR_STUDIES][12]
    assert truth[OTHER_EXIT][12] < 0
    for cause, true in truth.items():
        curve = effect.exits[effect.exits["orsak"] == cause].set_index("tau")
        inside = (curve["ki_undre"] < true) & (true < curve["ki_ovre"])
        assert inside.sum() >= 22, (cause, curve.assign(sann=true))  # 25 intervals of 95 %: the odd miss only
    work = effect.exits[effect.exits["orsak"] == WORK_OR_STUDIES].set_index("tau")
    other = effect.exits[effect.exits["orsak"] == OTHER_EXIT].set_index("tau")
    assert work.loc[2, "ki_ovre"] < 0 < work.loc[12, "ki_undre"]  # lock-in, then more to work or studies
    assert other.loc[12, "ki_ovre"] < 0  # and fewer for other reasons
    # each group's shares cannot add up to more than everyone
    assert ((work["andel_deltagare"] + other["andel_deltagare"]) <= 1).all()
    assert ((work["andel_jamforelse"] + other["andel_jamforelse"]) <= 1).all()


@pytest.mark.slow
def test_report_and_web_show_both_curves(planted, tmp_path: Path) -> None:
    ws, effect, _ = planted
    paths = write_effect_report(effect, ws.reports_dir, kommun="Kommunen", namnd="Nämnden")
    docx_path = next(p for p in paths if p.suffix == ".docx")
    document = docx.Document(str(docx_path))
    assert len(document.inline_shapes) == 2  # the no-payment curve and the competing-exit curves
    titles = {t.rows[0].cells[0].text for t in document.tables}
    assert "Månad efter start" in titles
    text = "\n".join(p.text for p in document.paragraphs)
    work = effect.exits[(effect.exits["orsak"] == WORK_OR_STUDIES) & (effect.exits["tau"] == 12)].iloc[0]
    # the drafted sentence: both groups' shares at 12 months and the effect in procentenheter
    assert (
        f"Efter 12 månader hade {fmt.percent(100 * work['andel_deltagare'], 0)} av deltagarna i Jobbspår "
        f"lämnat biståndet för arbete eller studier, mot {fmt.percent(100 * work['andel_jamforelse'], 0)}"
    ) in text
    assert f": {fmt.number(100 * work['skattning'], 0)} procentenheter fler (95 % KI" in text
    # a table per cause, in procentenheter, every third month; τ = 12 carries the effect above
    exit_tables = [t for t in document.tables if t.rows[0].cells[1].text == "Andel deltagare, %"]
    assert len(exit_tables) == 2
    months = [row.cells[0].text for row in exit_tables[0].rows[1:]]
    assert months == ["0", "3", "6", "9", "12", "15", "18", "21", "24"]
    row12 = exit_tables[0].rows[1 + months.index("12")]
    assert row12.cells[3].text == fmt.number(100 * work["skattning"], 1)
    for name in EXIT_NAMES.values():
        assert f"{name}, månad för månad efter start" in docx_path.with_suffix(".html").read_text("utf-8")
    html = docx_path.with_suffix(".html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 2
    saved = json.loads(docx_path.with_suffix(".json").read_text(encoding="utf-8"))
    assert len(saved["avslut_over_tid"]) == 50 and saved["avslut_saknas"] == ""
    # the web page and its JSON twin: the curves in procent and procentenheter, the sentences
    Users(WebDB.of(ws)).add("analytiker", "analytiker", PASSWORD, None)
    with TestClient(create_app(ws), base_url="http://testserver") as client:
        login(client, "analytiker")
        page = client.get("/effekter").text
        api = client.get("/api/effekter").json()
    [report] = api["rapporter"]
    assert [a["namn"] for a in report["avslut"]] == list(EXIT_NAMES.values())
    twelve = report["avslut"][0]["rader"][12]
    assert twelve["tau"] == 12 and twelve["skattning"] == pytest.approx(100 * work["skattning"])
    assert twelve["andel_deltagare"] == pytest.approx(100 * work["andel_deltagare"])
    for name in EXIT_NAMES.values():
        assert f"{name}, månad för månad efter start" in page
    assert html_escape(report["avslut_meningar"][0]) in page
    # the page's chart: a line and a band per cause; more to work (above the zero line, smaller y at τ = 12),
    # fewer for other reasons (below it)
    chart = report["avslut_diagram"]
    assert [k["namn"] for k in chart["kurvor"]] == ["Arbete eller studier", "Annat skäl"]
    assert page.count("<polyline") == 2 and page.count("<polygon") == 2
    at_12 = [float(k["linje"].split()[12].split(",")[1]) for k in chart["kurvor"]]
    assert at_12[0] < chart["noll_y"] < at_12[1]
    assert fmt.number(100 * work["skattning"], 1) in page


def test_report_without_eb_avslut_says_so_and_draws_one_chart(tmp_path: Path) -> None:
    effect = analyse_insatstyp(_store(False), "Jobbspår", draws=2, threshold=0)
    ws = create(tmp_path / "ay")
    paths = write_effect_report(effect, ws.reports_dir, kommun="Kommunen", namnd="Nämnden")
    docx_path = next(p for p in paths if p.suffix == ".docx")
    document = docx.Document(str(docx_path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert NOTE_NO_EXIT_REASONS in text
    assert len(document.inline_shapes) == 1
    assert not [t for t in document.tables if t.rows[0].cells[1].text == "Andel deltagare, %"]
    html = docx_path.with_suffix(".html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 1 and html_escape(NOTE_NO_EXIT_REASONS) in html
    Users(WebDB.of(ws)).add("analytiker", "analytiker", PASSWORD, None)
    with TestClient(create_app(ws), base_url="http://testserver") as client:
        login(client, "analytiker")
        page = client.get("/effekter").text
        [report] = client.get("/api/effekter").json()["rapporter"]
    assert report["avslut"] == [] and report["avslut_saknas"] == NOTE_NO_EXIT_REASONS
    assert html_escape(NOTE_NO_EXIT_REASONS) in page and "månad för månad efter start" not in page
