"""Ej verkställda beslut, both products, on a hand-built set of decisions.

Quarter 2024-Q3: report day D = 2024-09-30, previous report day D0 = 2024-06-30. Whole months m from the
decision (or interruption) to D; bands 3–6 (3 ≤ m < 6), 6–12 (6 ≤ m < 12), 12 or more.

| id | person, sex | insatstyp | case | on D0 | on D |
|---|---|---|---|---|---|
| D-101 | 1 K | AR | decided 2023-12-15, code ingen_ledig_plats | reported | ej, m = 9 → 6–12 (290 days) |
| D-102 | 2 K | AR | decided 2024-06-28, executed 2024-09-27 (before the mark) | – | – |
| D-103 | 3 M | AR | decided 2024-06-28, executed 2024-10-01, no code | – | ej, m = 3 → 3–6 (94 days) |
| D-104 | 4 M | SY | interrupted 2024-02-10, resumed 2024-08-15 | reported (avbrott) | resumed |
| D-105 | 5 K | SY | interrupted 2024-05-02, code vantar_underlag | – | avbrott, m = 4 → 3–6 (151 days) |
| D-106 | 6 M | SY | decided 2024-04-02, offer 2024-05-10 declined, tackat_nej | – | ej, m = 5 → 3–6 (181 days) |
| D-107 | 7 K | AR | decided 2024-02-01, closed 2024-08-20 | reported | closed |
| D-108 | 8 M | AR | decided 2024-01-15, executed 2024-07-10 | reported | executed |
| D-109 | 9 K | AR | decided 2023-06-20, ingen_ledig_plats | reported (m = 12) | ej, m = 15 → 12+ |
| D-110 | 10 K | AR | decided 2024-03-05, personalbrist | reported (m = 3) | ej, m = 6 → 6–12 |
| D-111 | 11 M | AR | decided 2024-05-20, offer 2024-06-10, tackat_nej | – | ej, m = 4 → 3–6 |
| D-112 | 12 K | AR | decided 2024-04-30, uteblivit | – | ej, m = 5 → 3–6 (30 ≤ 30) |

On D: eight decisions. AR ej: 3–6 D-103, D-111, D-112 = 3; 6–12 D-101, D-110 = 2; 12+ D-109 = 1 (6).
SY ej: D-106 3–6 (1). SY avbrott: D-105 3–6 (1). Bands 5 / 2 / 1.
Sex: AR K 4 (101, 109, 110, 112), M 2 (103, 111); SY K 1 (105), M 1 (106); total K 5, M 3.
Reasons: resursbrist 3 (101, 109, 110), tackat nej 2 (106, 111), uteblivit 1, underlag 1, not given 1.
On D0: 101, 104, 107, 108, 109, 110 (six); since then 108 executed, 104 resumed, 107 closed; new on D:
103, 105, 106, 111, 112 (five): 6 − 3 + 5 = 8.
"""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pytest

from uppfolj.contract import SOL_ORSAKSKODER
from uppfolj.errors import UppfoljError
from uppfolj.personref import person_ref
from uppfolj.reports.context import ReportContext
from uppfolj.reports.ej_verkstallda import make as ej_verkstallda
from uppfolj.reports.ej_verkstallda import reasons
from uppfolj.workspace import Config

AR, SY = "Arbetsrehabilitering", "Sysselsättning"


def pid(i: int) -> str:
    """A pseudonym shaped like the store's (hex), distinct enough to scan documents for."""
    return f"{i:02d}f3a9c1e7b5d2{i:02d}"


SEX = {1: "K", 2: "K", 3: "M", 4: "M", 5: "K", 6: "M", 7: "K", 8: "M", 9: "K", 10: "K", 11: "M", 12: "K"}
REGISTER = {pid(i): kon for i, kon in SEX.items()}


def _d(i: int, insatstyp: str, beslut: str, **more: str) -> dict[str, Any]:
    return {
        "beslut_id": f"D-{100 + i}",
        "person_id": pid(i),
        "beslut_datum": beslut,
        "insatstyp": insatstyp,
        **more,
    }


DECISIONS: list[dict[str, Any]] = [
    _d(1, AR, "2023-12-15", lagrum="SoL 4:1", orsakskod="ingen_ledig_plats", orsak="Ingen plats hos AME"),
    _d(2, AR, "2024-06-28", verkstallt_datum="2024-09-27"),
    _d(3, AR, "2024-06-28", verkstallt_datum="2024-10-01"),
    _d(4, SY, "2023-10-01", verkstallt_datum="2023-11-01", avbrott_datum="2024-02-10", aterupptaget_datum="2024-08-15"),
    _d(5, SY, "2024-01-10", verkstallt_datum="2024-02-01", avbrott_datum="2024-05-02", orsakskod="vantar_underlag"),
    _d(6, SY, "2024-04-02", erbjudande_datum="2024-05-10", orsakskod="tackat_nej", orsak="Tackade nej"),
    _d(7, AR, "2024-02-01", avslutat_datum="2024-08-20"),
    _d(8, AR, "2024-01-15", verkstallt_datum="2024-07-10"),
    _d(9, AR, "2023-06-20", orsakskod="ingen_ledig_plats"),
    _d(10, AR, "2024-03-05", orsakskod="personalbrist"),
    _d(11, AR, "2024-05-20", erbjudande_datum="2024-06-10", orsakskod="tackat_nej"),
    _d(12, AR, "2024-04-30", orsakskod="uteblivit"),
]  # fmt: skip

#: decided on D and executed the day after: never reported; brings the data end past D for small stores
LATE = _d(13, AR, "2024-09-30", verkstallt_datum="2024-10-02")

#: the counts on D worked out from the table above: (insatstyp, typ) → (3–6, 6–12, 12+)
LEGAL = {(AR, "Ej verkställt beslut"): (3, 2, 1), (SY, "Ej verkställt beslut"): (1, 0, 0), (SY, "Avbrott i verkställigheten"): (1, 0, 0)}  # fmt: skip
BANDS = ("3–6 månader", "6–12 månader", "12 månader eller mer")
REPORTED = {"D-101", "D-103", "D-105", "D-106", "D-109", "D-110", "D-111", "D-112"}
RESOLVED = {
    "D-104": "Återupptaget efter avbrott",
    "D-107": "Avslutat utan verkställighet",
    "D-108": "Verkställt",
}


@pytest.fixture
def con(store: Callable[..., duckdb.DuckDBPyConnection]) -> duckdb.DuckDBPyConnection:
    return store(REGISTER, sol_beslut=DECISIONS)


def _ctx(con: duckdb.DuckDBPyConnection, threshold: int = 2) -> ReportContext:
    config = Config(kommun_namn="Testkommun", kommun_kod="0999", smatal_grans=threshold)
    return ReportContext(con, config, "000007", dt.date(2024, 10, 5))


def _docx_text(path: Path) -> str:
    """Every XML part of the document (body, headers, footers, properties) as one text."""
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def _xlsx_values(path: Path) -> list[Any]:
    wb = openpyxl.load_workbook(path)
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def _person_dates() -> set[dt.date]:
    cols = ("beslut_datum", "erbjudande_datum", "verkstallt_datum", "avbrott_datum", "aterupptaget_datum", "avslutat_datum")  # fmt: skip
    return {dt.date.fromisoformat(d[c]) for d in DECISIONS for c in cols if d.get(c)}


def _long(day: dt.date) -> str:
    months = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ]
    return f"{day.day} {months[day.month - 1]} {day.year}"


def test_committee_report_has_no_decision_person_or_date(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    products = ej_verkstallda.write_products(_ctx(con), "2024-Q3", tmp_path)
    docx, xlsx = products.committee
    assert (docx.name, xlsx.name) == ("ej-verkstallda-2024-Q3.docx", "ej-verkstallda-2024-Q3.xlsx")
    text = _docx_text(docx) + "\n" + _docx_text(xlsx)  # the XLSX is a zip of XML parts too
    values = _xlsx_values(xlsx)
    for d in DECISIONS:
        for needle in (d["beslut_id"], d["person_id"], person_ref(d["person_id"]), d.get("orsak")):
            if needle:
                assert needle not in text, needle
                assert not any(needle in str(v) for v in values), needle
    # the one date taken from the decisions that is printed is the data end under the source (the latest
    # date in sol_beslut, D-103's execution 2024-10-01): it says how far the data reach, not whose or what
    for day in _person_dates() - {dt.date(2024, 10, 1)}:
        assert day.isoformat() not in text and _long(day) not in text, day
        assert not any(isinstance(v, dt.datetime) and v.date() == day for v in values), day
    # the worklist lies apart, in its own folder, and neither document names it
    assert all(p.parent == tmp_path / "sekretess" for p in products.worklist)
    assert "arbetslista" not in text.lower()


def test_worklist_holds_every_decision_marked_confidential(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    products = ej_verkstallda.write_products(_ctx(con), "2024-Q3", tmp_path)
    xlsx, csv_path = products.worklist
    assert xlsx.name == "ej-verkstallda-2024-Q3-SEKRETESS-arbetslista.xlsx"
    assert csv_path.name == "ej-verkstallda-2024-Q3-SEKRETESS-arbetslista.csv"
    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert {r["Beslut-id"] for r in rows} == REPORTED | set(RESOLVED)
    assert {
        r["Beslut-id"]: r["Läge vid kvartalets slut"] for r in rows if r["Beslut-id"] in RESOLVED
    } == RESOLVED
    assert {r["Kvartal"] for r in rows} == {"2024-Q3"} and {r["Kommunkod"] for r in rows} == {"0999"}
    d106 = next(r for r in rows if r["Beslut-id"] == "D-106")
    assert d106 == {
        "Kvartal": "2024-Q3",
        "Kommunkod": "0999",
        "Beslut-id": "D-106",
        "Person (pseudonym)": "P-06F3A-9C1E7",
        "Kön": "Man",
        "Insatstyp": SY,
        "Lagrum": "",
        "Beslutsdatum": "2024-04-02",
        "Typ": "Ej verkställt beslut",
        "Avbrottsdatum": "",
        "Tid sedan beslut eller avbrott": "3–6 månader",
        "Dagar": "181",  # 2024-04-02 → 09-30: 28 + 31 + 30 + 31 + 31 + 30
        "Erbjudandedatum": "2024-05-10",
        "Orsak": "Den enskilde har tackat nej till erbjudandet",
        "Orsakskategori": "Den enskilde har tackat nej till erbjuden insats",
        "Orsak, fritext": "Tackade nej",
        "Läge vid kvartalets slut": "Ej verkställt",
        "Datum för verkställighet eller avslut": "",
    }
    d105 = next(r for r in rows if r["Beslut-id"] == "D-105")
    assert (d105["Typ"], d105["Avbrottsdatum"], d105["Dagar"], d105["Kön"]) == (
        "Avbrott i verkställigheten",
        "2024-05-02",
        "151",  # 2024-05-02 → 09-30: 29 + 30 + 31 + 31 + 30
        "Kvinna",
    )
    # the XLSX: the marking on top and in the printed header, the same rows, real dates and numbers
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["Arbetslista"]
    assert ws["A1"].value == "SEKRETESS – Sekretess enligt 26 kap. 1 § OSL"
    assert "SEKRETESS – Sekretess enligt 26 kap. 1 § OSL" in ws.oddHeader.left.text
    assert ws.freeze_panes == "A6"
    header = [c.value for c in ws[5]]
    assert header == list(rows[0])
    listed = [[c.value for c in r] for r in ws.iter_rows(min_row=6)]
    assert {r[2] for r in listed} == REPORTED | set(RESOLVED)
    row106 = next(r for r in listed if r[2] == "D-106")
    assert row106[7] == dt.datetime(2024, 4, 2) and row106[11] == 181


def _committee_counts(docx_table: list[list[str]]) -> dict[tuple[str, str], tuple[int, int, int]]:
    return {(r[0], r[1]): (int(r[2]), int(r[3]), int(r[4])) for r in docx_table[1:] if r[0] != "Totalt"}


def test_both_products_give_the_hand_worked_counts(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, read_docx: Any, read_xlsx: Any
) -> None:
    products = ej_verkstallda.write_products(_ctx(con), "2024-Q3", tmp_path)
    docx, xlsx = read_docx(products.committee[0]), read_xlsx(products.committee[1])
    title = "Antal beslut per insatstyp och tid sedan beslutet"
    assert docx[title][0] == ["Insatstyp", "Typ", *BANDS, "Totalt"]
    assert _committee_counts(docx[title]) == LEGAL
    assert docx[title][-1] == ["Totalt", "", "5", "2", "1", "8"]
    assert [r[2:] for r in xlsx[title][1:]] == [[3, 2, 1, 6], [1, 0, 0, 1], [1, 0, 0, 1], [5, 2, 1, 8]]
    # the worklist's rows still reported on D, counted the same way
    with open(products.worklist[1], encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter=";") if r["Tid sedan beslut eller avbrott"]]
    tally = Counter((r["Insatstyp"], r["Typ"], r["Tid sedan beslut eller avbrott"]) for r in rows)
    from_list = {
        key: tuple(tally[(*key, band)] for band in BANDS)
        for key in {(r["Insatstyp"], r["Typ"]) for r in rows}
    }
    assert from_list == LEGAL and len(rows) == 8
    # movement since the previous report
    assert docx["Förändring sedan förra rapporteringen"][1:] == [
        ["Rapporterade per 2024-06-30", "6"],
        ["– därav verkställda", "1"],
        ["– därav återupptagna efter avbrott", "1"],
        ["– därav avslutade utan verkställighet", "1"],
        ["Tillkomna under kvartalet", "5"],
        ["Rapporterade per 2024-09-30", "8"],
    ]


def test_small_required_counts_shown_sex_and_reason_protected(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, read_docx: Any
) -> None:
    # threshold 2: counts 1–2 are hidden where röjandeskydd applies
    paths = ej_verkstallda.write(_ctx(con, threshold=2), "2024-Q3", tmp_path)
    docx = read_docx(paths[0])
    # the required counts: 1s shown as they are
    assert docx["Antal beslut per insatstyp och tid sedan beslutet"][2] == [
        SY,
        "Ej verkställt beslut",
        "1",
        "0",
        "0",
        "1",
    ]
    # sex: AR M = 2 hidden, so AR K (4) too, as the AR total is shown; SY 1 and 1 hidden; K 5, M 3 shown
    assert docx["Antal beslut per insatstyp och kön"][1:] == [
        [AR, "..", "..", "6"],
        [SY, "..", "..", "2"],
        ["Totalt", "5", "3", "8"],
    ]
    # reasons: only resursbrist (3) above the threshold; the four small ones hidden
    assert docx["Antal beslut per orsak"][1:] == [
        ["Den enskilde har tackat nej till erbjuden insats", ".."],
        ["Den enskilde har inte kommit till inbokad tid", ".."],
        ["Resursbrist", "3"],
        ["Väntar på underlag, till exempel läkarintyg", ".."],
        ["Orsak inte angiven", ".."],
        ["Totalt", "8"],
    ]


def test_one_reason_alone_is_not_named(
    store: Callable[..., duckdb.DuckDBPyConnection], read_docx: Any, tmp_path: Path
) -> None:
    # two decisions, both declined offers: the category alone would tell why each one waits
    con = store(REGISTER, sol_beslut=[DECISIONS[5], DECISIONS[10], LATE])
    paths = ej_verkstallda.write(_ctx(con, threshold=2), "2024-Q3", tmp_path)
    docx = read_docx(paths[0])
    assert docx["Antal beslut per orsak"][1:] == [
        ["Orsakerna redovisas inte (röjandeskydd)", ".."],
        ["Totalt", "2"],
    ]
    analysis = ej_verkstallda.build(_ctx(con, threshold=2), "2024-Q3")[0].sections[0].blocks[1].text
    assert (
        "tackat nej" not in analysis and "Antalen per orsak redovisas inte av röjandeskyddsskäl." in analysis
    )


def _analysis(con: duckdb.DuckDBPyConnection, threshold: int) -> Any:
    report, _ = ej_verkstallda.build(_ctx(con, threshold), "2024-Q3")
    [paragraph] = [b for s in report.sections for b in s.blocks if getattr(b, "key", "") == "ejv.analys"]
    return paragraph.text


def test_drafted_analysis_equals_the_hand_written_text(con: duckdb.DuckDBPyConnection) -> None:
    common = (
        "Arbetsmarknadsnämnden redovisar per den 30 september 2024 åtta ej verkställda beslut enligt "
        "socialtjänstlagen, varav ett avser avbrott i verkställigheten. Besluten avser arbetsrehabilitering "
        "(sex beslut) och sysselsättning (två beslut). Tiden sedan beslutet eller avbrottet är 3–6 månader "
        "för fem beslut, 6–12 månader för två och 12 månader eller mer för ett. "
    )
    since = (
        " Per den 30 juni 2024 rapporterades sex beslut. Av dem har ett verkställts, ett återupptagits efter "
        "avbrott och ett avslutats utan att verkställas. Under kvartalet har fem beslut tillkommit."
    )
    assert _analysis(con, 2) == (
        common
        + "För tre beslut beror dröjsmålet på resursbrist (ingen ledig plats eller brist på personal). "
        "Därutöver finns beslut med orsaken ”Den enskilde har tackat nej till erbjuden insats”, ”Den enskilde "
        "har inte kommit till inbokad tid”, ”Väntar på underlag, till exempel läkarintyg” och ”Orsak inte "
        "angiven”; antalen redovisas inte av röjandeskyddsskäl." + since
    )
    # without röjandeskydd (threshold 0) every reason is counted, largest first, then in category order
    assert _analysis(con, 0) == (
        common
        + "För tre beslut beror dröjsmålet på resursbrist (ingen ledig plats eller brist på personal), "
        "för två har den enskilde erbjudits insatsen men tackat nej, för ett har den enskilde inte kommit till "
        "inbokad tid, för ett väntar förvaltningen på underlag (till exempel läkarintyg) och för ett är "
        "orsaken inte angiven." + since
    )


def test_quarter_without_decisions(store: Callable[..., duckdb.DuckDBPyConnection]) -> None:
    # only D-102 (executed before the mark), D-108 (reported on D0, executed 2024-07-10) and LATE
    con = store(REGISTER, sol_beslut=[DECISIONS[1], DECISIONS[7], LATE])
    assert _analysis(con, 2) == (
        "Arbetsmarknadsnämnden har per den 30 september 2024 inga ej verkställda beslut att rapportera enligt "
        "socialtjänstlagen. Per den 30 juni 2024 rapporterades ett beslut. Av dem har ett verkställts. "
        "Inga nya beslut har tillkommit under kvartalet."
    )


def test_every_contract_code_has_a_category() -> None:
    assert {c for cat in reasons.CATEGORIES for c in cat.codes} == set(SOL_ORSAKSKODER)
    assert reasons.category_of(None) is reasons.NOT_GIVEN and reasons.category_of("") is reasons.NOT_GIVEN


def test_quarter_after_the_data_end_is_refused(con: duckdb.DuckDBPyConnection) -> None:
    # the latest date in sol_beslut is D-103's execution 2024-10-01, before 2024-Q4 ends (2024-12-31)
    with pytest.raises(UppfoljError, match="når bara till 2024-10-01"):
        ej_verkstallda.build(_ctx(con), "2024-Q4")


def test_not_a_quarter_is_a_swedish_error(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(UppfoljError, match="ÅÅÅÅ-QN"):
        ej_verkstallda.build(_ctx(con), "2024-09")


def test_counts_equal_the_indicator_engine(con: duckdb.DuckDBPyConnection) -> None:
    from uppfolj.indicators import compute

    frame = compute(
        con, periods=["2024-Q3"], indicators=["sol_ej_verkstallda"], config=Config(), publish=False
    )
    t = frame[frame["kon"] == "T"]
    got = {(g, str(v)): int(n) for g, v, n in zip(t["grupptyp"], t["grupp"], t["varde"], strict=True)}
    # the engine's own bands (3-6 includes m = 6): D-110 (m = 6) is in 3-6 there, 6–12 in the report
    assert got[("", "")] == 8 and got[("insatstyp", AR)] == 6 and got[("insatstyp", SY)] == 2
    assert got[("typ", "avbrott")] == 1 and got[("typ", "ej_verkstallt")] == 7
    _, data = ej_verkstallda.build(_ctx(con), "2024-Q3")
    assert set(data.current["beslut_id"]) == REPORTED


def test_reason_code_accepted_as_its_swedish_text() -> None:
    from uppfolj.contract import SOL_BESLUT
    from uppfolj.importing.convert import code_map
    from uppfolj.text import normalise_header

    mapping = code_map(SOL_BESLUT.column("orsakskod"))
    assert mapping[normalise_header("Den enskilde har inte kommit till inbokad tid")] == "uteblivit"
    assert mapping[normalise_header("tackat_nej")] == "tackat_nej"


def test_old_store_without_reason_codes(
    store: Callable[..., duckdb.DuckDBPyConnection], tmp_path: Path
) -> None:
    con = store(REGISTER, sol_beslut=DECISIONS)
    con.execute("ALTER TABLE sol_beslut DROP COLUMN orsakskod")
    _, data = ej_verkstallda.build(_ctx(con), "2024-Q3")
    assert set(data.current["orsakskod"].map(lambda c: reasons.category_of(c).key)) == {"ej_angiven"}
    assert "För åtta beslut är orsaken inte angiven." in _analysis(con, 0)


def test_cli_says_which_product_is_which(
    tmp_path: Path,
    fill_store: Callable[..., None],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from uppfolj import workspace
    from uppfolj.cli import main

    ws = workspace.create(tmp_path / "ws")
    with ws.store().new_snapshot(copy_from_current=True) as snap:
        fill_store(snap, REGISTER, sol_beslut=DECISIONS)
    monkeypatch.setenv("COLUMNS", "200")
    main(["rapport", "ej-verkstallda", "--kvartal", "2024-Q3", "-a", str(ws.root)])
    out = capsys.readouterr().out.splitlines()
    public = out.index(
        "Nämndrapport till nämnden och kommunfullmäktige (offentlig, kan läggas i protokollet):"
    )
    secret = next(i for i, line in enumerate(out) if line.startswith("Arbetslista, en rad per beslut"))
    assert "Sekretess enligt 26 kap. 1 § OSL" in out[secret]
    folder = ws.root / "rapporter"
    assert [line.strip() for line in out[public + 1 : secret]] == [
        str(folder / "ej-verkstallda-2024-Q3.docx"),
        str(folder / "ej-verkstallda-2024-Q3.xlsx"),
    ]
    assert [line.strip() for line in out[secret + 1 :]] == [
        str(folder / "sekretess" / "ej-verkstallda-2024-Q3-SEKRETESS-arbetslista.xlsx"),
        str(folder / "sekretess" / "ej-verkstallda-2024-Q3-SEKRETESS-arbetslista.csv"),
    ]
