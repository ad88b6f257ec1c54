"""Read and validate the goal file `mal.yaml` (format in docs/mal.md), keeping line numbers.

The file is composed into PyYAML nodes (which carry their line) and walked by hand, so every problem is
reported with its line and the walk goes on after a problem: all of them are collected, and only then does
a blocking one stop the command.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from uppfolj.goals.model import (
    DIRECTIONS,
    KON,
    GoalIndicator,
    Goals,
    KommunMal,
    Malomrade,
    NamndMal,
    Rule,
    Target,
)
from uppfolj.goals.problems import Problems, suggestion
from uppfolj.indicators.catalogue import CATALOGUE
from uppfolj.indicators.periods import Period
from uppfolj.masking import mask_pnr
from uppfolj.text import strip_diacritics

GOAL_FILE = "mal.yaml"

KEYS_TOP = ("bedomning", "malomraden")
KEYS_RULE = ("uppnatt_andel", "delvis_andel", "minsta_antal")
KEYS_OMRADE = ("namn", "kommunmal")
KEYS_KOMMUNMAL = ("namn", "namndmal")
KEYS_NAMNDMAL = ("id", "namn", "indikatorer", "bedomningstext")
KEYS_INDIKATOR = ("id", "namn", "riktning", "kon", "period", "enhet", "decimaler", "mal")
KEYS_TARGET = ("varde", "riktning")

_PERIOD = re.compile(r"^(ar|H[12]|Q[1-4]|T[1-3]|0?[1-9]|1[0-2])$")


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _scalar(node: Node) -> Any:
    """The Python value of a scalar node (int, float, str, bool, None)."""
    return SafeConstructor().construct_object(node)


class _Reader:
    """Walks the node tree, building the model and collecting problems."""

    def __init__(self, problems: Problems, manual: Mapping[str, str]) -> None:
        self.p = problems
        self.manual = manual

    # -- helpers -------------------------------------------------------------------------------------------
    def mapping(self, node: Node, keys: tuple[str, ...], what: str) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            self.p.error(_line(node), f"{what} ska vara en samling nyckel: värde.")
            return {}
        out: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = str(_scalar(key_node)) if isinstance(key_node, ScalarNode) else "?"
            if key in out:
                self.p.error(_line(key_node), f"Nyckeln {key!r} står två gånger i {what}; ta bort den ena.")
                continue
            if key not in keys:
                self.p.warning(
                    _line(key_node),
                    f"Okänd nyckel {key!r} i {what} läses inte.{suggestion(key, keys)} "
                    f"Kända nycklar: {', '.join(keys)}.",
                )
                continue
            out[key] = value_node
        return out

    def sequence(self, node: Node | None, what: str, parent: Node) -> list[Node]:
        if node is None:
            self.p.error(_line(parent), f"{what} saknas; lägg till minst en.")
            return []
        if not isinstance(node, SequenceNode) or not node.value:
            self.p.error(_line(node), f"{what} ska vara en lista med minst en post (rader som börjar med -).")
            return []
        return list(node.value)

    def name(self, keys: dict[str, Node], node: Node, what: str) -> str:
        value = keys.get("namn")
        text = _scalar(value) if isinstance(value, ScalarNode) else None
        if text is None or not str(text).strip():
            self.p.error(_line(value or node), f"{what} saknar namn; skriv det efter namn:.")
            return ""
        return str(text).strip()

    # -- levels --------------------------------------------------------------------------------------------
    def goals(self, root: Node, path: str) -> Goals:
        top = self.mapping(root, KEYS_TOP, "målfilen")
        rule = self.rule(top["bedomning"]) if "bedomning" in top else Rule()
        omraden = []
        for node in self.sequence(top.get("malomraden"), "malomraden", root):
            keys = self.mapping(node, KEYS_OMRADE, "målområdet")
            kommunmal = [self.kommunmal(k) for k in self.sequence(keys.get("kommunmal"), "kommunmal", node)]
            omraden.append(Malomrade(self.name(keys, node, "Ett målområde"), kommunmal, _line(node)))
        return Goals(omraden, rule, path)

    def kommunmal(self, node: Node) -> KommunMal:
        keys = self.mapping(node, KEYS_KOMMUNMAL, "det kommunövergripande målet")
        namndmal = [self.namndmal(n) for n in self.sequence(keys.get("namndmal"), "namndmal", node)]
        return KommunMal(self.name(keys, node, "Ett kommunövergripande mål"), namndmal, _line(node))

    def namndmal(self, node: Node) -> NamndMal:
        keys = self.mapping(node, KEYS_NAMNDMAL, "nämndmålet")
        indicators = []
        seen: set[tuple[str, str, str]] = set()
        for n in self.sequence(keys.get("indikatorer"), "indikatorer", node):
            ind = self.indicator(n)
            if ind is None:
                continue
            if (ind.id, ind.kon, ind.period) in seen:
                self.p.warning(ind.line, f"Indikatorn {ind.id!r} står redan under samma nämndmål.")
            seen.add((ind.id, ind.kon, ind.period))
            indicators.append(ind)
        name = self.name(keys, node, "Ett nämndmål")
        goal_id = str(_scalar(keys["id"])).strip() if isinstance(keys.get("id"), ScalarNode) else ""
        return NamndMal(
            name, indicators, _line(node), goal_id or goal_key(name), self.texts(keys.get("bedomningstext"))
        )

    def texts(self, node: Node | None) -> dict[int, str]:
        """`bedomningstext: {2024: "..."}`: the written assessment per year."""
        if node is None:
            return {}
        if not isinstance(node, MappingNode):
            self.p.error(
                _line(node), 'bedomningstext ska vara år: text, t.ex. 2024: "Nämndmålet bedöms uppnått ...".'
            )
            return {}
        out: dict[int, str] = {}
        for key_node, value_node in node.value:
            year = _scalar(key_node) if isinstance(key_node, ScalarNode) else None
            text = _scalar(value_node) if isinstance(value_node, ScalarNode) else None
            if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2100:
                self.p.error(
                    _line(key_node), f"{year!r} är inget år; skriv året med fyra siffror, t.ex. 2024."
                )
            elif not isinstance(text, str) or not text.strip():
                self.p.error(_line(value_node), f"bedomningstext för {year} ska vara en text.")
            else:
                out[year] = " ".join(text.split())
        return out

    def rule(self, node: Node) -> Rule:
        keys = self.mapping(node, KEYS_RULE, "bedomning")
        default = Rule()
        uppnatt = self.share(keys.get("uppnatt_andel"), default.uppnatt, "uppnatt_andel")
        delvis = self.share(keys.get("delvis_andel"), default.delvis, "delvis_andel")
        minsta = default.minsta_antal
        if "minsta_antal" in keys:
            value = _scalar(keys["minsta_antal"])
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                self.p.error(_line(keys["minsta_antal"]), "minsta_antal ska vara ett heltal, minst 1.")
            else:
                minsta = value
        if delvis > uppnatt:
            self.p.error(
                _line(keys.get("delvis_andel") or node),
                f"delvis_andel ({delvis}) är större än uppnatt_andel ({uppnatt}); delvis uppnått "
                f"ska kräva en mindre andel uppfyllda indikatorer än uppnått.",
            )
        return Rule(uppnatt, delvis, minsta)

    def share(self, node: Node | None, default: float, key: str) -> float:
        if node is None:
            return default
        value = _scalar(node)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            self.p.error(
                _line(node), f"{key} ska vara en andel mellan 0 och 1, t.ex. 0.5; nu står {value!r}."
            )
            return default
        return float(value)

    # -- indicators ----------------------------------------------------------------------------------------
    def indicator(self, node: Node) -> GoalIndicator | None:
        keys = self.mapping(node, KEYS_INDIKATOR, "indikatorn")
        line = _line(node)
        ind_id = str(_scalar(keys["id"])).strip() if isinstance(keys.get("id"), ScalarNode) else ""
        if not ind_id:
            self.p.error(line, "En indikator saknar id; skriv katalogens id eller ett manuellt id efter id:.")
            return None
        known = {*CATALOGUE, *self.manual}
        if ind_id not in known:
            self.p.error(
                _line(keys["id"]),
                f"Indikatorn {ind_id!r} finns varken i katalogen eller i manuella_varden.csv."
                f"{suggestion(ind_id, known)} Se `uppfolj indikatorer --lista`.",
            )
            return None
        direction = self.direction(keys.get("riktning"), node, "indikatorn " + ind_id)
        kon = self.kon(ind_id, keys.get("kon"))
        period = self.period(ind_id, keys.get("period"))
        targets = self.targets(keys.get("mal"), direction, ind_id)
        name = _scalar(keys["namn"]) if isinstance(keys.get("namn"), ScalarNode) else None
        unit = _scalar(keys["enhet"]) if isinstance(keys.get("enhet"), ScalarNode) else None
        decimals = None
        if "decimaler" in keys:
            value = _scalar(keys["decimaler"])
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 4:
                self.p.error(_line(keys["decimaler"]), "decimaler ska vara ett heltal 0–4.")
            else:
                decimals = value
        return GoalIndicator(
            ind_id,
            direction or "hogre",
            targets,
            str(name) if name else None,
            kon,
            period,
            str(unit) if unit is not None else None,
            decimals,
            line,
        )

    def direction(self, node: Node | None, parent: Node, what: str) -> str | None:
        if node is None:
            self.p.error(
                _line(parent), f"{what} saknar riktning; skriv riktning: hogre eller riktning: lagre."
            )
            return None
        value = str(_scalar(node))
        if value not in DIRECTIONS:
            self.p.error(
                _line(node),
                f"Riktningen {value!r} finns inte; skriv hogre (högre är bättre) eller lagre (lägre är "
                f"bättre).{suggestion(value, DIRECTIONS)}",
            )
            return None
        return value

    def kon(self, ind_id: str, node: Node | None) -> str:
        if node is None:
            return "T"
        value = str(_scalar(node))
        allowed = CATALOGUE[ind_id].kon if ind_id in CATALOGUE else KON
        if value not in allowed:
            self.p.error(
                _line(node),
                f"Kön {value!r} går inte för {ind_id}; välj {', '.join(allowed)} (T = totalt).",
            )
            return "T"
        return value

    def period(self, ind_id: str, node: Node | None) -> str:
        if node is None:
            return "ar"
        value = str(_scalar(node))
        if not _PERIOD.match(value):
            self.p.error(
                _line(node),
                f"Perioden {value!r} går inte; skriv ar (kalenderåret), H1/H2, Q1–Q4, T1–T3 eller "
                f"ett månadsnummer 1–12.",
            )
            return "ar"
        probe = GoalIndicator(ind_id, "hogre", period=value)
        kind = Period.parse(probe.period_label(2000)).kind
        if ind_id in CATALOGUE and kind not in CATALOGUE[ind_id].period_kinds:
            self.p.error(
                _line(node),
                f"{ind_id} beräknas inte för perioden {value!r}; den går för: "
                f"{', '.join(CATALOGUE[ind_id].period_kinds)}.",
            )
            return "ar"
        return value

    def targets(self, node: Node | None, direction: str | None, ind_id: str) -> dict[int, Target]:
        if node is None:
            return {}
        if not isinstance(node, MappingNode):
            self.p.error(_line(node), f"mal för {ind_id} ska vara år: målvärde, t.ex. 2024: 28.")
            return {}
        out: dict[int, Target] = {}
        for key_node, value_node in node.value:
            year = _scalar(key_node) if isinstance(key_node, ScalarNode) else None
            if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2100:
                self.p.error(
                    _line(key_node), f"{year!r} är inget år; skriv året med fyra siffror, t.ex. 2024."
                )
                continue
            if year in out:
                self.p.error(_line(key_node), f"Året {year} står två gånger i mal för {ind_id}.")
                continue
            target = self.target(value_node, year, direction, ind_id)
            if target is not None:
                out[year] = target
        return out

    def target(self, node: Node, year: int, direction: str | None, ind_id: str) -> Target | None:
        where = f"målet {year} för {ind_id}"
        if isinstance(node, MappingNode):
            keys = self.mapping(node, KEYS_TARGET, where)
            own = self.direction(keys["riktning"], node, where) if "riktning" in keys else direction
            value = self.number(keys["varde"], where) if "varde" in keys else None
            if own is None or ("varde" in keys and value is None):
                return None
            return Target(year, own, value)
        value = _scalar(node)
        if value is None:
            return None
        if isinstance(value, str) and value in DIRECTIONS:
            return Target(year, value, None)
        number = self.number(node, where)
        if number is None or direction is None:
            return None
        return Target(year, direction, number)

    def number(self, node: Node, where: str) -> float | None:
        value = _scalar(node)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = float(value.replace(",", ".").replace(" ", "").replace("\u00a0", ""))
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            self.p.error(
                _line(node),
                f"{where}: {value!r} är varken ett tal eller en riktning; skriv ett tal (t.ex. 28 eller "
                f"28,5) eller hogre/lagre för jämförelse med året före.",
            )
            return None
        return float(value)


def goal_key(name: str) -> str:
    """A nämndmål's id from its name: lowercase letters and digits without diacritics, joined by `_`."""
    return "_".join(re.findall(r"[a-z0-9]+", strip_diacritics(name).lower()))


def parse_goals(
    text: str, *, file: str = GOAL_FILE, manual: Mapping[str, str] | None = None
) -> tuple[Goals, Problems]:
    """Parse goal-file text; return the model and every problem found (the caller decides to stop)."""
    problems = Problems(file)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = int(mark.line) + 1 if mark is not None else 0
        problems.error(line, f"Filen går inte att läsa som YAML ({getattr(exc, 'problem', exc)}).")
        return Goals([], Rule(), file), problems
    if root is None:
        problems.error(0, "Målfilen är tom; se docs/mal.md för ett exempel.")
        return Goals([], Rule(), file), problems
    goals = _Reader(problems, manual or {}).goals(root, file)
    return goals, problems


def load_goals(path: Path, manual: Mapping[str, str] | None = None) -> tuple[Goals, Problems]:
    """Read and validate `path`; raise one Swedish error listing every blocking problem. Returns the goals
    and the problems (warnings only) for the caller to show."""
    if not path.exists():
        from uppfolj.errors import UppfoljError

        raise UppfoljError(
            f"Målfilen {path} finns inte. Skapa den (se docs/mal.md för formatet) eller kör `uppfolj demo` "
            f"för ett exempel."
        )
    # the file is free text a user edits: a personnummer in a goal's name or note is never shown or reported
    # (masking keeps every line in place, so problems still point at the right line)
    text = mask_pnr(path.read_text(encoding="utf-8"))
    goals, problems = parse_goals(text, file=str(path), manual=manual)
    problems.raise_if_blocking("Målfilen")
    return goals, problems
