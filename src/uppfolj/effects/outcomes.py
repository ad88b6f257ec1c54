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

#: the two competing ways a spell ends: column prefix of its curve (τ = 0…24 appended)
WORK_OR_STUDIES = "arbete_studier"
OTHER_EXIT = "annat_avslut"


def exit_column(cause: str, tau: int) -> str:
    """The analysis data's column: the spell ended for `cause` by τ months after the month of the row."""
    return f"{cause}_{tau}"


#: what has happened to the person by τ months after the start, for each cause (in a sentence)
EXIT_PHRASES = {
    WORK_OR_STUDIES: "lämnat biståndet för arbete eller studier",
    OTHER_EXIT: "lämnat biståndet av annat skäl",
}
#: the cause in a chart's legend
EXIT_LABELS = {WORK_OR_STUDIES: "Arbete eller studier", OTHER_EXIT: "Annat skäl"}
#: each cause's line and band colour in the charts (report PNG and web page; Okabe–Ito, colour-blind safe)
EXIT_COLOURS = {WORK_OR_STUDIES: ("#0072B2", "#56B4E9"), OTHER_EXIT: ("#D55E00", "#E69F00")}
#: what each curve shows, as a report and the web title it
EXIT_NAMES = {cause: f"Andel som {phrase}" for cause, phrase in EXIT_PHRASES.items()}
#: how the two shares are counted, under their tables
EXIT_NOTE = (
    "Andelarna räknas bland dem som har följts till och med månaden. Den som inte har lämnat biståndet av "
    "något av skälen har det fortfarande, så de två andelarna och andelen som fortfarande har bistånd är "
    "tillsammans 100 %. Ett avslut utan registrerad orsak räknas som annat skäl. Effekten är skillnaden mellan "
    "deltagare och jämförbara personer i procentenheter."
)
