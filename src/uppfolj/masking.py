"""The one masking function: a personnummer or samordningsnummer never leaves uppfolj in any written form.

`mask_pnr` is used wherever text reaches a user, a file or a log: pages, JSON answers, error messages, the
audit log, the assignment register's event log, control results, the action plan and the goal file.

A candidate is 10 or 12 digits standing alone (no digit right before or after), written `[CC]YYMMDD` and the
last four, with at most one separator between them: none, `-`, `+`, a space of any kind (ordinary,
non-breaking U+00A0, narrow U+202F, thin, figure) or a dash of any kind (non-breaking hyphen, figure dash,
en and em dash, minus sign), also as Python writes it escaped in a message (`\xa0`, `\u202f`). It is masked when it can be a real number: the month is 01–12, the day is a
day of that month (samordningsnummer: the day plus 60) and the Luhn check digit over the ten digits
`YYMMDDNNNC` holds. Other digit runs stay readable: dates such as 2024-09-30, amounts, or an id such as
`A0000002871` (month 00) cannot be a personnummer.

The birth date stays, the last four become `****`: `19121212-1212` → `19121212-****`, `121212 1212` →
`121212-****`.
"""

from __future__ import annotations

import calendar
import logging
import re
import unicodedata
from typing import Any

#: characters written between the date and the last four digits
SEPARATORS = "-+ \u00a0\u202f\u2009\u2007\u2011\u2012\u2013\u2014\u2212"
_SEP_CLASS = re.escape(SEPARATORS)
#: a separator as Python's repr writes it in a message (`'121212\\xa01212'`, `\\u2013`)
_ESCAPED = r"\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}"
#: a candidate: not glued to other digits, nor the decimals of a number (`0.1912121212`)
CANDIDATE = re.compile(rf"(?<!\d)(?<!\d[.,])(\d{{2}})?(\d{{6}})(?:[{_SEP_CLASS}]|{_ESCAPED})?(\d{{4}})(?!\d)")
MASK = "****"


def _digits(text: str) -> str:
    """ASCII digits for any Unicode decimal digits (Arabic-Indic, full-width, ...)."""
    return "".join(str(unicodedata.digit(ch)) for ch in text)


def luhn_ok(ten: str) -> bool:
    total = 0
    for i, ch in enumerate(ten):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return total % 10 == 0


def date_ok(century: str | None, yymmdd: str) -> bool:
    """A real date of birth (samordningsnummer: day plus 60). Without the century, 29 February counts in
    any year divisible by four."""
    yy, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    if day > 60:
        day -= 60
    if not 1 <= month <= 12 or day < 1:
        return False
    year = int(century) * 100 + yy if century is not None else 2000 + yy
    return day <= calendar.monthrange(year, month)[1]


def is_pnr(century: str | None, yymmdd: str, last4: str) -> bool:
    return date_ok(century, yymmdd) and luhn_ok(yymmdd + last4)


def _replace(match: re.Match[str]) -> str:
    century = _digits(match.group(1)) if match.group(1) else None
    yymmdd, last4 = _digits(match.group(2)), _digits(match.group(3))
    if not is_pnr(century, yymmdd, last4):
        return match.group(0)
    return f"{match.group(1) or ''}{match.group(2)}-{MASK}"


def mask_pnr(text: str) -> str:
    """`19121212-1212` → `19121212-****` wherever it stands in `text`, in any written form; other text as is."""
    if not text:
        return text
    return CANDIDATE.sub(_replace, text)


def contains_pnr(text: str) -> bool:
    """True when `text` holds a number that can be a real personnummer or samordningsnummer."""
    return mask_pnr(text) != text


def pnr_shaped(text: str) -> bool:
    """True when `text` holds anything written like a personnummer, valid or not (for names, where a
    mistyped number is as unwelcome as a valid one)."""
    return CANDIDATE.search(text) is not None


def mask_deep(value: Any) -> Any:
    """Every string in a JSON-like value (dicts, lists, tuples) masked; keys too."""
    if isinstance(value, str):
        return mask_pnr(value)
    if isinstance(value, dict):
        return {mask_deep(k): mask_deep(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_deep(v) for v in value]
    return value


_factory_installed = False


def install_log_masking() -> None:
    """Every log record of the process (uppfolj's, uvicorn's, libraries') is masked when it is made: its
    message with its arguments, and the text of an exception's traceback. Called at CLI and web start."""
    global _factory_installed
    if _factory_installed:
        return
    previous = logging.getLogRecordFactory()

    def masked_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        message = record.getMessage()
        masked = mask_pnr(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = mask_pnr(logging.Formatter().formatException(record.exc_info))
        return record

    logging.setLogRecordFactory(masked_record)
    _factory_installed = True
