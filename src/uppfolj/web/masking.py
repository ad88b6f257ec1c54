"""The web app uses the one masking function of uppfolj (`uppfolj.masking`)."""

from __future__ import annotations

from uppfolj.masking import contains_pnr, mask_deep, mask_pnr, pnr_shaped

__all__ = ["contains_pnr", "mask_deep", "mask_pnr", "pnr_shaped"]
