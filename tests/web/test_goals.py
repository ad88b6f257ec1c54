"""The goal page, its JSON twin and the overview's goal status, from a goal file written in the test."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from uppfolj.workspace import Workspace

Login = Callable[[str], TestClient]

GOALS = """
malomraden:
  - namn: Egen försörjning
    kommunmal:
      - namn: Fler i arbete
        namndmal:
          - namn: Färre hushåll med bistånd
            indikatorer:
              - id: eb_hushall
                riktning: lagre
                period: Q1
                mal:
                  2024: 8
"""


def test_goal_table_and_overview_status(workspace: Workspace, as_role: Login) -> None:
    (workspace.root / "mal.yaml").write_text(GOALS, encoding="utf-8")
    client = as_role("analytiker")
    data = client.get("/api/mal").json()
    assert data["ar"] == 2024
    row = next(r for r in data["rader"] if r["typ"] == "indikator")
    # eb_hushall in 2024-Q1: households h1..h7 → 7, target at most 8 (riktning lagre) → met
    assert row["indikator_id"] == "eb_hushall" and row["visas"][-1] == "7"
    assert row["bedomning"].lower() == "uppfyllt"
    goal = next(r for r in data["rader"] if r["typ"] == "namndmal")
    assert goal["bedomning"].lower() == "uppnått"
    card = next(c for c in client.get("/api/oversikt").json()["indikatorer"] if c["id"] == "eb_hushall")
    assert card["mal"]["status"] == "uppfyllt"
    page = client.get("/mal")
    assert page.status_code == 200 and "Färre hushåll med bistånd" in page.text


def test_goals_without_goal_file_and_for_unit_readers(as_role: Login) -> None:
    missing = as_role("analytiker").get("/api/mal")
    assert missing.status_code == 400 and "mal.yaml" in missing.json()["fel"]
    assert as_role("enhetslasare").get("/api/mal").status_code == 403
