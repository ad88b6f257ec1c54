"""Sign-on settings, the group mapping, the ID token checks and the sign-on pages, without a browser.

The ID token checks run the production `Provider.validate_id_token` against a test-side provider: an httpx
transport that serves a discovery document and a key set holding a test key, with tokens signed here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey

from tests.web.conftest import login
from uppfolj.errors import WorkspaceError
from uppfolj.web import create_app
from uppfolj.web.audit import AuditLog
from uppfolj.web.db import WebDB
from uppfolj.web.oidc.mapping import Refused, grant, groups_of
from uppfolj.web.oidc.provider import Provider, SignOnFailed
from uppfolj.web.oidc.settings import OidcSettings, sign_on_settings
from uppfolj.web.sessions import COOKIE, MAX_SECONDS, ExternalIdentity, Session, Sessions
from uppfolj.workspace import Config, Workspace

ISSUER = "https://idp.example.se/tenant/v2.0"
CLIENT = "uppfolj-klient"
KEY = RSAKey.generate_key(2048, parameters={"kid": "k1"}, private=True)
OTHER_KEY = RSAKey.generate_key(2048, parameters={"kid": "k1"}, private=True)


def config(oidc: dict[str, Any] | None = None, **section: Any) -> Config:
    return Config(ovrigt={"inloggning": {**section, **({"oidc": oidc} if oidc is not None else {})}})


def oidc_section(tmp_path: Path, **extra: Any) -> dict[str, Any]:
    secret = tmp_path / "hemlighet"
    secret.write_text("s3cret-value\n")
    return {
        "utfardare": ISSUER,
        "klient_id": CLIENT,
        "klienthemlighet_fil": str(secret),
        "roller": {"g-adm": "admin"},
        **extra,
    }


# settings


def test_settings_read_secret_from_file_or_environment(tmp_path: Path) -> None:
    settings = sign_on_settings(config(oidc_section(tmp_path)))
    assert settings.local_accounts is True and settings.oidc is not None
    assert settings.oidc.client_secret() == "s3cret-value"
    assert settings.oidc.scopes == ("openid", "profile", "email")
    assert "s3cret" not in repr(settings)
    env = {k: v for k, v in oidc_section(tmp_path).items() if k != "klienthemlighet_fil"}
    env["klienthemlighet_miljo"] = "UPPFOLJ_OIDC"
    from_env = sign_on_settings(config(env), environ={"UPPFOLJ_OIDC": "fran-miljon"})
    assert from_env.oidc is not None and from_env.oidc.client_secret() == "fran-miljon"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"klienthemlighet": "abc"},
            "Klienthemligheten får inte stå i uppfolj.yaml (inloggning.oidc.klienthemlighet)",
        ),
        ({"client_secret": "abc"}, "Klienthemligheten får inte stå i uppfolj.yaml"),
        ({"klienthemlighet_miljo": "X"}, "precis en av inloggning.oidc.klienthemlighet_fil"),
        ({"klienthemlighet_fil": "/finns/inte"}, "kan inte läsas från filen /finns/inte"),
        ({"utfardare": "http://idp.example.se"}, "ska vara en https-adress"),
        ({"roller": {"g": "chef"}}, "gruppen 'g' har rollen 'chef', som inte finns"),
        ({"roller": {}}, "saknar både roller och enheter"),
        ({"omfang": ["profile"]}, "måste innehålla openid"),
        ({"klient": "x"}, "Okänd nyckel klient i inloggning.oidc"),
    ],
)
def test_settings_errors_are_swedish_and_say_what_to_do(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    with pytest.raises(WorkspaceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        sign_on_settings(config({**oidc_section(tmp_path), **change}), environ={})


def test_loopback_issuer_over_http_is_allowed_for_tests(tmp_path: Path) -> None:
    settings = sign_on_settings(config(oidc_section(tmp_path, utfardare="http://localhost:8080")))
    assert settings.oidc is not None and settings.oidc.issuer == "http://localhost:8080"


def test_local_accounts_off_needs_a_provider() -> None:
    with pytest.raises(WorkspaceError, match="ingen skulle kunna logga in"):
        sign_on_settings(config(lokala_konton=False))


# the group mapping

ROLES = {"g-adm": "admin", "g-ana": "analytiker", "g-las": "lasare"}
UNITS = {"g-jt": "Jobbtorget", "g-vs": "Verkstan"}


def test_highest_role_wins_and_units_restrict_readers_only() -> None:
    assert grant(["g-las", "g-ana"], ROLES, UNITS).roll == "analytiker"
    assert grant(["g-ana", "g-jt"], ROLES, UNITS).enhet is None  # analysts see every unit
    unit = grant(["g-jt", "x"], ROLES, UNITS)
    assert (unit.roll, unit.enhet, unit.grupper) == ("lasare", "Jobbtorget", ("g-jt",))
    assert grant(["g-las", "g-jt"], ROLES, UNITS).enhet == "Jobbtorget"
    assert grant(["g-las"], ROLES, UNITS) == grant(["g-las"], ROLES, {})


def test_no_mapped_group_or_two_units_is_refused() -> None:
    with pytest.raises(Refused, match="inte med i någon grupp som ger behörighet"):
        grant(["x", "y"], ROLES, UNITS)
    with pytest.raises(Refused, match=r"flera enheter \(Jobbtorget, Verkstan\)"):
        grant(["g-jt", "g-vs"], ROLES, UNITS)


def test_groups_claim_forms() -> None:
    assert groups_of({"groups": "g-ana"}, "groups") == ["g-ana"]
    assert groups_of({"roles": ["a", "b"]}, "roles") == ["a", "b"]
    assert groups_of({}, "groups") == []
    with pytest.raises(Refused, match="för många grupper"):
        groups_of({"_claim_names": {"groups": "src1"}}, "groups")


# the ID token checks, through the production code path


def discovery(keys: list[dict[str, Any]], algs: list[str] | None = None) -> httpx.MockTransport:
    document = {
        "issuer": ISSUER,
        "authorization_endpoint": ISSUER + "/authorize",
        "token_endpoint": ISSUER + "/token",
        "jwks_uri": ISSUER + "/keys",
        "end_session_endpoint": ISSUER + "/logout",
        "id_token_signing_alg_values_supported": algs or ["RS256"],
    }

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/.well-known/openid-configuration"):
            return httpx.Response(200, json=document)
        if request.url.path.endswith("/keys"):
            return httpx.Response(200, json={"keys": keys})
        return httpx.Response(404)

    return httpx.MockTransport(answer)


def fake_provider(keys: list[dict[str, Any]] | None = None, algs: list[str] | None = None) -> Provider:
    settings = OidcSettings(ISSUER, CLIENT, "filen x", ("openid",), "groups", None, {"g": "admin"}, {}, "s")
    transport = discovery(keys if keys is not None else [KEY.as_dict(private=False)], algs)
    return Provider(settings, httpx.Client(transport=transport))


def token(key: Any = KEY, alg: str = "RS256", kid: str = "k1", **change: Any) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "sub": "u1",
        "aud": CLIENT,
        "iat": now,
        "exp": now + 300,
        "nonce": "n1",
        **change,
    }
    return jwt.encode({"alg": alg, "kid": kid}, {k: v for k, v in claims.items() if v is not None}, key)


def test_valid_token_gives_its_claims() -> None:
    claims = fake_provider().validate_id_token(token(groups=["g"]), "n1")
    assert (claims["sub"], claims["groups"]) == ("u1", ["g"])


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (lambda: token(OTHER_KEY), "signatur stämmer inte"),
        (lambda: token(aud="annan"), r"annat program än uppfolj \(aud\)"),
        (lambda: token(aud=["annan", "tredje"]), r"annat program än uppfolj \(aud\)"),
        (lambda: token(exp=int(time.time()) - 121), r"gått ut \(exp\)"),
        (lambda: token(nonce="n2"), "nonce stämmer inte"),
        (lambda: token(nonce=None), "saknar anspråket nonce"),
        (lambda: token(iss="https://annan.example.se"), r"annan utfärdare än den inställda \(iss\)"),
        (lambda: token(iat=int(time.time()) + 3600), r"i framtiden \(iat\)"),
        (lambda: token(exp=None), "saknar anspråket exp"),
        (lambda: token(kid="okand"), "nyckel som identitetsleverantören inte har"),
        (
            lambda: token(OctKey.import_key(b"s" * 32), alg="HS256"),
            r"algoritm som identitetsleverantören inte anger",
        ),
        (lambda: "inte.en.token", "kan inte läsas"),
    ],
)
def test_tampered_or_broken_tokens_are_refused(bad: Any, reason: str) -> None:
    with pytest.raises(SignOnFailed, match=reason):
        fake_provider().validate_id_token(bad(), "n1")


def test_expiry_allows_two_minutes_of_clock_skew() -> None:
    assert fake_provider().validate_id_token(token(exp=int(time.time()) - 60), "n1")["sub"] == "u1"


def test_symmetric_algorithms_offered_by_the_provider_are_not_used() -> None:
    with pytest.raises(SignOnFailed, match="ingen signaturalgoritm med publik nyckel"):
        fake_provider(algs=["HS256", "none"]).validate_id_token(token(), "n1")


def test_rotated_keys_are_fetched_again() -> None:
    served: list[dict[str, Any]] = [KEY.as_dict(private=False)]
    provider = fake_provider(served)
    provider.validate_id_token(token(), "n1")
    new_key = RSAKey.generate_key(2048, parameters={"kid": "k2"}, private=True)
    served.append(new_key.as_dict(private=False))
    assert provider.validate_id_token(token(new_key, kid="k2"), "n1")["sub"] == "u1"


# the pages


@pytest.fixture
def oidc_workspace(workspace: Workspace, tmp_path: Path) -> Workspace:
    workspace.config.ovrigt["inloggning"] = {"oidc": oidc_section(tmp_path)}
    return workspace


def client_for(ws: Workspace, provider: Provider | None = None) -> TestClient:
    app = create_app(ws)
    if provider is not None:
        app.state.ctx.oidc = provider
    return TestClient(app, base_url="http://testserver")


def test_start_sends_pkce_state_and_nonce(oidc_workspace: Workspace) -> None:
    with client_for(oidc_workspace, fake_provider()) as client:
        assert 'href="/logga-in/oidc"' in client.get("/logga-in").text
        answer = client.get("/logga-in/oidc", follow_redirects=False)
    assert answer.status_code == 303
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    with sqlite3.connect(oidc_workspace.root / "webb.sqlite") as con:
        state, nonce, verifier = con.execute(
            "SELECT state, nonce, verifierare FROM oidc_inloggningar"
        ).fetchone()
    # RFC 7636 S256: BASE64URL(SHA256(verifier)) without padding
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert query["code_challenge"] == [challenge] and query["code_challenge_method"] == ["S256"]
    assert query["state"] == [state] and query["nonce"] == [nonce]
    assert query["redirect_uri"] == ["http://testserver/logga-in/oidc/svar"]
    assert query["client_id"] == [CLIENT] and query["response_type"] == ["code"]
    assert (
        "uppfolj_oidc=" in answer.headers["set-cookie"]
        and "samesite=lax" in answer.headers["set-cookie"].lower()
    )


def test_answer_without_this_browsers_attempt_or_with_another_state_fails(oidc_workspace: Workspace) -> None:
    with client_for(oidc_workspace, fake_provider()) as client:
        stranger = client.get("/logga-in/oidc/svar?code=c&state=s")
        assert stranger.status_code == 400 and "hittades inte i den här webbläsaren" in stranger.text
        client.get("/logga-in/oidc", follow_redirects=False)
        forged = client.get("/logga-in/oidc/svar?code=c&state=annan")
        assert forged.status_code == 400 and "hör inte till inloggningsförsöket (state)" in forged.text
        denied = client.get("/logga-in/oidc/svar?error=access_denied&state=x")
        assert "avbröts hos identitetsleverantören (access_denied)" in denied.text
    reasons = [
        e.detaljer for e in AuditLog(WebDB.of(oidc_workspace)).entries(handelse="inloggning_misslyckad")
    ]
    assert len(reasons) == 3 and all(json.loads(r)["orsak"] for r in reasons)


def test_unreachable_provider_gives_a_swedish_page(oidc_workspace: Workspace) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    settings = fake_provider().settings
    with client_for(
        oidc_workspace, Provider(settings, httpx.Client(transport=httpx.MockTransport(down)))
    ) as client:
        page = client.get("/logga-in/oidc")
    assert page.status_code == 503
    assert "Kommunens inloggning svarar inte" in page.text
    assert (
        f"Kommunens identitetsleverantör ({ISSUER}) svarar inte just nu (det gick inte att ansluta)."
        in page.text
    )
    assert "logga in med ett lokalt konto" in page.text
    last = AuditLog(WebDB.of(oidc_workspace)).entries(limit=1)[0]
    assert last.handelse == "inloggning_misslyckad" and "svarar inte" in last.detaljer


def test_local_accounts_switched_off(workspace: Workspace, tmp_path: Path) -> None:
    with client_for(workspace) as client:
        login(client, "admin")
        cookie = client.cookies.get(COOKIE)
        assert client.get("/api/admin/anvandare").status_code == 200
    workspace.config.ovrigt["inloggning"] = {"lokala_konton": False, "oidc": oidc_section(tmp_path)}
    with client_for(workspace) as client:
        page = client.get("/logga-in")
        assert 'name="losenord"' not in page.text and "Logga in med kommunens konto" in page.text
        refused = client.post(
            "/logga-in", data={"namn": "admin", "losenord": "ett-langt-losenord", "csrf": ""}
        )
        assert refused.status_code == 403 and "Lokala konton är avstängda" in refused.text
        # a local session from before the switch no longer counts
        client.cookies.set(COOKIE, cookie or "")
        assert client.get("/api/admin/anvandare").status_code == 401
    assert Sessions(WebDB.of(workspace)).get(cookie) is not None  # the row is there; the app refuses it


def test_provider_sessions_are_capped_like_every_session(workspace: Workspace) -> None:
    db = WebDB.of(workspace)
    sessions = Sessions(db)
    identity = ExternalIdentity("u1", "Anna", "analytiker", None, "id.token.x")
    token, _ = sessions.create("Anna (u1)", identity)
    assert sessions.get(token) == Session("Anna (u1)", sessions.get(token).csrf, identity)  # type: ignore[union-attr]
    with db.connect() as con:
        con.execute("UPDATE sessioner SET skapad = skapad - ?", (MAX_SECONDS + 1,))
    assert sessions.get(token) is None
    with db.connect() as con:
        # the provider's part (with the ID token) went with the session
        assert con.execute("SELECT count(*) FROM sessioner_oidc").fetchone() == (0,)


def test_admin_page_shows_which_groups_give_access(workspace: Workspace, tmp_path: Path) -> None:
    workspace.config.ovrigt["inloggning"] = {
        "oidc": oidc_section(tmp_path, roller={"g-ana": "analytiker"}, enheter={"g-jt": "Jobbtorget"})
    }
    with client_for(workspace) as client:
        login(client, "admin")
        page = client.get("/admin/anvandare").text
        summary = client.get("/api/admin/anvandare").json()["inloggning"]
    assert "<td><code>g-ana</code></td><td>Analytiker</td>" in page
    assert "<td><code>g-jt</code></td><td>Läsare, Jobbtorget</td>" in page
    assert "<td>admin</td><td>Administratör</td>" in page  # local accounts keep their role titles
    assert summary["oidc"]["roller"] == {"g-ana": "analytiker"} and summary["lokala_konton"] is True
    assert "s3cret" not in page and "s3cret" not in json.dumps(summary)
