"""`uppfolj serve`: the web dashboard on one workspace (uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer

from uppfolj.cli.common import ArbetsytaOption, console
from uppfolj.web.db import WebDB
from uppfolj.web.users import Users
from uppfolj.workspace import open_workspace

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 140


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        arbetsyta: ArbetsytaOption = None,
        host: Annotated[str, typer.Option("--host", help="Adress att lyssna på.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="Port att lyssna på.", min=1, max=65535)] = 8000,
        certifikat: Annotated[
            str | None, typer.Option("--certfil", help="TLS-certifikat (PEM); då används https.")
        ] = None,
        nyckel: Annotated[str | None, typer.Option("--nyckelfil", help="TLS-nyckel (PEM).")] = None,
        proxy: Annotated[
            list[str] | None,
            typer.Option(
                "--proxy",
                help="Adress (eller nät, t.ex. 10.0.0.0/24) till en betrodd omvänd proxy som sköter TLS. "
                "Bara från den läses X-Forwarded-Proto och X-Forwarded-For; kakor blir Secure och HSTS "
                "skickas när proxyn anger https. Kan anges flera gånger; ersätter webb: proxy: i "
                "uppfolj.yaml.",
            ),
        ] = None,
    ) -> None:
        """Starta webbgränssnittet för arbetsytan."""
        import uvicorn

        from uppfolj.web import create_app
        from uppfolj.web.app import proxies_of

        ws = open_workspace(arbetsyta)
        proxies = list(proxy) if proxy else proxies_of(ws)
        # stops here, in Swedish, when the sign-on settings are wrong
        web_app = create_app(ws, proxies=proxies)
        if not Users(WebDB.of(ws)).all():
            console.print(
                "Det finns inga användare än. Lägg till en med "
                f"[bold]uppfolj anvandare lagg-till NAMN --roll admin --arbetsyta {ws.root}[/]."
            )
        scheme = "https" if certifikat else "http"
        console.print(f"Webbgränssnittet: [bold]{scheme}://{host}:{port}/[/] (avsluta med Ctrl+C)")
        if proxies:
            console.print(f"Bakom omvänd proxy: litar på {', '.join(proxies)}.")
        uvicorn.run(
            web_app,
            host=host,
            port=port,
            ssl_certfile=certifikat,
            ssl_keyfile=nyckel,
            log_level="warning",
            server_header=False,
            # forwarded headers are read by the app itself, from the trusted proxies only (see create_app)
            proxy_headers=False,
        )
