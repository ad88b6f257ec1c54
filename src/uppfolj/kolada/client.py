"""Kolada API client: v3 first, v2 where v3 lacks an endpoint; paging, batching, retries, disk cache.

Responses of both versions are JSON objects with `values` (a list) and a link to the next page, named
`next_url` (v3) or `next_page` (v2). Data values look like
`{"kpi": "N31807", "municipality": "0580", "period": 2023, "values": [{"gender": "T", "value": 1.0,
"status": "", "count": 1}]}`. Requests carry at most 25 ids per dimension.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from uppfolj.errors import UppfoljError
from uppfolj.kolada.cache import CachedResponse, DiskCache

DEFAULT_BASE_URL = "https://api.kolada.se/v3"
MAX_IDS = 25
RETRY_STATUS = {429, 500, 502, 503, 504}


class KoladaError(UppfoljError):
    """Kolada could not answer and nothing usable was in the cache."""


@dataclass(frozen=True)
class KoladaValue:
    kpi: str
    kommun_id: str
    ar: int
    kon: str
    varde: float | None
    status: str


@dataclass(frozen=True)
class Fetched:
    values: list[dict[str, Any]]
    #: the oldest fetch time among the pages (what "Källa: Kolada, hämtad ..." reports)
    fetched_at: dt.datetime
    from_cache: bool


def batched(items: Iterable[str], size: int = MAX_IDS) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _v2_url(url: str) -> str | None:
    return url.replace("/v3/", "/v2/", 1) if "/v3/" in url else None


class KoladaClient:
    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        cache: DiskCache | None = None,
        *,
        offline: bool = False,
        refresh: bool = False,
        retries: int = 4,
        backoff: float = 0.5,
        timeout: float = 30.0,
        per_page: int = 5000,
        sleep: Callable[[float], None] = time.sleep,
        http: httpx.Client | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.cache = cache
        self.offline = offline
        self.refresh = refresh
        self.retries = retries
        self.backoff = backoff
        self.per_page = per_page
        self.sleep = sleep
        self.http = http or httpx.Client(timeout=timeout, headers={"User-Agent": "uppfolj"})

    # ---- one request -----------------------------------------------------------------------------
    def _request(self, url: str) -> dict[str, Any]:
        """GET with retries on connection errors, rate limits and server errors."""
        last_problem = ""
        for attempt in range(self.retries + 1):
            try:
                response = self.http.get(url)
            except httpx.TransportError as exc:
                last_problem = f"nätverksfel ({type(exc).__name__})"
            else:
                if response.status_code == 200:
                    try:
                        body = response.json()
                    except ValueError as exc:
                        raise KoladaError(f"Kolada svarade med något som inte är JSON på {url}.") from exc
                    if not isinstance(body, dict):
                        raise KoladaError(f"Oväntat svar från Kolada på {url}: inte ett JSON-objekt.")
                    return body
                if response.status_code not in RETRY_STATUS:
                    raise _http_error(url, response)
                last_problem = f"HTTP {response.status_code}"
                retry_after = response.headers.get("Retry-After", "")
                if attempt < self.retries and retry_after.isdigit():
                    self.sleep(min(float(retry_after), 60.0))
                    continue
            if attempt < self.retries:
                self.sleep(self.backoff * (2**attempt))
        raise KoladaError(
            f"Kolada svarar inte ({last_problem}) efter {self.retries + 1} försök: {url}. "
            f"Kontrollera 1) nätverket, 2) --bas-url / kolada: bas_url i uppfolj.yaml, "
            f"3) försök igen senare; redan hämtade data används med --offline."
        )

    def get_page(self, url: str) -> CachedResponse:
        """One page: from the cache when allowed, else from the server (then cached)."""
        cached = self.cache.get(url) if self.cache else None
        if cached and (self.offline or not self.refresh):
            return cached
        if self.offline:
            raise KoladaError(
                f"Uppgiften finns inte i Kolada-cachen och --offline är angivet: {url}. "
                f"Hämta den först med `uppfolj kolada hamta` när nätet finns."
            )
        try:
            body = self._request(url)
        except KoladaError:
            if cached:
                return cached
            raise
        if self.cache:
            return self.cache.put(url, body)
        return CachedResponse(url, dt.datetime.now(dt.UTC).replace(microsecond=0), body)

    def get_all(self, path: str, params: dict[str, str] | None = None) -> Fetched:
        """Every page of a listing, following `next_url` (v3) or `next_page` (v2); v2 if v3 lacks the path."""
        query = dict(params or {})
        query.setdefault("per_page", str(self.per_page))
        url = f"{self.base_url}/{path.lstrip('/')}?{urlencode(query)}"
        try:
            return self._follow(url)
        except KoladaNotFound:
            fallback = _v2_url(url)
            if fallback is None:
                raise
            return self._follow(fallback)

    def _follow(self, url: str) -> Fetched:
        values: list[dict[str, Any]] = []
        oldest: dt.datetime | None = None
        all_cached = True
        seen: set[str] = set()
        next_url: str | None = url
        while next_url and next_url not in seen:
            seen.add(next_url)
            cached_before = self.cache.get(next_url) if self.cache else None
            page = self.get_page(next_url)
            all_cached = (
                all_cached and cached_before is not None and page.fetched_at == cached_before.fetched_at
            )
            oldest = page.fetched_at if oldest is None else min(oldest, page.fetched_at)
            page_values = page.body.get("values") or []
            if not isinstance(page_values, list):
                raise KoladaError(f"Oväntat svar från Kolada på {next_url}: 'values' är ingen lista.")
            values.extend(v for v in page_values if isinstance(v, dict))
            next_url = page.body.get("next_url") or page.body.get("next_page") or None
        assert oldest is not None
        return Fetched(values, oldest, all_cached)

    # ---- metadata --------------------------------------------------------------------------------
    def kpis(self, title: str | None = None, ids: list[str] | None = None) -> list[dict[str, Any]]:
        if ids:
            out: list[dict[str, Any]] = []
            for batch in batched(ids):
                out.extend(self.get_all(f"kpi/{quote(','.join(batch), safe=',')}").values)
            return out
        return self.get_all("kpi", {"title": title} if title else None).values

    def municipalities(self, ids: list[str] | None = None, title: str | None = None) -> list[dict[str, Any]]:
        if ids:
            out: list[dict[str, Any]] = []
            for batch in batched(ids):
                out.extend(self.get_all(f"municipality/{quote(','.join(batch), safe=',')}").values)
            return out
        return self.get_all("municipality", {"title": title} if title else None).values

    def municipality_groups(self, title: str | None = None) -> list[dict[str, Any]]:
        return self.get_all("municipality_groups", {"title": title} if title else None).values

    # ---- data ------------------------------------------------------------------------------------
    def data(
        self, kpis: list[str], municipalities: list[str], years: list[int]
    ) -> tuple[list[KoladaValue], dt.datetime]:
        """Values for every KPI × municipality × year, split by gender where Kolada has it."""
        out: list[KoladaValue] = []
        oldest: dt.datetime | None = None
        year_ids = [str(y) for y in years]
        for kpi_batch in batched(kpis):
            for mun_batch in batched(municipalities):
                for year_batch in batched(year_ids):
                    path = (
                        f"data/kpi/{quote(','.join(kpi_batch), safe=',')}/municipality/{quote(','.join(mun_batch), safe=',')}"
                        f"/year/{','.join(year_batch)}"
                    )
                    fetched = self.get_all(path)
                    oldest = fetched.fetched_at if oldest is None else min(oldest, fetched.fetched_at)
                    out.extend(parse_data_values(fetched.values))
        return out, oldest or dt.datetime.now(dt.UTC).replace(microsecond=0)


class KoladaNotFound(KoladaError):
    """404: the endpoint does not exist in this API version."""


def _http_error(url: str, response: httpx.Response) -> KoladaError:
    detail = ""
    try:
        body = response.json()
        if isinstance(body, dict):
            detail = str(body.get("error") or body.get("message") or body.get("detail") or "")
    except ValueError:
        detail = response.text[:200]
    message = f"Kolada svarade HTTP {response.status_code} på {url}" + (f": {detail}" if detail else ".")
    if response.status_code == 404:
        return KoladaNotFound(message)
    return KoladaError(message + " Kontrollera nyckeltals-id, kommunkoder och år.")


def parse_data_values(records: Iterable[dict[str, Any]]) -> list[KoladaValue]:
    out: list[KoladaValue] = []
    for rec in records:
        kpi = str(rec.get("kpi", ""))
        mun = str(rec.get("municipality") or rec.get("municipality_id") or "")
        try:
            year = int(rec.get("period") or rec.get("year") or 0)
        except (TypeError, ValueError):
            continue
        for val in rec.get("values") or []:
            raw = val.get("value")
            gender = str(val.get("gender") or "T").upper()
            out.append(
                KoladaValue(
                    kpi=kpi,
                    kommun_id=mun,
                    ar=year,
                    kon=gender if gender in ("K", "M", "T") else "T",
                    varde=None if raw is None else float(raw),
                    status=str(val.get("status") or ""),
                )
            )
    return out
