"""A local fake of the Kolada API on 127.0.0.1, serving recorded-shape responses (v3 and v2).

Responses follow the real API's shapes: listings `{"count", "values", next link}`; v3 links the next page
with `next_url`, v2 with `next_page`; data records `{"kpi", "municipality", "period", "values": [{"count",
"gender", "status", "value"}]}` with `value: null` for a missing figure. Errors answer
`{"error": "..."}` with a 4xx status.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

KPIS = [
    {
        "id": "N31807",
        "title": "Kostnad för ekonomiskt bistånd, kr/inv",
        "is_divided_by_gender": 0,
        "municipality_type": "K",
    },
    {
        "id": "N31816",
        "title": "Invånare som erhållit ekonomiskt bistånd, andel (%)",
        "is_divided_by_gender": 1,
        "municipality_type": "K",
    },
    {
        "id": "N31834",
        "title": "Invånare med långvarigt ekonomiskt bistånd, andel (%)",
        "is_divided_by_gender": 1,
        "municipality_type": "K",
    },
    {
        "id": "N31999",
        "title": "Unga med ekonomiskt bistånd, andel (%)",
        "is_divided_by_gender": 0,
        "municipality_type": "K",
    },
    {
        "id": "N17401",
        "title": "Kostnad för arbetsmarknadsåtgärder, kr/inv",
        "is_divided_by_gender": 0,
        "municipality_type": "K",
    },
    {
        "id": "U31462",
        "title": "Deltagare i kommunala arbetsmarknadsinsatser som gått till arbete eller studier, andel (%)",
        "is_divided_by_gender": 1,
        "municipality_type": "K",
    },
    {
        "id": "L00001",
        "title": "Ekonomiskt bistånd i regionen, andel (%)",
        "is_divided_by_gender": 0,
        "municipality_type": "L",
    },
]

MUNICIPALITIES = {
    "0484": "Eskilstuna",
    "2180": "Gävle",
    "0680": "Jönköping",
    "0580": "Linköping",
    "0581": "Norrköping",
    "0181": "Södertälje",
    "0380": "Uppsala",
    "1980": "Västerås",
    "1880": "Örebro",
    "0999": "Demokommun",
}

#: (kpi, municipality, year) -> {gender: value}; None = Kolada has the row but no value
DATA: dict[tuple[str, str, int], dict[str, float | None]] = {}


def add(kpi: str, mun: str, year: int, **by_gender: float | None) -> None:
    DATA[(kpi, mun, year)] = dict(by_gender)


class State:
    def __init__(self) -> None:
        self.requests: list[str] = []
        #: path prefix -> list of statuses to answer before answering normally
        self.failures: dict[str, list[int]] = {}
        self.retry_after: str | None = None
        self.page_size = 3


class Handler(BaseHTTPRequestHandler):
    state: State

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _send(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        st = self.state
        st.requests.append(self.path)
        url = urlparse(self.path)
        parts = [unquote(p) for p in url.path.strip("/").split("/")]
        query = parse_qs(url.query)
        for prefix, statuses in st.failures.items():
            if url.path.startswith(prefix) and statuses:
                status = statuses.pop(0)
                headers = {"Retry-After": st.retry_after} if status == 429 and st.retry_after else None
                self._send(status, {"error": "tillfälligt fel"}, headers)
                return
        if not parts or parts[0] not in ("v2", "v3"):
            self._send(404, {"error": "not found"})
            return
        version, rest = parts[0], parts[1:]
        if rest[:1] == ["municipality_groups"]:
            if version == "v3":
                self._send(404, {"error": "Not Found"})
                return
            values = [
                {
                    "id": "G124026",
                    "title": "R9",
                    "members": [{"id": k, "title": v} for k, v in MUNICIPALITIES.items() if k != "0999"],
                }
            ]
            self._page(version, values, query)
            return
        if rest[:1] == ["kpi"]:
            if len(rest) > 1:
                ids = rest[1].split(",")
                values = [k for k in KPIS if k["id"] in ids]
            else:
                title = (query.get("title") or [""])[0].lower()
                values = [k for k in KPIS if title in k["title"].lower()]
            self._page(version, values, query)
            return
        if rest[:1] == ["municipality"]:
            ids = rest[1].split(",") if len(rest) > 1 else list(MUNICIPALITIES)
            values = [{"id": i, "title": MUNICIPALITIES[i], "type": "K"} for i in ids if i in MUNICIPALITIES]
            self._page(version, values, query)
            return
        if (
            rest[:1] == ["data"]
            and len(rest) == 7
            and rest[1] == "kpi"
            and rest[3] == "municipality"
            and rest[5] == "year"
        ):
            kpis, muns, years = rest[2].split(","), rest[4].split(","), [int(y) for y in rest[6].split(",")]
            if any(not k.startswith(("N", "U", "L")) for k in kpis):
                self._send(400, {"error": f"Invalid KPI id: {rest[2]}"})
                return
            values = []
            for k in kpis:
                for m in muns:
                    for y in years:
                        if (k, m, y) in DATA:
                            values.append(
                                {
                                    "kpi": k,
                                    "municipality": m,
                                    "period": y,
                                    "values": [
                                        {
                                            "count": 1 if v is not None else 0,
                                            "gender": g,
                                            "status": "" if v is not None else "Saknas",
                                            "value": v,
                                        }
                                        for g, v in DATA[(k, m, y)].items()
                                    ],
                                }
                            )
            self._page(version, values, query)
            return
        self._send(404, {"error": "Not Found"})

    def _page(self, version: str, values: list[dict[str, Any]], query: dict[str, list[str]]) -> None:
        size = self.state.page_size
        page = int((query.get("page") or ["1"])[0])
        chunk = values[(page - 1) * size : page * size]
        body: dict[str, Any] = {"count": len(chunk), "values": chunk}
        if page * size < len(values):
            q = {k: v[0] for k, v in query.items()}
            q["page"] = str(page + 1)
            next_link = f"http://{self.headers['Host']}{urlparse(self.path).path}?" + "&".join(
                f"{k}={v}" for k, v in q.items()
            )
            body["next_url" if version == "v3" else "next_page"] = next_link
        elif version == "v3":
            body["next_url"] = None
        if page > 1:
            body["previous_url" if version == "v3" else "previous_page"] = "prev"
        self._send(200, body)


@contextmanager
def serve() -> Iterator[tuple[str, State]]:
    state = State()
    handler = type("BoundHandler", (Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
