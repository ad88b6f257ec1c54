"""The same seed gives byte-identical files; another seed gives other data."""

from __future__ import annotations

from pathlib import Path

from uppfolj.demodata import generate


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        generate(tmp_path / name, households=500, start="2023-01", end="2024-12", seed=5, dirty=True)
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert sorted(a) == sorted(b)
    # every contract table, the XLSX ones included, plus the truth files
    assert {
        "platser.xlsx",
        "sol_beslut.xlsx",
        "bistand_manad.csv",
        "facit.json",
        "forvantade_fel.json",
    } <= set(a)
    for name in a:
        assert a[name] == b[name], name


def test_other_seed_other_data(tmp_path: Path) -> None:
    generate(tmp_path / "a", households=500, start="2023-01", end="2024-12", seed=5)
    generate(tmp_path / "b", households=500, start="2023-01", end="2024-12", seed=6)
    assert (tmp_path / "a" / "bistand_manad.csv").read_bytes() != (
        tmp_path / "b" / "bistand_manad.csv"
    ).read_bytes()
