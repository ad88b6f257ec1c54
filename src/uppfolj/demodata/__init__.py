"""The synthetic municipality: every contract table as real exports look, with planted effects and,
on request, planted defects. See docs/demodata.md."""

from uppfolj.demodata.generate import Summary, generate

__all__ = ["Summary", "generate"]
