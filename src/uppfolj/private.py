"""Files and folders with person-level data or key material are for uppfolj's own OS user only.

`restrict()` sets the process umask (the command line and the web app call it at start), so that every file
uppfolj or its libraries create is 0600 and every folder 0700. Where a file or folder of this kind is created
(`private_dir`, `private_file`), the mode is also set explicitly, so it holds when uppfolj is used as a
library under another umask.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

UMASK = 0o077
DIR_MODE = stat.S_IRWXU
FILE_MODE = stat.S_IRUSR | stat.S_IWUSR


def restrict() -> None:
    os.umask(UMASK)


def private_dir(path: Path) -> Path:
    """Create `path` (and its parents) if needed; the folder itself is owner-only."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    os.chmod(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    if path.exists():
        os.chmod(path, FILE_MODE)
    return path
