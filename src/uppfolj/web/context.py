"""The web application's one context object, built by `create_app` and kept on `app.state.ctx`."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi.templating import Jinja2Templates

from uppfolj.web.audit import AuditLog
from uppfolj.web.data import DataService
from uppfolj.web.db import WebDB
from uppfolj.web.goals import GoalService
from uppfolj.web.oidc.provider import Provider
from uppfolj.web.oidc.settings import SignOnSettings
from uppfolj.web.sessions import Sessions
from uppfolj.web.throttle import LoginThrottle
from uppfolj.web.users import Users
from uppfolj.workspace import Workspace


@dataclass
class WebContext:
    ws: Workspace
    db: WebDB
    users: Users
    sessions: Sessions
    audit: AuditLog
    limiter: LoginThrottle
    data: DataService
    templates: Jinja2Templates
    goals: GoalService
    #: local accounts on or off, and the identity provider's settings (`inloggning:` in uppfolj.yaml)
    signon: SignOnSettings = field(default_factory=SignOnSettings)
    #: the identity provider, when one is configured
    oidc: Provider | None = None
