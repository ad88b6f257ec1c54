"""The quarterly report of non-executed decisions, on a hand-built set of decisions.

Quarter 2024-Q3: report day D = 2024-09-30, previous report day D0 = 2024-06-30.

| id | case | on D0 | on D |
|---|---|---|---|
| B1 | not executed, decided 2023-12-15 | reported | reported, 9 months (7-9), 290 days |
| B2 | decided 2024-06-28, executed 2024-09-27, the day before the three-month mark | – | – |
| B3 | decided 2024-06-28, executed 2024-10-01, just after the mark | – | reported, 3 months, 94 days |
| B4 | interrupted 2024-02-10, resumed 2024-08-15 | reported (avbrott) | resumed 2024-08-15 |
| B5 | interrupted 2024-05-02, not resumed | – | reported (avbrott), 4 months, 151 days |
| B6 | declined offer 2024-05-10, decided 2024-04-02 | – | still reported, 5 months, 181 days |
| B7 | closed without execution 2024-08-20, decided 2024-02-01 | reported | closed 2024-08-20 |
| B8 | executed 2024-07-10 after having been reported, decided 2024-01-15 | reported | executed 2024-07-10 |

Days: 2023-12-15 → 2024-09-30 = 16 + 274 = 290; 2024-06-28 → 09-30 = 2 + 31 + 31 + 30 = 94;
2024-05-02 → 09-30 = 29 + 30 + 31 + 31 + 30 = 151; 2024-04-02 → 09-30 = 28 + 31 + 30 + 31 + 31 + 30 = 181.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from uppfolj.errors import UppfoljError
from uppfolj.reports import ej_verkstallda
from uppfolj.reports.context import ReportContext
from uppfolj.workspace import Config

AR, SY = "Arbetsrehabilitering", "Sysselsättning"
REGISTER = {"p1": "K", "p2": "K", "p3": "M", "p4": "M", "p5": "K", "p6": "M", "p7": "K", "p8": "M"}
DECISIONS: list[dict[str, Any]] = [
    {
        "beslut_id": "B1",
        "person_id": "p1",
        "beslut_datum": "2023-12-15",
        "insatstyp": AR,
        "lagrum": "SoL 4:1",
    },
    {
        "beslut_id": "B2",
        "person_id": "p2",
        "beslut_datum": "2024-06-28",
        "insatstyp": AR,
        "verkstallt_datum": "2024-09-27",
    },
    {
        "beslut_id": "B3",
        "person_id": "p3",
        "beslut_datum": "2024-06-28",
        "insatstyp": AR,
        "verkstallt_datum": "2024-10-01",
    },
    {
        "beslut_id": "B4",
        "person_id": "p4",
        "beslut_datum": "2023-10-01",
        "insatstyp": SY,
        "verkstallt_datum": "2023-11-01",
        "avbrott_datum": "2024-02-10",
        "aterupptaget_datum": "2024-08-15",
    },
    {
        "beslut_id": "B5",
        "person_id": "p5",
        "beslut_datum": "2024-01-10",
        "insatstyp": SY,
        "verkstallt_datum": "2024-02-01",
        "avbrott_datum": "2024-05-02",
    },
    {
        "beslut_id": "B6",
        "person_id": "p6",
        "beslut_datum": "2024-04-02",
        "insatstyp": SY,
        "erbjudande_datum": "2024-05-10",
        "orsak": "Tackat nej till erbjudandet",
    },
    {
        "beslut_id": "B7",
        "person_id": "p7",
        "beslut_datum": "2024-02-01",
        "insatstyp": AR,
        "avslutat_datum": "2024-08-20",
    },
    {
        "beslut_id": "B8",
        "person_id": "p8",
        "beslut_datum": "2024-01-15",
        "insatstyp": AR,
        "verkstallt_datum": "2024-07-10",
    },
]

#: the counts on D worked out from the table above: (grupptyp, grupp) → (K, M, T)
COUNTS = {
    ("", ""): (2, 2, 4),
    ("insatstyp", AR): (1, 1, 2),  # B1 K, B3 M
    ("insatstyp", SY): (1, 1, 2),  # B5 K, B6 M
    ("typ", "ej_verkstallt"): (1, 2, 3),  # B1 K, B3 M, B6 M
    ("typ", "avbrott"): (1, 0, 1),  # B5 K
    ("tid", "3-6"): (1, 2, 3),  # B3 M, B5 K, B6 M
    ("tid", "7-9"): (1, 0, 1),  # B1 K
}


def fake_engine(hidden: set[tuple[str, str]]) -> Callable[..., pd.DataFrame]:
    """Stands in for the engine with the hand-worked counts; groups in `hidden` come back suppressed."""

    def compute(con: duckdb.DuckDBPyConnection, **kwargs: Any) -> pd.DataFrame:
        assert kwargs["publish"] is True and kwargs["periods"] == ["2024-Q3"]
        rows = []
        for (gt, g), values in COUNTS.items():
            for kon, v in zip("KMT", values, strict=True):
                hide = (gt, g) in hidden
                rows.append(
                    [
                        "sol_ej_verkstallda",
                        "2024-Q3",
                        kon,
                        gt,
                        g,
                        None if hide else float(v),
                        None,
                        None,
                        int(hide),
                    ]
                )
        cols = [
            "indikator",
            "period",
            "kon",
            "grupptyp",
            "grupp",
            "varde",
            "taljare",
            "namnare",
            "undertryckt",
        ]
        return pd.DataFrame(rows, columns=cols)

    return compute


@pytest.fixture
def con(store: Callable[..., duckdb.DuckDBPyConnection]) -> duckdb.DuckDBPyConnection:
    return store(REGISTER, sol_beslut=DECISIONS)


def _ctx(con: duckdb.DuckDBPyConnection, compute: Callable[..., pd.DataFrame] | None) -> ReportContext:
    return ReportContext(con, Config(kommun_namn="Testkommun"), "000007", dt.date(2024, 10, 5), compute)


def test_lists_one_by_one_and_resolved_since_last_quarter(con: duckdb.DuckDBPyConnection) -> None:
    _, data = ej_verkstallda.build(_ctx(con, fake_engine(set())), "2024-Q3")
    got = data.current[["beslut_id", "typ", "tid", "dagar"]].values.tolist()
    assert got == [
        ["B1", "ej_verkstallt", "7-9", 290],
        ["B6", "ej_verkstallt", "3-6", 181],
        ["B5", "avbrott", "3-6", 151],
        ["B3", "ej_verkstallt", "3-6", 94],
    ]
    resolved = data.resolved[["beslut_id", "utfall", "datum"]].values.tolist()
    assert resolved == [
        ["B8", "Verkställt", dt.date(2024, 7, 10)],
        ["B7", "Avslutat utan verkställighet", dt.date(2024, 8, 20)],
        ["B4", "Återupptaget efter avbrott", dt.date(2024, 8, 15)],
    ]


def test_documents_and_ivo_csv(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, read_docx: Any, read_xlsx: Any
) -> None:
    paths = ej_verkstallda.write(_ctx(con, fake_engine({("tid", "7-9")})), "2024-Q3", tmp_path)
    assert [p.name for p in paths] == [
        "ej-verkstallda-2024-Q3.docx",
        "ej-verkstallda-2024-Q3.xlsx",
        "ej-verkstallda-2024-Q3-ivo.csv",
    ]
    docx, xlsx = read_docx(paths[0]), read_xlsx(paths[1])
    # counts per insatstyp and sex, from the engine
    assert docx["Antal per insatstyp och kön"][1:] == [
        [AR, "1", "1", "2"],
        [SY, "1", "1", "2"],
        ["Totalt", "2", "2", "4"],
    ]
    assert xlsx["Antal per insatstyp och kön"][1:] == [[AR, 1, 1, 2], [SY, 1, 1, 2], ["Totalt", 2, 2, 4]]
    # the hidden band stays hidden in both documents, never 0
    band = "Antal efter tid sedan beslut eller avbrott (månader)"
    assert docx[band][1:] == [["3-6", "1", "2", "3"], ["7-9", "..", "..", ".."], ["Totalt", "2", "2", "4"]]
    assert xlsx[band][2] == ["7-9", "..", "..", ".."]
    # the list one by one: beslut_id, pseudonym, sex, insatstyp, lagrum, decision date, type, interruption,
    # days, offer date, reason
    listing = docx["Ej verkställda beslut per 2024-09-30, ett per rad"]
    assert listing[1] == ["B1", "P-P1", "K", AR, "SoL 4:1", "2023-12-15", "Ej verkställt", "", "290", "", ""]
    assert listing[2] == [
        "B6",
        "P-P6",
        "M",
        SY,
        "",
        "2024-04-02",
        "Ej verkställt",
        "",
        "181",
        "2024-05-10",
        "Tackat nej till erbjudandet",
    ]
    assert listing[3][6:9] == ["Avbrott", "2024-05-02", "151"]
    assert [r[0] for r in listing[1:]] == ["B1", "B6", "B5", "B3"]
    resolved = docx["Beslut rapporterade per 2024-06-30 som sedan verkställts eller avslutats"]
    assert [(r[0], r[6], r[7]) for r in resolved[1:]] == [
        ("B8", "Verkställt", "2024-07-10"),
        ("B7", "Avslutat utan verkställighet", "2024-08-20"),
        ("B4", "Återupptaget efter avbrott", "2024-08-15"),
    ]
    with open(paths[2], encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert [(r["beslut_id"], r["status"], r["status_datum"]) for r in rows] == [
        ("B1", "ej_verkstallt", ""),
        ("B6", "ej_verkstallt", ""),
        ("B5", "avbrott", ""),
        ("B3", "ej_verkstallt", ""),
        ("B8", "verkstallt", "2024-07-10"),
        ("B7", "avslutat", "2024-08-20"),
        ("B4", "aterupptaget", "2024-08-15"),
    ]
    assert rows[2]["avbrottsdatum"] == "2024-05-02" and rows[0]["dagar"] == "290"


def test_quarter_after_the_data_end_is_refused(con: duckdb.DuckDBPyConnection) -> None:
    # the latest date in sol_beslut is B3's execution 2024-10-01, before 2024-Q4 ends (2024-12-31)
    with pytest.raises(UppfoljError, match="når bara till 2024-10-01"):
        ej_verkstallda.build(_ctx(con, fake_engine(set())), "2024-Q4")


def test_not_a_quarter_is_a_swedish_error(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(UppfoljError, match="ÅÅÅÅ-QN"):
        ej_verkstallda.build(_ctx(con, fake_engine(set())), "2024-09")


def test_counts_equal_the_real_engine(con: duckdb.DuckDBPyConnection, tmp_path: Path, read_docx: Any) -> None:
    catalogue = pytest.importorskip("uppfolj.indicators.catalogue")
    if "sol_ej_verkstallda" not in catalogue.CATALOGUE:
        pytest.skip("sol_ej_verkstallda has not landed in the indicator catalogue")
    for threshold in (0, 4):
        ctx = ReportContext(con, Config(smatal_grans=threshold), "000007", dt.date(2024, 10, 5))
        paths = ej_verkstallda.write(ctx, "2024-Q3", tmp_path / str(threshold))
        table = read_docx(paths[0])["Antal per insatstyp och kön"]
        if threshold == 0:
            assert table[1:] == [[AR, "1", "1", "2"], [SY, "1", "1", "2"], ["Totalt", "2", "2", "4"]]
        else:  # every count is 1-4: hidden
            assert all(cell == ".." for row in table[1:] for cell in row[1:])
