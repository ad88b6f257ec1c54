"""The committee's assignment register: assignments with a measurable slutkriterium, a
date for reporting back, a status life cycle and the history of every change (an append-only event log in
the workspace). See docs/uppdrag.md."""

from __future__ import annotations

from uppfolj.uppdrag.model import Uppdrag
from uppfolj.uppdrag.register import Register

__all__ = ["Register", "Uppdrag"]
