"""`uppfolj effekt fil`, `uppfolj effekt --insatstyp` and the effect report."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from tests.effects import nsw
from tests.effects.synthetic_store import make_store
from uppfolj import fmt
from uppfolj.cli import build_app
from uppfolj.errors import UppfoljError
from uppfolj.workspace import create

KEYS = {
    "skattning",
    "medelfel",
    "ki_undre",
    "ki_ovre",
    "n_behandlade",
    "n_jamforelse",
    "varningar",
    "diagnostik",
}


@pytest.fixture(scope="module")
def psid_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # as Swedish Excel writes it: semicolon, decimal comma
    path = tmp_path_factory.mktemp("nsw") / "psid.csv"
    nsw.psid1().to_csv(path, sep=";", decimal=",", index=False)
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(build_app(), list(args))
    if isinstance(result.exception, UppfoljError):
        raise result.exception
    return result.exit_code, result.stdout


def test_fil_ai_json_matches_r(psid_csv: Path) -> None:
    code, out = run(
        "effekt", "fil", str(psid_csv), "--behandling", "treat", "--utfall", "re78",
        "--kovariater", ",".join(nsw.COVARIATES), "--metod", "ai", "--k", "5", "--format", "json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert set(data) >= KEYS
    assert round(data["skattning"], 2) == 2255.47  # Imbens & Xu (2024) table B1
    assert round(data["medelfel"], 2) == 1403.83
    assert data["n_behandlade"] == 185
    assert {r["kovariat"] for r in data["diagnostik"]["balans"]} == set(nsw.COVARIATES)


def test_fil_psm_table_shows_interval_and_warnings(psid_csv: Path) -> None:
    code, out = run(
        "effekt", "fil", str(psid_csv), "--behandling", "treat", "--utfall", "re78",
        "--kovariater", ",".join(nsw.COVARIATES), "--metod", "psm", "--k", "5", "--caliper", "0.5",
        "--placebo", "re75", "--placebo-kovariater", "age,educ,black,hisp,married,nodegree,re74,u74",
    )  # fmt: skip
    assert code == 0
    assert "95 % KI" in out
    assert "Placebotest på re75" in out and "MISSLYCKADES" in out


def test_fil_unknown_column_says_what_and_where(psid_csv: Path) -> None:
    with pytest.raises(UppfoljError, match="Kolumnen 'lon' finns inte i psid.csv"):
        run("effekt", "fil", str(psid_csv), "--behandling", "treat", "--utfall", "lon", "--kovariater", "age")


def test_fil_bad_value_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("t;y;x\n1;10;1\n0;abc;2\n0;3;3\n", encoding="utf-8")
    with pytest.raises(UppfoljError, match="Kolumnen 'y' i d.csv .* rad 3"):
        run("effekt", "fil", str(path), "--behandling", "t", "--utfall", "y", "--kovariater", "x")


@pytest.mark.slow
def test_store_effect_command_writes_the_report(tmp_path: Path) -> None:
    ws = create(tmp_path / "ay")
    ws.config.ovrigt["kostnad_per_platsmanad"] = {"Jobbspår": 9000}
    ws.save_config()
    with ws.store().new_snapshot() as con:
        truth = make_store(con, 2500, seed=5)
    out_dir = tmp_path / "rapport"
    code, out = run(
        "effekt", "-a", str(ws.root), "--insatstyp", "Jobbspår", "--dragningar", "20", "--format", "json",
        "--rapport", str(out_dir), "--jamforelse", "ingen_insats", "--undergrupper",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    twelve = data["utfall"]["ingen_betalning_12"]
    assert set(twelve) >= KEYS
    assert len(data["effekt_over_tid"]) == 25
    stems = {p.suffix for p in out_dir.iterdir()}
    assert {".docx", ".xlsx", ".html", ".json", ".png"} <= stems
    document = docx.Document(str(out_dir / "effekt-jobbspar.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert len(document.inline_shapes) == 1  # the effect-over-time chart, above its caption
    assert any(t.rows[0].cells[0].text == "Månad efter start" for t in document.tables)
    assert "Vad jämfördes" in text and "Varningar och förbehåll" in text
    # never a bare point estimate: every result sentence carries its interval
    results = [line for line in text.splitlines() if line.startswith("Bland deltagarna i Jobbspår hade")]
    assert len(results) == len(data["utfall"]) and all("(95 % KI " in line for line in results)
    html = (out_dir / "effekt-jobbspar.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and "95 % KI" in html
    assert truth[12] > 0
    # who the estimate covers: every Jobbspår start in the store is counted once, by reason
    with ws.store().connect() as con:
        total = con.execute("SELECT count(*) FROM insatser WHERE insatstyp = 'Jobbspår'").fetchone()[0]
    counts = twelve["diagnostik"]["tackning"]
    assert counts["deltagare"] == total
    assert sum(v for k, v in counts.items() if k != "deltagare") == total
    assert counts["omfattas"] == twelve["n_behandlade"]
    stated = (
        f"Effekten gäller {fmt.number(twelve['n_behandlade'])} av {fmt.number(total)} deltagare i Jobbspår"
    )
    assert data["tackning"].startswith(stated)
    # cost per effect from the configured cost per place-month and the insatser behind the estimate
    cost = data["underlag"]["kostnad"]
    assert cost["kostnad_per_platsmanad"] == 9000
    assert cost["kostnad_per_deltagare"] == pytest.approx(9000 * cost["manader_i_insats"])
    saved = -data["utfall"]["bistand_kr_24"]["skattning"]
    assert cost["besparing_bistand_24"] == pytest.approx(saved)
    assert cost["nettokostnad_per_ytterligare_egen_forsorjning"] == pytest.approx(
        (cost["kostnad_per_deltagare"] - saved) / twelve["skattning"]
    )
    assert "Kostnad per effekt" in text
    # kronor in whole kronor, shares in procentenheter with one decimal (the JSON keeps the unscaled figure)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Utfall")
    shown = {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}
    kronor = data["utfall"]["bistand_kr_24"]
    assert shown[kronor["namn"]] == fmt.number(round(kronor["skattning"]), 0)
    assert "," not in shown[kronor["namn"]]
    assert shown[twelve["namn"]] == fmt.number(round(100 * twelve["skattning"], 1), 1)
    # subgroups of the primary outcome, each with its groups and the test of difference
    splits = {s["indelning"]: s for s in data["underlag"]["undergrupper"]}
    assert {"Kön", "Ålder", "Utbildningsnivå"} <= set(splits)
    assert {g["grupp"] for g in splits["Kön"]["grupper"]} == {"kvinnor", "män"}
    assert 0 <= splits["Kön"]["p_skillnad"] <= 1
    assert any(t.rows[0].cells[0].text == "Indelning" for t in document.tables)
    # the estimand in one sentence, for the comparison chosen
    assert data["jamforelse"] == "ingen_insats"
    estimand = "Effekten jämför att börja Jobbspår med att inte få någon insats alls under uppföljningstiden"
    assert data["skattningsmal"].startswith(estimand) and estimand in text and estimand in html
    assert stated in text and stated in html
