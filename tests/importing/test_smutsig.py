"""`uppfolj demodata --smutsig` data imported: rejects and warnings per table and rule equal the generator's
expected counts (forvantade_fel.json), and the file without a required column is rejected whole."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.importing.helpers import do_import
from uppfolj.demodata.generate import generate
from uppfolj.importing.rejects import read_rejects
from uppfolj.importing.rules import RULES, Level
from uppfolj.workspace import Workspace


@pytest.mark.slow
def test_smutsig_rejects_match_expected_counts(ws: Workspace, tmp_path: Path) -> None:
    export = tmp_path / "smutsig"
    generate(export, households=400, seed=5, dirty=True)
    expected = json.loads((export / "forvantade_fel.json").read_text(encoding="utf-8"))

    result = do_import(ws, export)
    table_of = {f.file: f.table for f in result.files}
    rows: dict[str, Counter[tuple[str, str]]] = {"rad": Counter(), "varning": Counter(), "fil": Counter()}
    seen: set[tuple[str, str, str]] = set()
    for line in read_rejects(result.rejects_file):
        key = (line["fil"], line["rad"], line["regel"])
        if key in seen:
            continue  # a row counts once per rule
        seen.add(key)
        rows[RULES[line["regel"]].level.value][(table_of[line["fil"]], line["regel"])] += 1

    def flatten(counts: dict[str, dict[str, int]]) -> Counter[tuple[str, str]]:
        return Counter({(t, r): n for t, by_rule in counts.items() for r, n in by_rule.items()})

    assert rows[Level.ROW.value] == flatten(expected["avvisade"])
    assert rows[Level.WARNING.value] == flatten(expected["varningar"])
    whole = {f.file: "obligatorisk_kolumn" for f in result.files if f.clean is None}
    assert whole == expected["avvisade_filer"]
    # every row is either stored or rejected
    for f in result.files:
        assert f.stored + f.rejected == f.read
