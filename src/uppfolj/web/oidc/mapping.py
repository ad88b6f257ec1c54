"""From the groups in an ID token to a role and a unit, by the workspace's `roller` and `enheter` mappings.

- The role is the highest role of the user's groups under `roller` (`lasare` < `analytiker` < `admin`).
- A group under `enheter` makes its member a reader of that unit. Units restrict readers only: a user whose
  groups also give `analytiker` or `admin` sees every unit, as local accounts do. A reader in the groups of
  two or more units is refused, since a reader sees one unit.
- A user with no mapped group is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from uppfolj.web.users import ROLES


@dataclass(frozen=True)
class Grant:
    roll: str
    enhet: str | None
    #: the user's groups that gave the grant, for the audit log
    grupper: tuple[str, ...]


class Refused(Exception):
    """The provider vouched for the user, but uppfolj's mapping gives them no access. Message in Swedish."""


def groups_of(claims: dict[str, Any], claim: str) -> list[str]:
    """The claim's group names or ids: a list of strings, or one string."""
    if claim in claims.get("_claim_names", {}):
        # Entra ID sends a reference instead of the list when the user is in too many groups (overage)
        raise Refused(
            f"Identitetsleverantören skickade inte gruppanspråket {claim!r} utan en hänvisning, eftersom du "
            f"är med i för många grupper. Administratören kan begränsa anspråket till de grupper som är "
            f"tilldelade programmet uppfolj."
        )
    value = claims.get(claim)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str | int)]
    return []


def grant(groups: list[str], roles: dict[str, str], units: dict[str, str]) -> Grant:
    role_groups = [g for g in groups if g in roles]
    unit_groups = [g for g in groups if g in units]
    if not role_groups and not unit_groups:
        raise Refused(
            "Du är inloggad hos kommunens identitetsleverantör, men inte med i någon grupp som ger "
            "behörighet till uppfolj. Be den som administrerar behörigheterna att lägga till dig i rätt grupp."
        )
    role = max((roles[g] for g in role_groups), key=ROLES.index, default="lasare")
    if role != "lasare":
        return Grant(role, None, tuple(g for g in role_groups if roles[g] == role))
    unit_names = sorted({units[g] for g in unit_groups})
    if len(unit_names) > 1:
        raise Refused(
            f"Du är med i grupper för flera enheter ({', '.join(unit_names)}). En läsare kan bara knytas till "
            f"en enhet. Be den som administrerar behörigheterna att ta bort dig ur alla utom en av grupperna."
        )
    if unit_names:
        return Grant("lasare", unit_names[0], tuple(unit_groups))
    return Grant("lasare", None, tuple(role_groups))
