"""The covariates of the dynamic design as a report reader reads them (no heavy imports: the diagnostics
name them in warnings for every estimator, the report in its balance table)."""

from __future__ import annotations

#: the covariates' names as a report reader reads them (the code is shown for any other)
COVARIATE_LABELS = {
    "alder": "Ålder",
    "kvinna": "Kvinna",
    "utb_forgymnasial": "Förgymnasial utbildning",
    "utb_eftergymnasial": "Eftergymnasial utbildning",
    "utb_okand": "Utbildning okänd",
    "fodd_europa": "Född i Europa utom Sverige",
    "fodd_utanfor_europa": "Född utanför Europa",
    "fodd_okand": "Födelseland okänt",
    "sambo": "Sammanboende",
    "antal_barn": "Antal barn i hushållet",
    "manader_i_perioden": "Månader i biståndsperioden",
    "betalningar_24": "Månader med bistånd senaste två åren",
    "betalning_manaden": "Bistånd samma månad",
    "betalning_foregaende": "Bistånd föregående månad",
    "tidigare_insatser": "Tidigare insatser",
    "insatser_senaste_12": "Insatser senaste året",
    "kalenderar": "Kalenderår",
    "kvartal_2": "Andra kvartalet",
    "kvartal_3": "Tredje kvartalet",
    "kvartal_4": "Fjärde kvartalet",
    "bestand": "Biståndsperiod pågick vid datastart",
}


def covariate_label(name: str) -> str:
    return COVARIATE_LABELS.get(name, name)
