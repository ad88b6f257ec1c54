"""`uppfolj demo`, step 90 "Webb": a demo admin account and how to start the dashboard."""

from __future__ import annotations

import secrets

from uppfolj.demo import DemoContext, demo_step
from uppfolj.web.audit import AuditLog
from uppfolj.web.db import WebDB
from uppfolj.web.users import Users

DEMO_ADMIN = "demo-admin"


@demo_step(90, "Webb")
def web_step(ctx: DemoContext) -> None:
    db = WebDB.of(ctx.workspace)
    users = Users(db)
    password = secrets.token_urlsafe(12)
    if users.get(DEMO_ADMIN) is None:
        users.add(DEMO_ADMIN, "admin", password)
    else:
        users.set_password(DEMO_ADMIN, password)
    AuditLog(db).write("demo", "anvandare", f"demokonto {DEMO_ADMIN} (admin)", "lokal")
    ctx.results.append(
        ("Webbgränssnitt", f"uppfolj serve --arbetsyta {ctx.workspace.root}  →  http://127.0.0.1:8000/")
    )
    ctx.results.append(("Demokonto (visas bara nu)", f"{DEMO_ADMIN} / {password}"))
