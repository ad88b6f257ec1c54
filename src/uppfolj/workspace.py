"""The workspace: configuration, secret key, store, and the folders for rejects, runs and reports.

A workspace is a folder created by `uppfolj init`. It is the one application object that commands, the
web app and the tests are given; nothing reads configuration from module globals.
"""

from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from uppfolj.errors import WorkspaceError
from uppfolj.private import private_dir

CONFIG_FILE = "uppfolj.yaml"
KEY_FILE = "nyckel"
ENV_VAR = "UPPFOLJ_ARBETSYTA"
DEFAULT_DIR = "uppfolj-data"


@dataclass
class Config:
    """The workspace configuration (`uppfolj.yaml`). Keys are Swedish because users edit the file."""

    kommun_namn: str = "Exempelkommun"
    kommun_kod: str = "0000"
    namnd: str = "Arbetsmarknadsnämnden"
    #: G: months without payment that do not break a spell
    uppehall_manader: int = 2
    #: counts of persons or households from 1 up to this value are hidden in published figures
    smatal_grans: int = 4
    #: ekonomi activity holding the cost of labour-market measures (am_utslussade_per_mnkr)
    verksamhet_arbetsmarknad: str = "Arbetsmarknadsåtgärder"
    #: ekonomi activity holding ekonomiskt bistånd (forecasts)
    verksamhet_bistand: str = "Ekonomiskt bistånd"
    #: vendor header mappings: source system → table → vendor header → contract column
    leverantorer: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    #: how many old snapshots of the store to keep besides the current one
    behall_ogonblick: int = 5
    #: free-form extra sections (kolada, mal, ...) owned by their modules
    ovrigt: dict[str, Any] = field(default_factory=dict)

    KNOWN = (
        "kommun_namn",
        "kommun_kod",
        "namnd",
        "uppehall_manader",
        "smatal_grans",
        "verksamhet_arbetsmarknad",
        "verksamhet_bistand",
        "leverantorer",
        "behall_ogonblick",
    )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Config:
        known = {k: data[k] for k in cls.KNOWN if k in data}
        rest = {k: v for k, v in data.items() if k not in cls.KNOWN}
        return cls(**known, ovrigt=rest)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: getattr(self, k) for k in self.KNOWN}
        out.update(self.ovrigt)
        return out


CONFIG_HEADER = """\
# uppfolj: arbetsytans inställningar.
# kommun_namn, kommun_kod: kommunens namn och officiella kod (fyra siffror).
# uppehall_manader: G, antal månader utan utbetalning som inte bryter en biståndsperiod (standard 2).
# smatal_grans: antal personer eller hushåll från 1 till och med detta värde döljs i publicerade tal.
# verksamhet_arbetsmarknad / verksamhet_bistand: verksamheterna i ekonomi-exporten för respektive område.
# leverantorer: rubrikmappning per källsystem, tabell och leverantörens rubrik -> kontraktets kolumn, t.ex.
#   leverantorer:
#     lifecare:
#       bistand_manad:
#         "Hushålls-ID": hushall_id
# webb: proxy: adresser till betrodda omvända proxyer (se docs/webb.md, Deployment), t.ex.
#   webb:
#     proxy: [10.0.0.5]
# kostnad_per_platsmanad: kronor per platsmånad per insatstyp, för kostnad per effekt, t.ex.
#   kostnad_per_platsmanad: {Jobbspår: 9000}
# kostnad_verksamhet: verksamheten i ekonomi som betalar en insatstyp (annars en verksamhet med insatstypens
#   namn, annars verksamhet_arbetsmarknad), t.ex. kostnad_verksamhet: {Praktik: Arbetsmarknadsåtgärder}
# rapportmall: kommunens Word-mall för rapporterna (räknas från arbetsytans mapp), t.ex. rapportmall: mall.docx
"""


@dataclass
class Workspace:
    root: Path
    config: Config

    @property
    def key_path(self) -> Path:
        return self.root / KEY_FILE

    @property
    def store_dir(self) -> Path:
        return self.root / "lager"

    @property
    def rejects_dir(self) -> Path:
        return self.root / "avvisade"

    @property
    def runs_dir(self) -> Path:
        return self.root / "korningar"

    @property
    def reports_dir(self) -> Path:
        return self.root / "rapporter"

    @property
    def log_dir(self) -> Path:
        return self.root / "logg"

    def secret_key(self) -> bytes:
        try:
            return self.key_path.read_bytes().strip()
        except OSError as exc:
            raise WorkspaceError(
                f"Nyckelfilen {self.key_path} saknas eller kan inte läsas. "
                f"Återställ den från säkerhetskopian eller kör `uppfolj init` i en ny mapp."
            ) from exc

    def store(self):  # type: ignore[no-untyped-def]
        from uppfolj.store import Store

        return Store(self.store_dir, keep=self.config.behall_ogonblick)

    def save_config(self) -> None:
        text = CONFIG_HEADER + yaml.safe_dump(self.config.to_dict(), allow_unicode=True, sort_keys=False)
        tmp = self.root / (CONFIG_FILE + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.root / CONFIG_FILE)


def resolve_path(path: str | os.PathLike[str] | None) -> Path:
    """`--arbetsyta`, else UPPFOLJ_ARBETSYTA, else ./uppfolj-data."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path(DEFAULT_DIR)


def create(path: Path, *, kommun_namn: str | None = None, kommun_kod: str | None = None) -> Workspace:
    """Create a workspace folder with configuration, an owner-only key and empty folders."""
    path = Path(path)
    if (path / CONFIG_FILE).exists():
        raise WorkspaceError(f"Det finns redan en arbetsyta i {path}. Använd den, eller välj en annan mapp.")
    private_dir(path)
    config = Config()
    if kommun_namn:
        config.kommun_namn = kommun_namn
    if kommun_kod:
        config.kommun_kod = kommun_kod
    ws = Workspace(path, config)
    for folder in (ws.store_dir, ws.rejects_dir, ws.runs_dir, ws.reports_dir, ws.log_dir):
        private_dir(folder)
    fd = os.open(ws.key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    os.chmod(ws.key_path, stat.S_IRUSR | stat.S_IWUSR)
    ws.save_config()
    ws.store().initialise()
    return ws


def open_workspace(path: str | os.PathLike[str] | None = None) -> Workspace:
    """Open an existing workspace or raise a one-line Swedish message saying what to run."""
    root = resolve_path(path)
    cfg_path = root / CONFIG_FILE
    if not root.exists():
        raise WorkspaceError(
            f"Arbetsytan {root} finns inte. Skapa den med `uppfolj init {root}` eller ange en annan med "
            f"--arbetsyta."
        )
    if not cfg_path.exists():
        raise WorkspaceError(
            f"{root} är ingen arbetsyta för uppfolj (filen {CONFIG_FILE} saknas). "
            f"Skapa en med `uppfolj init {root}` eller ange rätt mapp med --arbetsyta."
        )
    try:
        data = yaml.safe_load(cfg_path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError("inte en mappning")
        config = Config.from_dict(data)
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise WorkspaceError(
            f"Inställningsfilen {cfg_path} kan inte läsas ({exc}). Rätta filen eller skapa en ny arbetsyta "
            f"med `uppfolj init`."
        ) from exc
    if not (root / KEY_FILE).exists():
        raise WorkspaceError(
            f"Nyckelfilen saknas i arbetsytan {root}. Återställ filen `{KEY_FILE}` från säkerhetskopian."
        )
    return Workspace(root, config)
