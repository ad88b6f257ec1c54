"""The outcomes of the dynamic design from the store, with their Swedish names (no heavy imports:
the command line reads them to build its help)."""

from __future__ import annotations

OUTCOME_NAMES = {
    "ingen_betalning_6": "Egen försörjning 6 månader efter start (ingen utbetalning)",
    "ingen_betalning_12": "Egen försörjning 12 månader efter start (ingen utbetalning)",
    "ingen_betalning_24": "Egen försörjning 24 månader efter start (ingen utbetalning)",
    "arbete_studier_12": "Avslut till arbete eller studier inom 12 månader",
    "manader_kvar_24": "Månader kvar i bistånd (högst 24)",
    "bistand_kr_24": "Utbetalt ekonomiskt bistånd under 24 månader efter start (kronor)",
    "placebo_betalningar": "Utbetalningsmånader 25–36 månader före (placebo)",
}
