"""The goal follow-up (`uppfolj.goals`) for the web: the table per year, cached per snapshot and role."""

from __future__ import annotations

import threading
from typing import Any

from uppfolj.goals import follow_up
from uppfolj.goals.followup import goal_path
from uppfolj.web.data import DataService
from uppfolj.web.users import User

#: assessments as CSS classes on the overview (`mal-uppfyllt`, `mal-delvis`, `mal-ej`)
STATUS_CLASS = {"uppfyllt": "uppfyllt", "uppnått": "uppfyllt", "delvis uppnått": "delvis"}


class GoalService:
    def __init__(self, data: DataService) -> None:
        self.data = data
        self._cache: dict[tuple[str, int, bool], dict[str, Any]] = {}
        self._lock = threading.Lock()

    def has_goals(self) -> bool:
        return goal_path(self.data.ws).exists()

    def table(self, user: User, year: int) -> dict[str, Any]:
        """The goal table as JSON-ready data; readers get protected figures."""
        snap = self.data.snapshot()
        publish = not user.sees_unprotected
        key = (snap.snapshot_id, year, publish)
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None:
            return cached
        table, warnings = follow_up(
            self.data.ws, year, compute=self.data.engine.get().compute, publish=publish
        )
        rows = [
            {
                "typ": r.kind,
                "malomrade": r.malomrade,
                "kommunmal": r.kommunmal,
                "namndmal": r.namndmal,
                "indikator_id": r.indikator_id,
                "i_katalogen": r.indikator_id in self.data.catalogue(),
                "indikator": r.indikator,
                "kon": r.kon,
                "visas": list(r.shown),
                "malvarde": r.malvarde,
                "bedomning": r.bedomning,
                "kalla": r.kalla,
            }
            for r in table.rows
        ]
        out = {
            "ogonblick": snap.snapshot_id,
            "ar": table.year,
            "aren": table.years,
            "regel": table.rule_text,
            "rader": rows,
            "varningar": [str(w) for w in warnings],
        }
        with self._lock:
            self._cache[key] = out
        return out

    def status_by_indicator(self, user: User, year: int) -> dict[str, dict[str, str]]:
        """Assessment of each indicator's total (kon T, or the first row) for the overview's cards."""
        if user.enhet or not self.has_goals():
            return {}
        out: dict[str, dict[str, str]] = {}
        for r in self.table(user, year)["rader"]:
            ind = r["indikator_id"]
            if r["typ"] != "indikator" or not ind or not r["bedomning"]:
                continue
            if ind in out and r["kon"] != "T":
                continue
            text = r["bedomning"].lower()
            status = STATUS_CLASS.get(text, "ej" if text.startswith("ej upp") else "")
            out[ind] = {"text": f"{r['bedomning']} (målvärde {r['malvarde']})", "status": status}
        return out
