"""The `utfall` analysis table: by hand on the conftest store, and end to end through import, CLI and effekt."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest
import typer
from typer.testing import CliRunner

from tests.importing.helpers import do_import, make_pnr, write_csv
from uppfolj import workspace
from uppfolj.bip.outcome import outcome_table
from uppfolj.cli import bip_cmd, effekt_cmd, swedish
from uppfolj.errors import UppfoljError


def test_outcome_table_by_hand(con: duckdb.DuckDBPyConnection) -> None:
    frame = outcome_table(con, insatstyp="jobbspar", indikator="Motivation")
    rows = {r["person_id"]: r for r in frame.to_dict("records")}
    # D has one measurement: no change, not in the table
    assert sorted(rows) == ["A", "B", "C", "E"]
    # treatment = a Jobbspår insats overlapping [first, latest measurement]:
    # A i1 2025-01-01..06-30 overlaps Jan 10..Jul 10; B i4 starts Mar 1, before B's latest (May 1);
    # C i5 starts on C's first measurement; E has none
    assert {p: rows[p]["behandling"] for p in rows} == {"A": 1, "B": 1, "C": 1, "E": 0}
    assert {p: rows[p]["forandring"] for p in rows} == {"A": 1.0, "B": 2.0, "C": -2.0, "E": 0.0}
    # age = 2025 − birth year (1990, 1985, 1970, 1995)
    assert {p: rows[p]["alder"] for p in rows} == {"A": 35, "B": 40, "C": 55, "E": 30}
    assert {p: rows[p]["kvinna"] for p in rows} == {"A": 1, "B": 1, "C": 0, "E": 1}
    # no personer table: education unknown for all; no bistand_manad: 0 months
    assert set(frame["utb_okand"]) == {1} and set(frame["eb_manader_fore"]) == {0}


def test_unknown_insatstyp_or_indicator(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(UppfoljError, match="Insatstyper som finns: Jobbspår, Praktik, Studier"):
        outcome_table(con, insatstyp="Lönebidrag", indikator="motivation")
    with pytest.raises(UppfoljError, match="Indikatorer som finns: halsa, motivation"):
        outcome_table(con, insatstyp="Jobbspår", indikator="ekonomi")


def _app() -> typer.Typer:
    swedish.install()
    app = typer.Typer()
    bip_cmd.register(app)
    effekt_cmd.register(app)
    return app


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(_app(), args)
    assert result.exit_code == 0, (result.stdout, result.exception)
    return result.stdout


def _people() -> list[str]:
    """12 persons born 1980..1991; serial digit odd → man, even → woman, alternating."""
    return [make_pnr(dt.date(1980 + i, 3, 1), 10 * i + (1 if i % 2 else 2)) for i in range(12)]


def test_utfall_feeds_the_effect_estimator(tmp_path: Path) -> None:
    ws = workspace.create(tmp_path / "ws")
    export = tmp_path / "export"
    export.mkdir()
    people = _people()
    bip = [["personnummer", "matdatum", "indikator", "varde"]]
    insatser = [["insats_id", "personnummer", "insatstyp", "enhet", "start_datum"]]
    for i, pnr in enumerate(people):
        treated = i % 4 in (0, 1)  # 0, 1, 4, 5, 8, 9: both sexes, ages interleaved with the others
        bip.append([pnr, "2025-01-15", "Motivation", "2"])
        bip.append([pnr, "2025-06-01", "Motivation", "4" if treated else "2"])  # treated +2, others 0
        if treated:
            insatser.append([f"j{i}", pnr, "Jobbspår", "Verkstan", "2025-02-01"])
        elif i < 4:  # Jobbspår only after the latest measurement: not treated
            insatser.append([f"s{i}", pnr, "Jobbspår", "Verkstan", "2025-09-01"])
        else:
            insatser.append([f"p{i}", pnr, "Praktik", "Caféet", "2025-02-01"])
    write_csv(export, "bip.csv", bip)
    write_csv(export, "insatser.csv", insatser)
    write_csv(
        export, "personer.csv", [["personnummer", "utbildningsniva"], [people[1], "3"], [people[2], "6"]]
    )
    # person 0's ekonomiskt bistånd: the 12 months before January 2025 are 2024-01..2024-12, so
    # 2023-12 and 2025-01 are outside, 2024-01 and 2024-06 (sökande) and 2024-07 (medsökande) inside → 3
    eb = [["hushall_id", "manad", "sokande_personnummer", "medsokande_personnummer", "antal_barn", "belopp"]]
    for month in ("2023-12", "2024-01", "2024-06", "2025-01"):
        eb.append(["h1", month, people[0], "", "0", "5000"])
    eb.append(["h2", "2024-07", people[3], people[0], "0", "5000"])
    write_csv(export, "bistand_manad.csv", eb)
    assert do_import(ws, export).rejected == 0

    out = tmp_path / "utfall.csv"
    args = ["--indikator", "motivation", "--ut", str(out), "--arbetsyta", str(ws.root)]
    printed = _run(["bip", "utfall", "--insatstyp", "Jobbspår", *args])
    assert "12 personer" in printed and "varav 6 deltog" in printed
    text = out.read_text(encoding="utf-8-sig").splitlines()
    header = text[0].split(";")
    rows = [dict(zip(header, line.split(";"), strict=True)) for line in text[1:]]
    assert sorted(int(r["behandling"]) for r in rows) == [0] * 6 + [1] * 6
    # persons are named by the printed reference, never by a number that could be a personnummer
    assert header[0] == "person" and all(r["person"].startswith("P-") for r in rows)
    # person 0: 3 months (above); person 3, sökande of h2 in 2024-07: 1 month; everybody else none
    assert sorted(r["eb_manader_fore"] for r in rows) == ["0"] * 10 + ["1", "3"]
    assert sorted(r["utb_gymnasial"] + r["utb_eftergymnasial"] + r["utb_okand"] for r in rows) == (
        ["001"] * 10 + ["010", "100"]
    )
    ages = sorted(int(r["alder"]) for r in rows)
    assert ages == list(range(34, 46))  # 2025 − 1991 .. 2025 − 1980

    result = json.loads(
        _run(
            [
                "effekt",
                "fil",
                str(out),
                "--behandling",
                "behandling",
                "--utfall",
                "forandring",
                "--kovariater",
                "alder,kvinna",
                # no caliper: the default 0,2 SD of the score's logit matches none of twelve hand-made
                # persons; this test is about the file feeding the estimator
                "--caliper",
                "0",
                "--format",
                "json",
            ]
        )
    )
    # every treated person changed +2 and every comparison person 0, so any matching gives ATT 2
    assert result["skattning"] == pytest.approx(2.0)
    # all six treated are matched; n_jamforelse counts the distinct comparison persons used (with replacement)
    assert result["n_behandlade"] == 6 and 1 <= result["n_jamforelse"] <= 6


def test_progression_cli_table_and_csv(tmp_path: Path) -> None:
    ws = workspace.create(tmp_path / "ws")
    export = tmp_path / "export"
    export.mkdir()
    people = _people()[:3]
    rows = [["personnummer", "matdatum", "indikator", "varde"]]
    for pnr, (first, last) in zip(people, [("2", "4"), ("3", "3"), ("1", "2,5")], strict=True):
        rows += [[pnr, "2025-01-15", "Hälsa", first], [pnr, "2025-04-15", "Hälsa", last]]
    write_csv(export, "bip.csv", rows)
    do_import(ws, export)
    csv = _run(["bip", "progression", "--arbetsyta", str(ws.root), "--format", "csv"])
    lines = csv.splitlines()
    assert lines[0] == "indikator;matt;kon;grupptyp;grupp;varde;taljare;namnare;undertryckt"
    # T: changes +2, 0, +1.5 → mean 3.5 / 3 = 1,1666..., improved 2 of 3 = 66,66...%
    t_mean = next(line for line in lines if line.startswith("halsa;medelforandring;T;"))
    assert t_mean.startswith("halsa;medelforandring;T;;;1,1666")
    table = _run(["bip", "progression", "--arbetsyta", str(ws.root), "--publicering"])
    # with smatal_grans 4, three persons are hidden: the table shows .. and never the counts
    assert "BIP: halsa" in table and ".." in table


def test_progression_cli_unknown_indicator(tmp_path: Path) -> None:
    ws = workspace.create(tmp_path / "ws")
    export = tmp_path / "export"
    export.mkdir()
    write_csv(
        export,
        "bip.csv",
        [["personnummer", "matdatum", "indikator", "varde"], [_people()[0], "2025-01-15", "Hälsa", "3"]],
    )
    do_import(ws, export)
    result = CliRunner().invoke(
        _app(), ["bip", "progression", "--arbetsyta", str(ws.root), "--indikator", "Ekonomi"]
    )
    assert isinstance(result.exception, UppfoljError)
    assert "Indikatorer som finns: halsa" in str(result.exception)
