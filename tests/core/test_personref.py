"""The person reference can never look like a personnummer."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from uppfolj.personref import person_ref

PNR_LIKE = re.compile(r"\d{6}[-+]?\d{4}")


def test_reference_is_split_and_prefixed() -> None:
    assert person_ref("3fa9c01b2d77aa11bb22") == "P-3FA9C-01B2D"
    assert person_ref(None) == ""


@given(st.text(alphabet="0123456789abcdef", min_size=20, max_size=20))
def test_never_personnummer_like(pseudonym: str) -> None:
    # even a pseudonym that starts with ten digits gives at most five digits in a row
    ref = person_ref(pseudonym)
    assert not PNR_LIKE.search(ref)
    assert ref.startswith("P-") and len(ref) == 13
