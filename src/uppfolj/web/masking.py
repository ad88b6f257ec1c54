"""Mask anything shaped like a personnummer before it is stored in the log or shown on a page.

The rule lives in `uppfolj.text`, so that the report texts (`uppfolj.outputs.texts`), below the web, mask
the same way."""

from __future__ import annotations

from uppfolj.text import PNR_LIKE, mask_pnr

__all__ = ["PNR_LIKE", "mask_pnr"]
