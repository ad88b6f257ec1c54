"""The pseudonymous person reference printed in lists (reports, samples, the dashboard).

It is the start of the stored pseudonym, split and prefixed (`P-3FA9C-01B2D`), so that it can never look
like a personnummer (at most five digits in a row) and is easy to read out over the phone. It lets the
administration tell the rows of one person apart and find them again in uppfolj; the case system is
searched by the decision's or case's own id.
"""

from __future__ import annotations


def person_ref(person_id: object) -> str:
    if not isinstance(person_id, str) or not person_id:
        return ""
    head = person_id[:10].upper()
    return f"P-{head[:5]}-{head[5:]}" if len(head) > 5 else f"P-{head}"
