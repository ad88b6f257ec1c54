"""The `uppfolj` command line. Each feature registers its commands from its own module (see COMMANDS)."""

from __future__ import annotations

import importlib
import sys

import typer
from typer._click.exceptions import ClickException, UsageError

from uppfolj import private
from uppfolj.cli import swedish
from uppfolj.cli.common import console_err
from uppfolj.errors import UppfoljError
from uppfolj.masking import install_log_masking, mask_pnr

#: Modules that add commands; each has `register(app)`. A new feature adds one line here.
COMMANDS = [
    "uppfolj.cli.workspace_cmds",
    "uppfolj.cli.import_cmd",
    "uppfolj.cli.mappning_cmd",
    "uppfolj.cli.demo_cmd",
    "uppfolj.cli.demodata_cmd",
    "uppfolj.cli.indikatorer_cmd",
    "uppfolj.cli.prognos_cmd",
    "uppfolj.cli.rapport_cmd",
    "uppfolj.cli.texter_cmd",
    "uppfolj.cli.kolada_cmd",
    "uppfolj.cli.effekt_cmd",
    "uppfolj.cli.internkontroll_cmd",
    "uppfolj.cli.atgardsplan_cmd",
    "uppfolj.cli.serve_cmd",
    "uppfolj.cli.anvandare_cmd",
    "uppfolj.cli.logg_cmd",
    "uppfolj.cli.mal_cmd",
    "uppfolj.cli.uppdrag_cmd",
    "uppfolj.cli.bip_cmd",
]


def build_app() -> typer.Typer:
    swedish.install()
    app = typer.Typer(
        name="uppfolj",
        help="Uppföljning och effektutvärdering för arbetsmarknadsnämnden.",
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode="rich",
        pretty_exceptions_show_locals=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    for name in COMMANDS:
        importlib.import_module(name).register(app)
    return app


def main(argv: list[str] | None = None) -> None:
    private.restrict()
    install_log_masking()
    app = build_app()
    try:
        app(args=argv, standalone_mode=False)
    except UppfoljError as exc:
        console_err.print(f"[bold red]Fel:[/] {exc}", highlight=False, soft_wrap=True, markup=True)
        sys.exit(exc.exit_code)
    except UsageError as exc:
        command = exc.ctx.command_path if exc.ctx is not None else "uppfolj"
        console_err.print(
            f"[bold red]Fel:[/] {mask_pnr(swedish.translate_error(exc.format_message()))} "
            f"Skriv `{command} --help` för hjälp.",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(exc.exit_code)
    except ClickException as exc:
        console_err.print(
            f"[bold red]Fel:[/] {mask_pnr(swedish.translate_error(exc.format_message()))}", highlight=False
        )
        sys.exit(exc.exit_code)
    except typer.Abort:
        console_err.print("Avbrutet.")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
