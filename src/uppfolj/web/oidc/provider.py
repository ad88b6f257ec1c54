"""The identity provider as uppfolj talks to it: discovery, the authorization URL, the code exchange, the
ID token's validation and the RP-initiated logout URL.

Authlib supplies the protocol pieces (PKCE challenge, request encoding, client authentication, the OpenID
Connect ID token claim checks) and joserfc, Authlib's JOSE library, the signature check against the
provider's published keys. HTTP goes through httpx with short timeouts, so that an unreachable provider
gives a Swedish page within seconds instead of a hanging request.

Nothing here logs or returns the client secret, the authorization code or a token: failures carry a Swedish
reason fit for the audit log and the page.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
from authlib.common.urls import add_params_to_uri
from authlib.oauth2.auth import ClientAuth
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri, prepare_token_request
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    ClaimError,
    ExpiredTokenError,
    InvalidKeyIdError,
    JoseError,
    MissingClaimError,
    UnsupportedAlgorithmError,
)
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

from uppfolj.web.oidc.settings import OidcSettings

#: how long discovery and the key set are kept before they are fetched again
METADATA_SECONDS = 3600
#: clock skew allowed on exp and iat (Authlib's client uses the same)
LEEWAY_SECONDS = 120
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
#: signature algorithms with a public key; "none" and the HMAC family are never accepted for an ID token
ASYMMETRIC = ("RS", "PS", "ES", "Ed")
_CLAIM_REASONS = {
    "iss": "ID-token kommer från en annan utfärdare än den inställda (iss)",
    "aud": "ID-token är utfärdad för ett annat program än uppfolj (aud)",
    "azp": "ID-token är utfärdad för ett annat program än uppfolj (azp)",
    "nonce": "ID-tokens nonce stämmer inte med inloggningsförsöket",
    "iat": "ID-tokens utfärdandetid ligger i framtiden (iat)",
    "nbf": "ID-token gäller ännu inte (nbf)",
    "at_hash": "ID-tokens at_hash stämmer inte med åtkomsttoken",
}


class ProviderUnavailable(Exception):
    """The provider did not answer, or not as an OpenID Connect provider should. Message in Swedish."""


class SignOnFailed(Exception):
    """The sign-on cannot be completed: the reason in Swedish, without any token or secret."""


class Provider:
    def __init__(self, settings: OidcSettings, client: httpx.Client | None = None) -> None:
        self.settings = settings
        self._http = client or httpx.Client(timeout=TIMEOUT, follow_redirects=False)
        self._lock = threading.Lock()
        self._metadata: tuple[float, dict[str, Any]] | None = None
        self._keys: tuple[float, KeySet] | None = None

    # discovery and keys

    def metadata(self) -> dict[str, Any]:
        """The provider's discovery document (cached), checked against the configured issuer."""
        with self._lock:
            if self._metadata and time.monotonic() - self._metadata[0] < METADATA_SECONDS:
                return self._metadata[1]
        url = self.settings.issuer.rstrip("/") + "/.well-known/openid-configuration"
        document = self._get_json(url, "inställningarna (discovery)")
        issuer = document.get("issuer")
        if issuer != self.settings.issuer:
            raise ProviderUnavailable(
                f"Identitetsleverantören uppger utfärdaren {issuer!r}, men uppfolj.yaml anger "
                f"{self.settings.issuer!r}. Skriv leverantörens värde i inloggning.oidc.utfardare."
            )
        missing = [k for k in ("authorization_endpoint", "token_endpoint", "jwks_uri") if not document.get(k)]
        if missing:
            raise ProviderUnavailable(
                f"Identitetsleverantörens inställningar saknar {', '.join(missing)}. "
                f"Kontrollera inloggning.oidc.utfardare."
            )
        with self._lock:
            self._metadata = (time.monotonic(), document)
        return document

    def key_set(self, *, refresh: bool = False) -> KeySet:
        with self._lock:
            if not refresh and self._keys and time.monotonic() - self._keys[0] < METADATA_SECONDS:
                return self._keys[1]
        document = self._get_json(self.metadata()["jwks_uri"], "nycklarna (JWKS)")
        try:
            keys = KeySet.import_key_set(document)  # type: ignore[arg-type]
        except (JoseError, ValueError, TypeError, KeyError) as exc:
            raise ProviderUnavailable("Identitetsleverantörens nycklar (JWKS) går inte att läsa.") from exc
        with self._lock:
            self._keys = (time.monotonic(), keys)
        return keys

    def algorithms(self) -> list[str]:
        offered = self.metadata().get("id_token_signing_alg_values_supported") or ["RS256"]
        return [a for a in offered if isinstance(a, str) and a.startswith(ASYMMETRIC)]

    def _get_json(self, url: str, what: str) -> dict[str, Any]:
        try:
            response = self._http.get(url, headers={"Accept": "application/json"})
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from None
        if response.status_code != 200:
            raise ProviderUnavailable(
                f"Kommunens identitetsleverantör ({self.settings.issuer}) svarade {response.status_code} "
                f"när uppfolj hämtade {what}."
            )
        try:
            document = response.json()
        except ValueError:
            document = None
        if not isinstance(document, dict):
            raise ProviderUnavailable(f"Identitetsleverantörens svar med {what} är inte JSON.")
        return document

    def _unreachable(self, exc: httpx.HTTPError) -> ProviderUnavailable:
        if isinstance(exc, httpx.TimeoutException):
            why = "svarade inte inom tidsgränsen"
        elif isinstance(exc, httpx.ConnectError):
            why = "det gick inte att ansluta"
        else:
            why = "nätverksfel"
        return ProviderUnavailable(
            f"Kommunens identitetsleverantör ({self.settings.issuer}) svarar inte just nu ({why})."
        )

    # the flow

    def authorization_url(self, redirect_uri: str, state: str, nonce: str, code_verifier: str) -> str:
        return str(
            prepare_grant_uri(
                self.metadata()["authorization_endpoint"],
                self.settings.client_id,
                "code",
                redirect_uri=redirect_uri,
                scope=" ".join(self.settings.scopes),
                state=state,
                nonce=nonce,
                code_challenge=create_s256_code_challenge(code_verifier),
                code_challenge_method="S256",
            )
        )

    def exchange(self, code: str, redirect_uri: str, code_verifier: str) -> dict[str, Any]:
        """The token endpoint's answer for an authorization code (PKCE verifier and client secret sent)."""
        metadata = self.metadata()
        methods = metadata.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
        method = "client_secret_basic" if "client_secret_basic" in methods else "client_secret_post"
        body = prepare_token_request(
            "authorization_code", code=code, redirect_uri=redirect_uri, code_verifier=code_verifier
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
        auth = ClientAuth(self.settings.client_id, self.settings.client_secret(), method)
        uri, headers, body = auth.prepare("POST", metadata["token_endpoint"], headers, body)
        try:
            response = self._http.post(uri, headers=headers, content=body)
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from None
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            raise SignOnFailed(
                f"identitetsleverantörens tokensvar är inte JSON (status {response.status_code})"
            )
        if response.status_code != 200 or "error" in answer:
            error = str(answer.get("error", response.status_code))[:60]
            raise SignOnFailed(f"identitetsleverantören godtog inte inloggningskoden ({error})")
        if not isinstance(answer.get("id_token"), str):
            raise SignOnFailed("identitetsleverantörens svar saknar ID-token (är openid med i omfang?)")
        return answer

    def validate_id_token(self, id_token: str, nonce: str, access_token: str | None = None) -> dict[str, Any]:
        """The ID token's claims once its signature (the provider's keys, its algorithms) and its iss, aud,
        exp, iat, nonce, azp and at_hash hold; else SignOnFailed with the reason."""
        algorithms = self.algorithms()
        if not algorithms:
            raise SignOnFailed("identitetsleverantören anger ingen signaturalgoritm med publik nyckel")
        registry = JWSRegistry(algorithms=algorithms, strict_check_header=False)
        try:
            try:
                token = jwt.decode(id_token, self.key_set(), registry=registry)
            except InvalidKeyIdError:
                # the provider may have rotated its keys since they were fetched
                token = jwt.decode(id_token, self.key_set(refresh=True), registry=registry)
            params = {"nonce": nonce, "client_id": self.settings.client_id}
            if access_token:
                params["access_token"] = access_token
            claims = CodeIDToken(
                token.claims,
                token.header,
                {
                    "iss": {"essential": True, "value": self.settings.issuer},
                    "aud": {"essential": True, "value": self.settings.client_id},
                    "nonce": {"essential": True, "value": nonce},
                },
                params,
            )
            claims.validate(leeway=LEEWAY_SECONDS)
        except BadSignatureError:
            raise SignOnFailed(
                "ID-tokens signatur stämmer inte med identitetsleverantörens nycklar"
            ) from None
        except ExpiredTokenError:
            raise SignOnFailed("ID-token har gått ut (exp)") from None
        except MissingClaimError as exc:
            raise SignOnFailed(f"ID-token saknar anspråket {exc.claim}") from None
        except ClaimError as exc:
            reason = _CLAIM_REASONS.get(exc.claim, f"ID-tokens anspråk {exc.claim} är ogiltigt")
            raise SignOnFailed(reason) from None
        except UnsupportedAlgorithmError:
            raise SignOnFailed(
                "ID-token är signerad med en algoritm som identitetsleverantören inte anger (alg)"
            ) from None
        except InvalidKeyIdError:
            raise SignOnFailed(
                "ID-token är signerad med en nyckel som identitetsleverantören inte har"
            ) from None
        except (JoseError, ValueError, TypeError):
            raise SignOnFailed("ID-token kan inte läsas (inte en giltig signerad JWT)") from None
        return dict(claims)

    def logout_url(self, id_token_hint: str, post_logout_redirect_uri: str) -> str | None:
        """RP-initiated logout at the provider, or None when it does not offer it (or cannot be reached)."""
        try:
            endpoint = self.metadata().get("end_session_endpoint")
        except ProviderUnavailable:
            return None
        if not isinstance(endpoint, str) or not endpoint:
            return None
        params = [
            ("id_token_hint", id_token_hint),
            ("post_logout_redirect_uri", post_logout_redirect_uri),
            ("client_id", self.settings.client_id),
        ]
        return str(add_params_to_uri(endpoint, params))
