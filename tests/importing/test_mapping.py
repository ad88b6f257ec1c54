"""Mapping files: a municipality's own export shapes give the same store as the contract's shape.

The same hand-made facts (households, payments, insatser, persons) are written three ways: in the contract's
shape, in "shape A" (other headers, year and month in two columns, Swedish month names, dates as 30.11.2023,
case-system code texts, a unit under its old name, a cancelled row to skip, payments split over two files)
and in "shape B" (XLSX, a month from a payment date 2023/11/25, a constant, code texts with a default for
unlisted values, insatser split over four files). With their mapping files both must store exactly what the
contract-shaped export stores.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.importing.helpers import do_import, make_pnr, rejects, stored, write_csv
from uppfolj import workspace
from uppfolj.importing.mapping import MappingError, load_mapping
from uppfolj.importing.run import dry_run
from uppfolj.workspace import Workspace

MONTHS = [dt.date(2023, 11, 1), dt.date(2023, 12, 1), dt.date(2024, 1, 1), dt.date(2024, 2, 1)]
SWEDISH_MONTH = {1: "januari", 2: "februari", 11: "november", 12: "december"}
PERSONS = [make_pnr(dt.date(1980, 1, 1) + dt.timedelta(days=37 * i), 100 + i) for i in range(8)]
# insats: id, person index, insatstyp, unit (as the contract names it), start, end, avslutsorsak
INSATSER = [
    ("I1", 0, "Jobbspår", "Verkstan", dt.date(2023, 11, 6), dt.date(2024, 1, 31), "arbete_utan_stod"),
    ("I2", 1, "Jobbspår", "Caféet", dt.date(2023, 11, 13), None, None),
    ("I3", 2, "Arbetsträning", "Verkstan", dt.date(2023, 12, 4), dt.date(2024, 2, 15), "studier"),
    ("I4", 3, "Arbetsträning", "Caféet", dt.date(2024, 1, 8), dt.date(2024, 2, 29), "okand"),
]
# person index → (kön as the contract codes it, SUN level)
PERSON_FACTS = {0: ("K", "4"), 1: ("M", "2"), 2: ("K", "6"), 3: ("M", "US")}
ORSAK_A = {"arbete_utan_stod": "Arbete på öppna marknaden", "studier": "Studier", "okand": "Okänd orsak"}
ORSAK_B = {"arbete_utan_stod": "Arbete", "studier": "Utbildning", "okand": "Avbrott i förtid"}
SUN_TEXT = {
    "4": "Gymnasial utbildning 3 år",
    "2": "Förgymnasial utbildning 9 (10) år",
    "6": "Eftergymnasial 3 år eller längre",
    "US": "Uppgift saknas",
}


def payments() -> list[tuple[str, dt.date, int, int, int]]:
    """(household, month, applicant index, children, amount): households H1–H6, some months each."""
    out = []
    for h in range(6):
        for k, month in enumerate(MONTHS):
            if (h + k) % 5 == 4:
                continue  # a month without payment
            out.append((f"H{h + 1}", month, h, h % 3, 4000 + 250 * h + 10 * k))
    return out


def sv_date(day: dt.date | None) -> str:
    return "" if day is None else f"{day:%d.%m.%Y}"


def write_contract(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(
        folder,
        "bistand_manad.csv",
        [["hushall_id", "manad", "sokande_personnummer", "antal_barn", "belopp", "hushallstyp"]]
        + [[h, f"{m:%Y-%m}", PERSONS[p], str(b), str(a), "1"] for h, m, p, b, a in payments()],
    )
    write_csv(
        folder,
        "insatser.csv",
        [["insats_id", "personnummer", "insatstyp", "enhet", "start_datum", "slut_datum", "avslutsorsak"]]
        + [
            [i, PERSONS[p], t, u, s.isoformat(), e.isoformat() if e else "", o or ""]
            for i, p, t, u, s, e, o in INSATSER
        ],
    )
    write_csv(
        folder,
        "personer.csv",
        [["personnummer", "kon", "utbildningsniva"]]
        + [[PERSONS[p], k, s] for p, (k, s) in PERSON_FACTS.items()],
    )
    write_platser(folder)


def write_platser(folder: Path) -> None:
    write_csv(
        folder,
        "platser.csv",
        [
            ["enhet", "fran_datum", "antal_platser"],
            ["Verkstan", "2023-01-01", "12"],
            ["Caféet", "2023-01-01", "8"],
        ],
    )


MAPPING_A = """\
beskrivning: Exempel A, utbetalningar per år och deltagarlista med egna texter
tabeller:
  bistand_manad:
    filer: ["utbetalningar_*.csv"]
    kolumner:
      hushall_id: Hushållsnummer
      manad: {ar: År, manad: Månad}
      sokande_personnummer: Pnr sökande
      antal_barn: Antal barn
      belopp: Utbetalt belopp
      hushallstyp: Hushållstyp
    hoppa_over:
      - kolumn: Status
        varden: [Makulerad]
  insatser:
    filer: deltagare.csv
    kolumner:
      insats_id: Insatsnr
      personnummer: Personnummer
      insatstyp: Insats
      enhet: Arbetsplats
      start_datum: {kolumn: Startdatum, datumformat: "%d.%m.%Y"}
      slut_datum: {kolumn: Slutdatum, datumformat: "%d.%m.%Y"}
      avslutsorsak: Avslutsorsak
    koder:
      avslutsorsak:
        varden:
          Arbete på öppna marknaden: arbete_utan_stod
          Studier: studier
          Okänd orsak: okand
        ovriga: avvisa
      enhet:
        varden:
          Gamla verkstan: Verkstan
  personer:
    filer: klienter.csv
    kolumner:
      personnummer: Pnr
      kon: Kön
      utbildningsniva: Utbildning
    koder:
      kon:
        varden: {Kvinna: K, Man: M}
"""


def write_shape_a(folder: Path, *, planted: bool = False) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    header = [
        "Hushållsnummer",
        "År",
        "Månad",
        "Pnr sökande",
        "Antal barn",
        "Utbetalt belopp",
        "Hushållstyp",
        "Status",
    ]
    for year in (2023, 2024):
        rows = [header]
        for h, m, p, b, a in payments():
            if m.year != year:
                continue
            month = str(m.month) if year == 2023 else SWEDISH_MONTH[m.month]
            rows.append([h, str(m.year), month, PERSONS[p], str(b), f"{a},00", "1", "Utbetald"])
        # a cancelled payment: skipped, so it neither counts nor clashes with the household's real month
        rows.append(
            [
                "H1",
                str(year),
                "12" if year == 2023 else "januari",
                PERSONS[5],
                "0",
                "999,00",
                "1",
                "Makulerad",
            ]
        )
        write_csv(folder, f"utbetalningar_{year}.csv", rows)
    rows = [
        [
            "Insatsnr",
            "Personnummer",
            "Insats",
            "Arbetsplats",
            "Startdatum",
            "Slutdatum",
            "Avslutsorsak",
            "Handläggare",
        ]
    ]
    for i, p, t, u, s, e, o in INSATSER:
        unit = "Gamla verkstan" if u == "Verkstan" and i == "I1" else u
        rows.append([i, PERSONS[p], t, unit, sv_date(s), sv_date(e), ORSAK_A[o] if o else "", "AB"])
    if planted:
        rows.append(["I5", PERSONS[4], "Jobbspår", "Caféet", "31.02.2024", "", "", "AB"])  # no such date
        rows.append(["I6", PERSONS[5], "Jobbspår", "Caféet", "05.02.2024", "20.02.2024", "Flyttat", "AB"])
    write_csv(folder, "deltagare.csv", rows)
    kon_text = {"K": "Kvinna", "M": "Man"}
    write_csv(
        folder,
        "klienter.csv",
        [["Pnr", "Kön", "Utbildning"]]
        + [[PERSONS[p], kon_text[k], SUN_TEXT[s]] for p, (k, s) in PERSON_FACTS.items()],
    )
    write_platser(folder)


MAPPING_B = """\
tabeller:
  bistand_manad:
    filer: ["EB_*.xlsx"]
    kolumner:
      hushall_id: HushID
      manad: {kolumn: Utbetalningsdag, datumformat: "%Y/%m/%d"}
      sokande_personnummer: Sökande
      antal_barn: Barn
      belopp: Summa
      hushallstyp: {konstant: "1"}
  insatser:
    filer: ["insatser_*.csv"]
    kolumner:
      insats_id: ID
      personnummer: PNR
      insatstyp: Typ
      enhet: Enhet
      start_datum: Från
      slut_datum: Till
      avslutsorsak: Orsak
    koder:
      avslutsorsak:
        varden: {Arbete: arbete_utan_stod, Utbildning: studier}
        ovriga: okand
      insatstyp:
        varden: {JS: Jobbspår, AT: Arbetsträning}
  personer:
    filer: personregister.csv
    kolumner: {personnummer: Id, kon: Juridiskt kön, utbildningsniva: SUN}
    koder:
      kon: {varden: {kvinna: K, man: M}}
"""


def write_shape_b(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.append(["HushID", "Utbetalningsdag", "Sökande", "Barn", "Summa"])
    for h, m, p, b, a in payments():
        sheet.append([h, f"{m.year}/{m.month:02d}/25", PERSONS[p], b, a])
    wb.save(folder / "EB_2023-2024.xlsx")
    short = {"Jobbspår": "JS", "Arbetsträning": "AT"}
    header = ["ID", "PNR", "Typ", "Enhet", "Från", "Till", "Orsak"]
    # one file per insats: the fourth one's rows are numbered 3·10⁹ + row, past 2³¹, while joined
    for part, chunk in enumerate(([row] for row in INSATSER), start=1):
        rows = [header] + [
            [i, PERSONS[p], short[t], u, s.isoformat(), e.isoformat() if e else "", ORSAK_B[o] if o else ""]
            for i, p, t, u, s, e, o in chunk
        ]
        write_csv(folder, f"insatser_del{part}.csv", rows, delimiter=",")
    write_csv(
        folder,
        "personregister.csv",
        [["Id", "Juridiskt kön", "SUN"]]
        + [[PERSONS[p], {"K": "kvinna", "M": "man"}[k], s] for p, (k, s) in PERSON_FACTS.items()],
        encoding="cp1252",
    )
    write_platser(folder)


TABLES = ("bistand_manad", "insatser", "personer", "platser", "_personregister")


def dump(ws: Workspace) -> dict[str, list[tuple[object, ...]]]:
    return {t: stored(ws, f'SELECT * FROM "{t}" ORDER BY ALL') for t in TABLES}


def twin(tmp_path: Path, name: str, original: Workspace, mapping: str | None = None) -> Workspace:
    """A workspace with the same key as `original` (so pseudonyms compare), and a mapping file."""
    ws = workspace.create(tmp_path / name)
    ws.key_path.write_bytes(original.key_path.read_bytes())
    if mapping is not None:
        (ws.root / "mappningar").mkdir()
        (ws.root / "mappningar" / "egen.yaml").write_text(mapping, encoding="utf-8")
    return ws


@pytest.fixture
def contract_ws(tmp_path: Path) -> Workspace:
    ws = workspace.create(tmp_path / "kontrakt")
    write_contract(tmp_path / "export-kontrakt")
    result = do_import(ws, tmp_path / "export-kontrakt")
    assert result.rejected == 0
    return ws


def test_hand_made_facts_stored_as_expected(contract_ws: Workspace) -> None:
    # the reference itself, checked by hand: 6 households × 4 months less the 4 pairs with h + k = 4, i.e.
    # 20 rows; all 24 would sum to 24·4000 + 4·250·(0+…+5) + 6·10·(0+…+3) = 111 360, less the four skipped
    # (5 000 + 4 760 + 4 520 + 4 280 = 18 560)
    assert stored(contract_ws, "SELECT count(*), sum(belopp)::INTEGER FROM bistand_manad") == [(20, 92_800)]
    assert stored(contract_ws, "SELECT avslutsorsak FROM insatser ORDER BY insats_id") == [
        ("arbete_utan_stod",),
        (None,),
        ("studier",),
        ("okand",),
    ]


@pytest.mark.parametrize("shape", ["A", "B"])
def test_other_shapes_with_mapping_store_the_same(tmp_path: Path, contract_ws: Workspace, shape: str) -> None:
    ws = twin(tmp_path, f"form{shape}", contract_ws, MAPPING_A if shape == "A" else MAPPING_B)
    folder = tmp_path / f"export-{shape}"
    (write_shape_a if shape == "A" else write_shape_b)(folder)
    result = do_import(ws, folder, mapping="egen")
    assert result.rejected == 0, rejects(result)
    assert dump(ws) == dump(contract_ws)
    files = {f.table: f.file for f in result.files}
    if shape == "A":
        assert files["bistand_manad"] == "utbetalningar_2023.csv + utbetalningar_2024.csv"
        assert [f.unknown_columns for f in result.files if f.table == "insatser"] == [["Handläggare"]]
    else:
        assert (
            files["insatser"]
            == "insatser_del1.csv + insatser_del2.csv + insatser_del3.csv + insatser_del4.csv"
        )


def test_mapping_set_in_the_configuration(tmp_path: Path, contract_ws: Workspace) -> None:
    ws = twin(tmp_path, "konfig", contract_ws, MAPPING_A)
    ws.config.ovrigt["mappning"] = {"lifecare": "egen"}
    ws.save_config()
    write_shape_a(tmp_path / "export-A")
    ws = workspace.open_workspace(ws.root)
    result = do_import(ws, tmp_path / "export-A", system="lifecare")
    assert result.rejected == 0
    assert dump(ws) == dump(contract_ws)


def test_rejects_of_split_files_name_each_file_and_row(tmp_path: Path, contract_ws: Workspace) -> None:
    ws = twin(tmp_path, "fel", contract_ws, MAPPING_A)
    folder = tmp_path / "export-A"
    write_shape_a(folder)
    path = folder / "utbetalningar_2024.csv"
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    lines[2] = lines[2].replace("februari", "femtember")  # row 3 of the 2024 file: no such month
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    result = do_import(ws, folder, mapping="egen")
    assert [(f, r, k, g) for f, r, k, g, _ in rejects(result)] == [
        ("utbetalningar_2024.csv", 3, "manad", "datum")
    ]


def test_invalid_mapping_file_lists_every_problem_with_its_line(tmp_path: Path) -> None:
    ws = workspace.create(tmp_path / "ws")
    (ws.root / "mappningar").mkdir()
    (ws.root / "mappningar" / "trasig.yaml").write_text(
        "tabeller:\n"
        "  bistand_manadd:\n"  # line 2: no such table
        "    kolumner: {hushall_id: Hushåll}\n"
        "  insatser:\n"
        "    kolumner:\n"
        "      slutdatum: Slut\n"  # line 6: no such column
        "      start_datum: {kolumn: Start, datumformat: dd.mm.yyyy}\n"  # line 7: not a strptime format
        "    koder:\n"
        "      avslutsorsak: {varden: {Arbete: arbete}}\n",  # line 9: not a code of avslutsorsak
        encoding="utf-8",
    )
    with pytest.raises(MappingError) as err:
        load_mapping(ws.root, "trasig")
    text = str(err.value)
    assert "rad 2: okänd tabell 'bistand_manadd'. Menade du 'bistand_manad'?" in text
    assert "rad 6: insatser har ingen kolumn 'slutdatum'. Menade du 'slut_datum'?" in text
    assert "rad 7: start_datum: datumformatet 'dd.mm.yyyy' kan inte läsa ett datum" in text
    assert "rad 9: 'arbete' är ingen kod för avslutsorsak." in text
    assert "(4 fel)" in text


def test_header_named_by_the_mapping_missing_from_the_file(tmp_path: Path, contract_ws: Workspace) -> None:
    # insats_id is on line 18 of MAPPING_A (counted by hand)
    ws = twin(tmp_path, "saknas", contract_ws, MAPPING_A.replace("Insatsnr", "Insatsnummer"))
    write_shape_a(tmp_path / "export-A")
    before = ws.store().current()
    with pytest.raises(
        MappingError, match=r"Filen deltagare.csv har ingen kolumn 'Insatsnummer'.*\(rad 18\)"
    ):
        do_import(ws, tmp_path / "export-A", mapping="egen")
    assert ws.store().current() == before


def lager_bytes(ws: Workspace) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(ws.store_dir.iterdir()) if p.is_file()}


def test_dry_run_changes_nothing_and_reports_exactly_the_planted_problems(
    tmp_path: Path, contract_ws: Workspace
) -> None:
    ws = contract_ws
    (ws.root / "mappningar").mkdir()
    (ws.root / "mappningar" / "egen.yaml").write_text(MAPPING_A, encoding="utf-8")
    folder = tmp_path / "export-A"
    write_shape_a(folder, planted=True)
    before = lager_bytes(ws)
    result = dry_run(ws, folder, mapping="egen", merge=True, today=dt.date(2026, 11, 24))
    assert lager_bytes(ws) == before
    # the two planted rows of deltagare.csv (rows 6 and 7: header + four insatser come first), nothing else
    assert sorted((r["fil"], r["rad"], r["kolumn"], r["regel"]) for r in _read(result.rejects_file)) == [
        ("deltagare.csv", "6", "start_datum", "datum"),
        ("deltagare.csv", "7", "avslutsorsak", "kodlista"),
    ]
    insatser = next(p for p in result.profiles if p.table == "insatser")
    assert [(o.column, o.value, o.count, o.nearest) for o in insatser.off_codes] == [
        ("avslutsorsak", "Flyttat", 1, "flytt")
    ]
    assert insatser.files == [("deltagare.csv", 6)]
    assert insatser.unmatched == ["Handläggare"]
    # slut_datum is filled in 4 of 6 rows (I2 and I5 are in progress)
    assert insatser.fill["slut_datum"] == pytest.approx(4 / 6)
    payments_profile = next(p for p in result.profiles if p.table == "bistand_manad")
    # ten payments a year (the cancelled row of each file is skipped by the mapping before anything is read)
    assert payments_profile.files == [("utbetalningar_2023.csv", 10), ("utbetalningar_2024.csv", 10)]
    assert payments_profile.date_ranges["manad"] == ("2023-11-01", "2024-02-01")
    # the re-delivery holds the same months and values as stored: no delivery finding
    assert result.findings == []


def _read(path: Path) -> list[dict[str, str]]:
    from uppfolj.importing.rejects import read_rejects

    return read_rejects(path)


def test_cli_dry_run_prints_the_profile(tmp_path: Path, contract_ws: Workspace) -> None:
    from typer.testing import CliRunner

    from uppfolj.cli import build_app

    app = build_app()

    (contract_ws.root / "mappningar").mkdir()
    (contract_ws.root / "mappningar" / "egen.yaml").write_text(MAPPING_A, encoding="utf-8")
    write_shape_a(tmp_path / "export-A", planted=True)
    before = lager_bytes(contract_ws)
    out = CliRunner().invoke(
        app,
        [
            "import",
            str(tmp_path / "export-A"),
            "--provkor",
            "--mappning",
            "egen",
            "-a",
            str(contract_ws.root),
        ],
        env={"COLUMNS": "200"},
    )
    assert out.exit_code == 0, out.output
    assert "Provkörning: inget har lagrats." in out.output
    assert "avslutsorsak: 'Flyttat' finns inte i kodlistan, 1 rader (närmaste kod: flytt)" in out.output
    assert lager_bytes(contract_ws) == before
    for pnr in PERSONS:
        assert pnr not in out.output and pnr.replace("-", "") not in out.output


def test_unlisted_value_can_become_a_default(tmp_path: Path, contract_ws: Workspace) -> None:
    # shape B maps every unlisted avslutsorsak to okand: "Avbrott i förtid" (I4) is stored as okand
    ws = twin(tmp_path, "b", contract_ws, MAPPING_B)
    write_shape_b(tmp_path / "export-B")
    do_import(ws, tmp_path / "export-B", mapping="egen")
    assert stored(ws, "SELECT avslutsorsak FROM insatser WHERE insats_id = 'I4'") == [("okand",)]


def test_unknown_mapping_name(tmp_path: Path) -> None:
    ws = workspace.create(tmp_path / "ws")
    folder = tmp_path / "export"
    write_contract(folder)
    with pytest.raises(MappingError, match="Mappningen 'finns_ej' finns inte"):
        do_import(ws, folder, mapping="finns_ej")
    shutil.rmtree(folder)


def test_proposal_is_a_valid_mapping_with_marked_guesses(tmp_path: Path) -> None:
    from uppfolj.importing.mapping import parse_mapping
    from uppfolj.importing.propose import propose

    folder = tmp_path / "export-A"
    write_shape_a(folder, planted=True)
    text = propose(folder)
    mapping = parse_mapping(text, tmp_path / "forslag.yaml", "forslag")
    payments_map = mapping.tables["bistand_manad"]
    # both yearly files under one pattern; headers guessed by name and the Swedish abbreviation "Pnr"
    assert payments_map.patterns == ("utbetalningar_202*.csv",)
    assert payments_map.sources["sokande_personnummer"].column == "Pnr sökande"
    assert payments_map.sources["belopp"].column == "Utbetalt belopp"
    insatser = mapping.tables["insatser"]
    assert insatser.patterns == ("deltagare.csv",)
    assert insatser.sources["start_datum"].date_format == "%d.%m.%Y"
    assert insatser.sources["enhet"].column == "Arbetsplats"
    # code texts: Okänd orsak → okand, Flyttat → flytt; kön by initial
    assert insatser.recodings["avslutsorsak"].values["okandorsak"] == "okand"
    assert insatser.recodings["avslutsorsak"].values["flyttat"] == "flytt"
    assert mapping.tables["personer"].recodings["kon"].values == {"kvinna": "K", "man": "M"}
    # every guess marked for review; the month written as a bare number cannot be read and says so
    assert "# GRANSKA: gissning" in text
    assert 'manad kan inte läsas som datum eller månad (t.ex. "12")' in text
    for pnr in PERSONS:
        assert pnr not in text


def test_cli_proposal_written_to_the_workspace_and_not_overwritten(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from uppfolj.cli import build_app

    ws = workspace.create(tmp_path / "ws")
    write_shape_b(tmp_path / "export-B")
    args = ["mappning", "foresla", str(tmp_path / "export-B"), "--namn", "viva", "-a", str(ws.root)]
    first = CliRunner().invoke(build_app(), args, env={"COLUMNS": "200"})
    assert first.exit_code == 0, first.output
    written = ws.root / "mappningar" / "viva.yaml"
    # the console may wrap the long path: compare without line breaks
    assert f"Skrev förslaget {written}" in first.output.replace("\n", "")
    assert load_mapping(ws.root, "viva").tables["insatser"].patterns == ("insatser_del*.csv",)
    again = CliRunner().invoke(build_app(), args)
    assert again.exit_code != 0
    assert "finns redan" in str(again.exception)
