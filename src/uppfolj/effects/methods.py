"""The estimators by the names the CLI and reports use (`--metod`)."""

from __future__ import annotations

from uppfolj.effects.did import DifferenceInDifferences
from uppfolj.effects.estimators import (
    AIPW,
    DEFAULT_CALIPER,
    IPW,
    AbadieImbensMatching,
    Estimator,
    PropensityScoreMatching,
)
from uppfolj.effects.survival import KaplanMeier

METHODS: dict[str, str] = {
    "psm": "matchning på logit av propensity score (k närmaste, caliper 0,2 SD, med eller utan återläggning)",
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
    caliper: float | None = DEFAULT_CALIPER,
    aterlaggning: bool = True,
    heteroskedastisk: bool = False,
    utfall_fore: str | None = None,
    handelse: str | None = None,
) -> Estimator:
    if metod == "psm":
        return PropensityScoreMatching(k=k, caliper=caliper, aterlaggning=aterlaggning)
    if metod == "ai":
        return AbadieImbensMatching(m=k, heteroskedastisk=heteroskedastisk)
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
