"""The comparison groups a user can choose for the dynamic design, and the estimand each gives in one Swedish
sentence (no heavy imports: the command line reads them to build its help)."""

from __future__ import annotations

#: choice on the command line → the comparison's name in `DynamicEffect`
CHOICES = {"ej_annu": "ej_annu_behandlade", "ingen_insats": "ingen_insats"}
DEFAULT = "ej_annu"

_ESTIMANDS = {
    "ej_annu_behandlade": (
        "Effekten jämför att börja {typ} med att inte börja just den månaden: jämförelsepersonerna kan börja "
        "{typ} eller en annan insats senare, så svaret gäller om det lönar sig att erbjuda insatsen nu i "
        "stället för att vänta."
    ),
    "ingen_insats": (
        "Effekten jämför att börja {typ} med att inte få någon insats alls under uppföljningstiden: "
        "jämförelsepersoner som börjar en insats räknas bara fram till starten och de övriga viktas upp i "
        "deras ställe, och den som börjar en annan insats samma månad är inte med i jämförelsen."
    ),
    "obehandlade_under_uppfoljningen": (
        "Effekten jämför att börja {typ} med att inte börja {typ} under uppföljningstiden (andra insatser "
        "kan förekomma)."
    ),
}


def estimand_sentence(comparison: str, insatstyp: str) -> str:
    return _ESTIMANDS[comparison].format(typ=insatstyp)
