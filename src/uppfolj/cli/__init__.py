"""The `uppfolj` command line. Each feature registers its commands from its own module (see `commands()`)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from types import ModuleType

import typer
from typer._click.exceptions import ClickException, UsageError

from uppfolj import private
from uppfolj.cli import swedish
from uppfolj.cli.common import console_err
from uppfolj.errors import UppfoljError
from uppfolj.masking import install_log_masking, mask_pnr


def commands() -> list[ModuleType]:
    """The modules of this package that add commands (each has `register(app)` and its `ORDER` in the help),
    in that order: a new command is its own module and nothing else."""
    found = []
    for info in pkgutil.iter_modules(__path__, f"{__name__}."):
        module = importlib.import_module(info.name)
        if callable(getattr(module, "register", None)):
            found.append(module)
    return sorted(found, key=lambda m: (m.ORDER, m.__name__))


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
    for module in commands():
        module.register(app)
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
