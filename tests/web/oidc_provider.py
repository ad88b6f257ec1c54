"""A real OpenID Connect provider on loopback for the sign-on tests: oidc-provider-mock (Flask, Authlib's
authorization server) with client registration required, served by werkzeug in a background thread.

`Tampering` wraps it so that a test can make the provider misbehave the way an attacker or a broken
provider would: the token endpoint's ID token is altered (payload changed under the provider's own
signature, or re-signed with a key the provider publishes but with a wrong audience, an expiry in the past
or another nonce), or its error answer echoes the client's credentials back.

The provider's users (sub → claims); `groups` holds what the directory would send:
  anna    Anna Analytiker      grp-analytiker                → analytiker
  bertil  Bertil Enhetsläsare  grp-jobbtorget, grp-personal  → läsare of Jobbtorget
  cecilia Cecilia Utanför      grp-personal                  → no mapped group: refused
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import oidc_provider_mock
import werkzeug.serving
from joserfc import jwt
from joserfc.jwk import RSAKey

USERS = {
    "anna": {"name": "Anna Analytiker", "groups": ["grp-analytiker"]},
    "bertil": {"name": "Bertil Enhetsläsare", "groups": ["grp-jobbtorget", "grp-personal"]},
    "cecilia": {"name": "Cecilia Utanför", "groups": ["grp-personal"]},
}
ROLES = {"grp-admin": "admin", "grp-analytiker": "analytiker"}
UNITS = {"grp-jobbtorget": "Jobbtorget"}
#: a key the tampering provider publishes beside its own, so that re-signed tokens pass the signature check
TEST_KEY = RSAKey.generate_key(2048, parameters={"kid": "testnyckel"}, private=True)

Environ = dict[str, Any]
StartResponse = Callable[..., Any]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims_of(id_token: str) -> dict[str, Any]:
    payload = id_token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))  # type: ignore[no-any-return]


def _resign(claims: dict[str, Any]) -> str:
    return jwt.encode({"alg": "RS256", "kid": "testnyckel"}, claims, TEST_KEY)


def tamper_id_token(mode: str, id_token: str) -> str:
    """The ID token as the misbehaving provider hands it out in `mode`."""
    claims = _claims_of(id_token)
    if mode == "signatur":
        # an attacker's edit of the payload (a group that gives admin) under the provider's own signature
        header, _, signature = id_token.split(".")
        claims["groups"] = ["grp-admin"]
        return ".".join((header, _b64(json.dumps(claims).encode()), signature))
    if mode == "mottagare":
        claims["aud"] = "ett-annat-program"
    elif mode == "utgang":
        now = int(time.time())
        claims["iat"], claims["exp"] = now - 7200, now - 3600
    elif mode == "nonce":
        claims["nonce"] = "ett-annat-forsok"
    elif mode != "omsignerad":
        raise ValueError(mode)
    return _resign(claims)


class Tampering:
    """WSGI middleware around the provider; `mode` None passes everything through unchanged."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.mode: str | None = None

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if self.mode is None or path not in ("/jwks", "/oauth2/token"):
            return self.app(environ, start_response)  # type: ignore[no-any-return]
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
            captured["status"], captured["headers"] = status, headers

        body = json.loads(b"".join(self.app(environ, capture)))
        status = captured["status"]
        if path == "/jwks":
            body["keys"].append(TEST_KEY.as_dict(private=False))
        elif self.mode == "ekar":
            # a broken provider that echoes the client's credentials into its error answer
            status = "400 BAD REQUEST"
            body = {
                "error": "invalid_client",
                "error_description": f"{environ.get('HTTP_AUTHORIZATION', '')} {environ.get('QUERY_STRING', '')}",
            }
        elif "id_token" in body:
            body["id_token"] = tamper_id_token(self.mode, body["id_token"])
        data = json.dumps(body).encode()
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        start_response(status, [*headers, ("Content-Length", str(len(data)))])
        return [data]


@contextmanager
def provider() -> Iterator[tuple[str, Tampering]]:
    """The provider's issuer URL (http://localhost:port) and its tampering switch."""
    app = Tampering(
        oidc_provider_mock.app(
            require_client_registration=True,
            require_nonce=True,
            user_claims=[oidc_provider_mock.User(sub=sub, claims=claims) for sub, claims in USERS.items()],
        )
    )
    server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_port}", app
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


def register(issuer: str, redirect_uri: str) -> tuple[str, str]:
    """A client registered at the provider (RFC 7591): its id and secret."""
    answer = httpx.post(
        issuer + "/oauth2/clients",
        json={"redirect_uris": [redirect_uri], "token_endpoint_auth_method": "client_secret_basic"},
        timeout=10,
    )
    answer.raise_for_status()
    return answer.json()["client_id"], answer.json()["client_secret"]


def settings_section(issuer: str, client_id: str, secret_file: str, **extra: Any) -> dict[str, Any]:
    """The `inloggning:` section of uppfolj.yaml for this provider."""
    return {
        "lokala_konton": True,
        "oidc": {
            "utfardare": issuer,
            "klient_id": client_id,
            "klienthemlighet_fil": secret_file,
            "roller": dict(ROLES),
            "enheter": dict(UNITS),
            **extra,
        },
    }
