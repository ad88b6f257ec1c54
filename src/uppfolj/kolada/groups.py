"""Municipality groups for comparisons. R9 is predefined; more groups come from the workspace config.

Configuration (`uppfolj.yaml`):

    kolada:
      grupper:
        Grannar: ["0180", "0181"]
"""

from __future__ import annotations

from typing import Any

from uppfolj.errors import UppfoljError

#: The R9 network of nine similar municipalities, with their official municipality codes.
R9: dict[str, str] = {
    "0484": "Eskilstuna",
    "2180": "Gävle",
    "0680": "Jönköping",
    "0580": "Linköping",
    "0581": "Norrköping",
    "0181": "Södertälje",
    "0380": "Uppsala",
    "1980": "Västerås",
    "1880": "Örebro",
}

PREDEFINED: dict[str, dict[str, str]] = {"R9": R9}


def configured_groups(kolada_config: dict[str, Any]) -> dict[str, list[str]]:
    groups = {name: list(members) for name, members in PREDEFINED.items()}
    for name, members in (kolada_config.get("grupper") or {}).items():
        groups[str(name)] = [str(m).zfill(4) for m in members]
    return groups


def resolve_municipalities(spec: str, kolada_config: dict[str, Any], own: str | None = None) -> list[str]:
    """`R9`, a configured group name, or a comma list of codes; the own municipality is always included."""
    groups = configured_groups(kolada_config)
    codes: list[str] = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        if part in groups:
            codes.extend(groups[part])
        elif part.isdigit() and len(part) <= 4:
            codes.append(part.zfill(4))
        else:
            known = ", ".join(sorted(groups))
            raise UppfoljError(
                f"Okänd kommungrupp eller kommunkod {part!r}. Ange en grupp ({known}) eller fyrsiffriga "
                f"kommunkoder, t.ex. --kommuner 0180,0380. Egna grupper läggs under kolada: grupper: i "
                f"uppfolj.yaml."
            )
    if own and own != "0000" and own not in codes:
        codes.append(own)
    return list(dict.fromkeys(codes))
