"""Errors users see. Every message is Swedish and says what, where and what to do."""

from __future__ import annotations


class UppfoljError(Exception):
    """An error with a message meant for the user (Swedish). The CLI prints it without a traceback."""

    exit_code = 1


class WorkspaceError(UppfoljError):
    """The workspace is missing or broken."""

    exit_code = 2


class ImportFailed(UppfoljError):
    """A file could not be imported at all; nothing was changed."""

    exit_code = 3
