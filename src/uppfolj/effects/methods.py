"""The estimators by the names the CLI and reports use (`--metod`)."""

from __future__ import annotations

from uppfolj.effects.did import DifferenceInDifferences
from uppfolj.effects.estimators import AIPW, IPW, AbadieImbensMatching, Estimator, PropensityScoreMatching
from uppfolj.effects.survival import KaplanMeier

METHODS: dict[str, str] = {
    "psm": "matchning på propensity score (k närmaste, med återläggning, valfri caliper)",
    "ai": "Abadie–Imbens-matchning på kovariater med biasjustering",
    "ipw": "viktning med inversen av sannolikheten för behandling",
    "aipw": "dubbelt robust skattning (utfallsmodell + viktning)",
    "did": "skillnad-i-skillnader på utfallet före och efter",
    "km": "Kaplan–Meier-kurvor med log-rank-test",
}


def make_estimator(
    metod: str,
    *,
    k: int = 1,
    caliper: float | None = None,
    utfall_fore: str | None = None,
    handelse: str | None = None,
) -> Estimator:
    if metod == "psm":
        return PropensityScoreMatching(k=k, caliper=caliper)
    if metod == "ai":
        return AbadieImbensMatching(m=k)
    if metod == "ipw":
        return IPW()
    if metod == "aipw":
        return AIPW()
    if metod == "did":
        return DifferenceInDifferences(utfall_fore=utfall_fore)
    if metod == "km":
        return KaplanMeier(handelse=handelse)
    from uppfolj.errors import UppfoljError

    raise UppfoljError(f"Okänd metod '{metod}'. Välj en av: {', '.join(METHODS)}.")
