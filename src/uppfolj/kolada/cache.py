"""A disk cache of Kolada responses, keyed by request URL, with the time each was fetched."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class CachedResponse:
    url: str
    fetched_at: dt.datetime
    body: dict[str, Any]


class DiskCache:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, url: str) -> Path:
        return self.root / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    def get(self, url: str) -> CachedResponse | None:
        path = self._path(url)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return CachedResponse(data["url"], dt.datetime.fromisoformat(data["hamtad"]), data["svar"])

    def put(self, url: str, body: dict[str, Any], fetched_at: dt.datetime | None = None) -> CachedResponse:
        self.root.mkdir(parents=True, exist_ok=True)
        when = fetched_at or dt.datetime.now(dt.UTC).replace(microsecond=0)
        path = self._path(url)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"url": url, "hamtad": when.isoformat(), "svar": body}, ensure_ascii=False),
            encoding="utf-8",
        )
        os.replace(tmp, path)
        return CachedResponse(url, when, body)
