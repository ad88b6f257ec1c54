"""Swedish texts for the parts of the command line that Typer writes itself (help, usage, usage errors).

Typer vendors its own copy of Click with fixed English strings; we set its panel titles, the help option's
text and the usage prefix, and translate usage-error messages when they are shown.
"""

from __future__ import annotations

import re
from typing import Any

HELP_TEXT = "Visa den här hjälpen och avsluta."
USAGE_PREFIX = "Användning: "
USAGE_WORDS = {
    "[OPTIONS]": "[FLAGGOR]",
    "COMMAND [ARGS]...": "KOMMANDO [ARGUMENT]...",
    "COMMAND": "KOMMANDO",
    "[ARGS]...": "[ARGUMENT]...",
}

#: (pattern of Typer's English message, Swedish replacement)
ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^No such option: (.+?)(?: \(Possible options: (.+)\))?$"), "Flaggan {0} finns inte."),
    (
        re.compile(r"^No such command '(.+)'\. Did you mean '(.+)'\?$"),
        "Kommandot {0} finns inte. Menade du {1}?",
    ),
    (re.compile(r"^No such command '(.+)'\.$"), "Kommandot {0} finns inte."),
    (re.compile(r"^Missing argument '(.+)'\.?.*$"), "Argumentet {0} saknas."),
    (re.compile(r"^Missing option '(.+)'\.?.*$"), "Flaggan {0} saknas."),
    (re.compile(r"^Missing parameter: (.+)$"), "Parametern {0} saknas."),
    (re.compile(r"^Invalid value for (.+?): (?:Value error, )?(.+)$"), "Ogiltigt värde för {0}: {1}"),
    (re.compile(r"^Invalid value: (.+)$"), "Ogiltigt värde: {0}"),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)$"), "Oväntade extra argument: {0}"),
    (re.compile(r"^Option '(.+)' requires an argument\.$"), "Flaggan {0} kräver ett värde."),
    (re.compile(r"^'(.+)' is not one of (.+)\.$"), "{0} är inte ett av {1}."),
    (re.compile(r"^'(.+)' is not a valid integer\.$"), "{0} är inget giltigt heltal."),
    (re.compile(r"^'(.+)' is not a valid float\.$"), "{0} är inget giltigt tal."),
    (re.compile(r"^Path '(.+)' does not exist\.$"), "Sökvägen {0} finns inte."),
    (re.compile(r"^Missing command\.$"), "Kommando saknas."),
]


def translate_error(message: str) -> str:
    for pattern, swedish in ERRORS:
        match = pattern.match(message.strip())
        if match:
            parts = [translate_error(g) for g in match.groups() if g is not None]
            return swedish.format(*parts)
    return message


def install() -> None:
    """Make Typer's own texts Swedish (idempotent)."""
    import typer.rich_utils as ru
    from typer._click import core, formatting

    ru.ARGUMENTS_PANEL_TITLE = "Argument"
    ru.OPTIONS_PANEL_TITLE = "Flaggor"
    ru.COMMANDS_PANEL_TITLE = "Kommandon"
    ru.ERRORS_PANEL_TITLE = "Fel"
    ru.ABORTED_TEXT = "Avbrutet."
    ru.DEFAULT_STRING = "[standard: {}]"
    ru.ENVVAR_STRING = "[miljövariabel: {}]"
    ru.REQUIRED_LONG_STRING = "[krävs]"
    ru.RICH_HELP = "Skriv [blue]'{command_path} {help_option}'[/] för hjälp."

    if getattr(core.Command, "_uppfolj_swedish", False):
        return
    original_help_option = core.Command.get_help_option

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original_help_option(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    original_write_usage = formatting.HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original_write_usage(self, prog, args, USAGE_PREFIX if prefix is None else prefix)

    from typer.core import TyperGroup

    original_pieces = TyperGroup.collect_usage_pieces

    def collect_usage_pieces(self: Any, ctx: Any) -> list[str]:
        return [USAGE_WORDS.get(p, p) for p in original_pieces(self, ctx)]

    TyperGroup.collect_usage_pieces = collect_usage_pieces  # type: ignore[method-assign]
    original_command_pieces = core.Command.collect_usage_pieces

    def collect_command_pieces(self: Any, ctx: Any) -> list[str]:
        return [USAGE_WORDS.get(p, p) for p in original_command_pieces(self, ctx)]

    core.Command.collect_usage_pieces = collect_command_pieces  # type: ignore[method-assign]
    core.Command.get_help_option = get_help_option  # type: ignore[method-assign]
    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]
    core.Command._uppfolj_swedish = True  # type: ignore[attr-defined]
