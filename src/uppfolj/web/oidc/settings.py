"""The sign-on settings (`inloggning:` in uppfolj.yaml): local accounts on or off, and OpenID Connect.

    inloggning:
      lokala_konton: true                 # false: only the municipality's identity provider
      oidc:
        utfardare: https://login.microsoftonline.com/<katalog-id>/v2.0
        klient_id: 7d5c…
        klienthemlighet_fil: /etc/uppfolj/oidc-hemlighet    # or klienthemlighet_miljo: UPPFOLJ_OIDC_HEMLIGHET
        omfang: [openid, profile, email]  # optional, this is the default
        gruppansprak: groups              # optional: the ID token claim that lists the user's groups
        adress: https://uppfolj.kommun.se # optional: the public address behind a reverse proxy
        roller:                           # group → role
          "<grupp-id>": analytiker
        enheter:                          # group → unit (readers see only that unit)
          "<grupp-id>": Jobbtorget

The client secret is never in the file: a literal secret is refused, so that the yaml (which is copied,
mailed and put under version control) never carries it. It is read from a file or an environment variable
each time the server starts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from authlib.common.security import is_secure_transport

from uppfolj.errors import WorkspaceError
from uppfolj.web.users import ROLES
from uppfolj.workspace import Config

SECTION = "inloggning"
#: keys under `inloggning.oidc` that would hold the secret itself
LITERAL_SECRET_KEYS = ("klienthemlighet", "client_secret", "hemlighet", "secret")
OIDC_KEYS = (
    "utfardare",
    "klient_id",
    "klienthemlighet_fil",
    "klienthemlighet_miljo",
    "omfang",
    "gruppansprak",
    "adress",
    "roller",
    "enheter",
)
DEFAULT_SCOPES = ("openid", "profile", "email")


@dataclass(frozen=True)
class OidcSettings:
    issuer: str
    client_id: str
    #: where the secret comes from, for messages (`filen /etc/…` or `miljövariabeln X`); never the secret
    secret_source: str
    scopes: tuple[str, ...]
    groups_claim: str
    #: the public base URL (no trailing slash), or None to take it from the request
    public_url: str | None
    roles: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    _secret: str = field(default="", repr=False)

    def client_secret(self) -> str:
        return self._secret


@dataclass(frozen=True)
class SignOnSettings:
    local_accounts: bool = True
    oidc: OidcSettings | None = None


def _where(key: str) -> str:
    return f"{SECTION}.oidc.{key} i uppfolj.yaml"


def sign_on_settings(config: Config, environ: dict[str, str] | None = None) -> SignOnSettings:
    """The workspace's sign-on settings; a Swedish WorkspaceError says what is wrong and what to write."""
    raw = config.ovrigt.get(SECTION)
    if raw is None:
        return SignOnSettings()
    if not isinstance(raw, dict):
        raise WorkspaceError(
            f"Avsnittet {SECTION} i uppfolj.yaml ska ha nycklarna lokala_konton och oidc. Rätta avsnittet."
        )
    unknown = sorted(set(raw) - {"lokala_konton", "oidc"})
    if unknown:
        raise WorkspaceError(
            f"Okänd nyckel {', '.join(unknown)} i avsnittet {SECTION} i uppfolj.yaml. "
            f"Tillåtna nycklar: lokala_konton, oidc."
        )
    local = raw.get("lokala_konton", True)
    if not isinstance(local, bool):
        raise WorkspaceError(f"{SECTION}.lokala_konton i uppfolj.yaml ska vara true eller false.")
    oidc = _oidc(raw["oidc"], os.environ if environ is None else environ) if raw.get("oidc") else None
    if not local and oidc is None:
        raise WorkspaceError(
            f"{SECTION}.lokala_konton är false men {SECTION}.oidc saknas i uppfolj.yaml: ingen skulle kunna "
            f"logga in. Ställ in oidc eller sätt lokala_konton: true."
        )
    return SignOnSettings(local_accounts=local, oidc=oidc)


def _oidc(raw: Any, environ: Any) -> OidcSettings:
    if not isinstance(raw, dict):
        raise WorkspaceError(f"{SECTION}.oidc i uppfolj.yaml ska vara en mappning med nycklar som utfardare.")
    literal = [k for k in raw if str(k).lower() in LITERAL_SECRET_KEYS]
    if literal:
        raise WorkspaceError(
            f"Klienthemligheten får inte stå i uppfolj.yaml ({SECTION}.oidc.{literal[0]}). Ta bort raden, "
            f"lägg hemligheten i en fil som bara tjänsten kan läsa och ange filen med klienthemlighet_fil, "
            f"eller ange en miljövariabel med klienthemlighet_miljo."
        )
    unknown = sorted(str(k) for k in set(raw) - set(OIDC_KEYS))
    if unknown:
        raise WorkspaceError(
            f"Okänd nyckel {', '.join(unknown)} i {SECTION}.oidc i uppfolj.yaml. "
            f"Tillåtna nycklar: {', '.join(OIDC_KEYS)}."
        )
    issuer = _text(raw, "utfardare", "t.ex. https://login.microsoftonline.com/<katalog-id>/v2.0")
    if not is_secure_transport(issuer) or urlsplit(issuer).query or urlsplit(issuer).fragment:
        raise WorkspaceError(
            f"{_where('utfardare')} ska vara en https-adress utan frågedel (http bara mot den egna datorn), "
            f"inte {issuer!r}."
        )
    client_id = _text(raw, "klient_id", "programmets (klientens) id från identitetsleverantören")
    source, secret = _secret(raw, environ)
    scopes = _scopes(raw.get("omfang"))
    claim = str(raw.get("gruppansprak") or "groups").strip()
    public_url = raw.get("adress")
    if public_url is not None:
        public_url = str(public_url).rstrip("/")
        parts = urlsplit(public_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise WorkspaceError(
                f"{_where('adress')} ska vara uppfoljs publika adress, t.ex. https://uppfolj.kommun.se, "
                f"inte {public_url!r}."
            )
    roles = _mapping(raw, "roller")
    for group, role in roles.items():
        if role not in ROLES:
            raise WorkspaceError(
                f"{_where('roller')}: gruppen {group!r} har rollen {role!r}, som inte finns. "
                f"Välj admin, analytiker eller lasare."
            )
    units = _mapping(raw, "enheter")
    if not roles and not units:
        raise WorkspaceError(
            f"{SECTION}.oidc i uppfolj.yaml saknar både roller och enheter: ingen grupp skulle ge "
            f"behörighet. Ange vilka grupper som ger vilken roll under roller."
        )
    return OidcSettings(
        issuer=issuer,
        client_id=client_id,
        secret_source=source,
        scopes=scopes,
        groups_claim=claim,
        public_url=public_url,
        roles=roles,
        units=units,
        _secret=secret,
    )


def _text(raw: dict[str, Any], key: str, example: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise WorkspaceError(f"{_where(key)} saknas eller är tom. Ange {example}.")
    return value.strip()


def _secret(raw: dict[str, Any], environ: Any) -> tuple[str, str]:
    path, variable = raw.get("klienthemlighet_fil"), raw.get("klienthemlighet_miljo")
    if bool(path) == bool(variable):
        raise WorkspaceError(
            f"Ange var klienthemligheten finns med precis en av {SECTION}.oidc.klienthemlighet_fil "
            f"(en fil) och {SECTION}.oidc.klienthemlighet_miljo (namnet på en miljövariabel) i uppfolj.yaml."
        )
    if path:
        source = f"filen {path}"
        try:
            secret = Path(str(path)).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise WorkspaceError(
                f"Klienthemligheten kan inte läsas från {source} ({exc.strerror}). "
                f"Kontrollera sökvägen i {_where('klienthemlighet_fil')} och att tjänsten får läsa filen."
            ) from None
    else:
        source = f"miljövariabeln {variable}"
        secret = str(environ.get(str(variable), "")).strip()
    if not secret:
        raise WorkspaceError(
            f"Klienthemligheten i {source} är tom. Lägg in hemligheten från identitetsleverantören."
        )
    return source, secret


def _scopes(value: Any) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_SCOPES
    items = value.split() if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(s, str) and s.strip() for s in items):
        raise WorkspaceError(f"{_where('omfang')} ska vara en lista, t.ex. [openid, profile, email].")
    scopes = tuple(dict.fromkeys(s.strip() for s in items))
    if "openid" not in scopes:
        raise WorkspaceError(f"{_where('omfang')} måste innehålla openid. Lägg till openid i listan.")
    return scopes


def _mapping(raw: dict[str, Any], key: str) -> dict[str, str]:
    value = raw.get(key) or {}
    if not isinstance(value, dict) or not all(
        isinstance(v, str) and v.strip() and str(k).strip() for k, v in value.items()
    ):
        raise WorkspaceError(
            f'{_where(key)} ska vara en mappning grupp → värde, t.ex.\n  {key}:\n    "<grupp-id>": '
            f"{'analytiker' if key == 'roller' else 'Jobbtorget'}"
        )
    return {str(k).strip(): v.strip() for k, v in value.items()}
