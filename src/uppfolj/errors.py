"""Errors users see. Every message is Swedish and says what, where and what to do."""

from __future__ import annotations

from uppfolj.masking import mask_pnr


class UppfoljError(Exception):
    """An error with a message meant for the user (Swedish). The CLI prints it without a traceback."""

    exit_code = 1

    def __init__(self, message: object = "", *args: object) -> None:
        # messages often echo what the user typed: a personnummer in it is masked here, once for every error
        super().__init__(mask_pnr(str(message)), *args)


class WorkspaceError(UppfoljError):
    """The workspace is missing or broken."""

    exit_code = 2


class ImportFailed(UppfoljError):
    """A file could not be imported at all; nothing was changed."""

    exit_code = 3
