"""Which insatser a person's BIP progression on an indicator is attributed to.

The rule: the insatser in progress on the date of the person's first measurement of that indicator
(start_datum ≤ date ≤ slut_datum, an empty slut_datum meaning still in progress), all of them when there
are several; when none is in progress, the latest insats started before that date (ties: the largest
insats_id). A progression with no insats started on or before its first measurement is attributed to none.
"""

from __future__ import annotations

from uppfolj.bip.progression import progression_sql


def attributed_sql(where: str = "true", *, has_insatser: bool) -> str:
    """(person_id, indikator, insatstyp, enhet) rows, one per attributed insats (parameters: `where`'s)."""
    if not has_insatser:
        return (
            "SELECT NULL::VARCHAR AS person_id, NULL::VARCHAR AS indikator, NULL::VARCHAR AS insatstyp, "
            "NULL::VARCHAR AS enhet WHERE false"
        )
    return f"""
        WITH p AS ({progression_sql(where)}),
        cand AS (
            SELECT p.person_id, p.indikator, i.insats_id, i.insatstyp, i.enhet, i.start_datum,
                   (i.slut_datum IS NULL OR i.slut_datum >= p.forsta_datum) AS pagar
            FROM p JOIN insatser i ON i.person_id = p.person_id AND i.start_datum <= p.forsta_datum
        ),
        ranked AS (
            SELECT *, bool_or(pagar) OVER (PARTITION BY person_id, indikator) AS nagon_pagar,
                   row_number() OVER (PARTITION BY person_id, indikator
                                      ORDER BY start_datum DESC, insats_id DESC) AS nr
            FROM cand
        )
        SELECT person_id, indikator, insatstyp, enhet FROM ranked
        WHERE (nagon_pagar AND pagar) OR (NOT nagon_pagar AND nr = 1)"""
