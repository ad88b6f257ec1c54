"""Deliveries month after month: the delivery check, `--strikt`, and twelve monthly imports = one yearly.

The year 2024 is made by hand: 60 households paid 5 000 kr every month; 30 insatser start in each month
(insats n of month m starts on day 1 + n % 20 and ends 45 days later), their avslutsorsak cycling
arbete_utan_stod, studier, ovrigt (10 of each a month); one ekonomi row a month.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.importing.helpers import TODAY, do_import, make_pnr, stored, write_csv
from uppfolj import workspace
from uppfolj.importing.run import DeliveryRefused
from uppfolj.workspace import Workspace

MONTHS = [dt.date(2024, m, 1) for m in range(1, 13)]
HOUSEHOLDS = 60
STARTS = 30
PERSONS = [
    make_pnr(dt.date(1970, 1, 1) + dt.timedelta(days=101 * i), 200 + i % 700)
    for i in range(HOUSEHOLDS + 12 * STARTS)
]
CODES = ("arbete_utan_stod", "studier", "ovrigt")


def insatser_rows(as_of: dt.date | None = None) -> list[list[str]]:
    """Every insats as known at `as_of` (started by then; the end only if it has come), or as finally known."""
    rows = []
    for m, month in enumerate(MONTHS):
        for n in range(STARTS):
            start = month + dt.timedelta(days=n % 20)
            end: dt.date | None = start + dt.timedelta(days=45)
            if as_of is not None and start > as_of:
                continue
            if as_of is not None and end is not None and end > as_of:
                end = None
            reason = CODES[n % 3] if end is not None else ""
            person = PERSONS[HOUSEHOLDS + m * STARTS + n]
            rows.append(
                [
                    f"I{m:02d}{n:02d}",
                    person,
                    "Jobbspår",
                    "Verkstan",
                    start.isoformat(),
                    end.isoformat() if end else "",
                    reason,
                ]
            )
    return rows


def write_delivery(
    folder: Path,
    months: list[dt.date],
    *,
    as_of: dt.date | None = None,
    drop: dict[dt.date, int] | None = None,
    okand: dict[dt.date, int] | None = None,
    platser: bool = True,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    drop = drop or {}
    payments = [["hushall_id", "manad", "sokande_personnummer", "antal_barn", "belopp"]]
    for month in months:
        for h in range(drop.get(month, 0), HOUSEHOLDS):
            payments.append([f"H{h:03d}", f"{month:%Y-%m}", PERSONS[h], "0", "5000"])
    write_csv(folder, "bistand_manad.csv", payments)
    header = ["insats_id", "personnummer", "insatstyp", "enhet", "start_datum", "slut_datum", "avslutsorsak"]
    rows = [r for r in insatser_rows(as_of) if dt.date.fromisoformat(r[4]).replace(day=1) in months or as_of]
    for month, per_code in (okand or {}).items():
        # the first `per_code` insatser of each avslutsorsak that ended in the month get okand instead
        for code in CODES:
            ended = [r for r in rows if r[5].startswith(f"{month:%Y-%m}") and r[6] == code]
            for row in ended[:per_code]:
                row[6] = "okand"
    write_csv(folder, "insatser.csv", [header, *rows])
    write_csv(
        folder,
        "ekonomi.csv",
        [["manad", "verksamhet", "budget", "utfall"]]
        + [[f"{m:%Y-%m}", "Ekonomiskt bistånd", "310000", str(300000 + 1000 * m.month)] for m in months],
    )
    if platser:
        write_csv(
            folder,
            "platser.csv",
            [["enhet", "fran_datum", "antal_platser"], ["Verkstan", "2020-01-01", "40"]],
        )
    return folder


@pytest.fixture
def year_ws(tmp_path: Path) -> Workspace:
    ws = workspace.create(tmp_path / "ar")
    result = do_import(ws, write_delivery(tmp_path / "helar", MONTHS))
    assert result.rejected == 0
    return ws


def test_retroactive_change_and_code_shift_are_flagged(tmp_path: Path, year_ws: Workspace) -> None:
    # March loses 18 of its 60 households (−30 %); 4 of each avslutsorsak of the insatser that ended in
    # July become okand. July's exits (start + 45 days in July): May starters of days 17–20 (n = 16…19)
    # and June starters of days 1–16 (n = 0…15 and 20…29): 4 + 26 = 30 exits, 12 of them now okand
    folder = write_delivery(
        tmp_path / "ny", MONTHS, drop={dt.date(2024, 3, 1): 18}, okand={dt.date(2024, 7, 1): 4}
    )
    result = do_import(year_ws, folder)
    found = {(f.table, f.month, f.measure): (f.before, f.after) for f in result.findings}
    # by hand: rows, households and applicants 60 → 42, amounts 300 000 → 210 000; okand 0 of 30 → 12 of
    # 30 exits in July. The other codes lose 4 of 30 each (4/30 = 0,133): more than the 10 points, but less
    # than three binomial standard errors of a 30-row month (at most 3·√(0,5·0,5/30) = 0,274), so not
    # findings
    assert found == {
        ("bistand_manad", "2024-03", "rader"): (60, 42),
        ("bistand_manad", "2024-03", "hushall"): (60, 42),
        ("bistand_manad", "2024-03", "personer"): (60, 42),
        ("bistand_manad", "2024-03", "belopp"): (300_000, 210_000),
        ("insatser", "2024-07", "kod:avslutsorsak:okand"): (0.0, 0.4),
    }
    message = next(f.message for f in result.findings if f.measure == "hushall")
    # Swedish formats: a no-break space before the per cent sign
    assert message == "bistand_manad 2024-03: hushåll 60 → 42 (−30,0\u00a0%) i en månad som redan var lagrad."
    # stored with the import, and shown by status
    assert stored(year_ws, "SELECT count(*) FROM _leveranskontroll WHERE import_nr = 2") == [(5,)]
    from uppfolj.status import store_status

    latest = store_status(year_ws)["importer"][-1]
    assert message in latest["leveranskontroll"]


def test_strict_refuses_and_stores_nothing(tmp_path: Path, year_ws: Workspace) -> None:
    before = year_ws.store().current()
    files = {p.name: p.read_bytes() for p in year_ws.store_dir.iterdir()}
    folder = write_delivery(tmp_path / "ny", MONTHS, drop={dt.date(2024, 3, 1): 18})
    with pytest.raises(DeliveryRefused, match=r"bistand_manad 2024-03: hushåll 60 → 42") as err:
        do_import(year_ws, folder, strict=True)
    assert "Inget har lagrats" in str(err.value)
    assert year_ws.store().current() == before
    assert {p.name: p.read_bytes() for p in year_ws.store_dir.iterdir()} == files


def test_same_delivery_again_has_no_findings(tmp_path: Path, year_ws: Workspace) -> None:
    result = do_import(year_ws, write_delivery(tmp_path / "igen", MONTHS), strict=True)
    assert result.findings == []


def test_month_missing_from_a_full_delivery(tmp_path: Path, year_ws: Workspace) -> None:
    result = do_import(year_ws, write_delivery(tmp_path / "kort", MONTHS[1:]))
    missing = [(f.table, f.month) for f in result.findings if f.measure == "manad_saknas"]
    # January is gone from bistand_manad, insatser (its starters) and ekonomi
    assert sorted(missing) == [("bistand_manad", "2024-01"), ("ekonomi", "2024-01"), ("insatser", "2024-01")]


DATA_TABLES = ("bistand_manad", "insatser", "ekonomi", "platser", "_personregister")


def test_twelve_monthly_imports_equal_one_yearly_import(tmp_path: Path, year_ws: Workspace) -> None:
    ws = workspace.create(tmp_path / "manad")
    ws.key_path.write_bytes(year_ws.key_path.read_bytes())
    for i, month in enumerate(MONTHS):
        month_end = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        # each monthly export: the month's payments and ekonomi, and every insats as known at the month's end
        folder = write_delivery(tmp_path / f"m{i:02d}", [month], as_of=month_end, platser=i == 0)
        result = do_import(ws, folder, merge=i > 0, strict=i > 0)
        assert result.rejected == 0
    # insatser ending after December are still in progress in the yearly file as well: compare as of year end
    yearly = workspace.create(tmp_path / "ar2")
    yearly.key_path.write_bytes(year_ws.key_path.read_bytes())
    do_import(yearly, write_delivery(tmp_path / "helar2", MONTHS, as_of=dt.date(2024, 12, 31)))
    # every stored table but the import log (which differs by construction: 12 imports against 1)
    listing = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1"
    names = [t for (t,) in stored(ws, listing) if t not in ("_importer", "_importfiler", "_leveranskontroll")]
    assert names == [
        t for (t,) in stored(yearly, listing) if t not in ("_importer", "_importfiler", "_leveranskontroll")
    ]
    assert set(DATA_TABLES) <= set(names)
    for table in names:
        sql = f'SELECT * FROM "{table}" ORDER BY ALL'
        assert stored(ws, sql) == stored(yearly, sql), table
    assert stored(ws, "SELECT count(*) FROM bistand_manad") == [(12 * HOUSEHOLDS,)]


def test_redelivered_month_replaces_the_stored_month(tmp_path: Path, year_ws: Workspace) -> None:
    # a monthly re-delivery of March without 18 households removes them (the month is replaced, not merged)
    folder = write_delivery(
        tmp_path / "mars", [dt.date(2024, 3, 1)], drop={dt.date(2024, 3, 1): 18}, as_of=TODAY
    )
    do_import(year_ws, folder, merge=True)
    assert stored(year_ws, "SELECT count(*) FROM bistand_manad WHERE manad = DATE '2024-03-01'") == [(42,)]
    assert stored(year_ws, "SELECT count(*) FROM bistand_manad WHERE manad = DATE '2024-04-01'") == [(60,)]
