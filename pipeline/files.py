"""Output files: written whole or not at all, and only inside the output folder."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write to a temporary file in the same folder, then rename: never a half-written output."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary file would be, not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_all(out_dir: Path, files: dict[str, str | bytes]) -> list[str]:
    """Write every ``name -> content`` into ``out_dir`` (names are plain file names, never paths)."""
    out_dir = out_dir.resolve()
    written = []
    for name, content in files.items():
        path = (out_dir / name).resolve()
        if path.parent != out_dir:
            raise ValueError(f"output name {name!r} would leave the output folder")
        write_atomic(path, content)
        written.append(name)
    return written


_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # what write_atomic names its temporary files


def remove_stale_temporaries(folder: Path) -> int:
    """Temporary files left by a run that was killed before its rename: never outputs, removed."""
    n = 0
    for sub in (folder, folder / ".vacancy-cache" / "records", folder / ".vacancy-cache" / "done"):
        if sub.is_dir():
            for path in sub.iterdir():
                if _TEMPORARY.match(path.name) and path.is_file():
                    path.unlink(missing_ok=True)
                    n += 1
    return n
