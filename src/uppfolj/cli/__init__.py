"""The `uppfolj` command line. Each feature registers its commands from its own module (see COMMANDS)."""

from __future__ import annotations

import importlib
import sys

import typer

from uppfolj.cli.common import console_err
from uppfolj.errors import UppfoljError

#: Modules that add commands; each has `register(app)`. A new feature adds one line here.
COMMANDS = [
    "uppfolj.cli.workspace_cmds",
    "uppfolj.cli.demo_cmd",
]


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="uppfolj",
        help="Uppföljning och effektutvärdering för arbetsmarknadsnämnden.",
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    for name in COMMANDS:
        importlib.import_module(name).register(app)
    return app


def main() -> None:
    app = build_app()
    try:
        app(standalone_mode=False)
    except UppfoljError as exc:
        console_err.print(f"[bold red]Fel:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        console_err.print("Avbrutet.")
        sys.exit(130)
    except Exception as exc:  # click usage errors
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
