"""uppfolj: follow-up and effect evaluation for Swedish municipal labour-market committees."""

__version__ = "0.1.0"
