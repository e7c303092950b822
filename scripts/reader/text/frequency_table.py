"""Write wordfreq's English list into the table :mod:`reader.text.frequency` reads.

Run once per environment, at install (``make setup``); a build never runs it. It takes
the very dictionary ``wordfreq.zipf_frequency(word, "en")`` looks words up in
(``get_frequency_dict("en", "best")``: the large list) and stores each word with its
frequency as a float (SQLite's REAL is the same 64-bit float, so every value comes back
bit for bit). The file is written under a temporary name and renamed into place, so a
reader never sees half a table.

    python -m reader.text.frequency_table   # prints where it wrote the table
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from wordfreq import get_frequency_dict

from reader.core.record import installed_versions
from reader.text.frequency import table_path

SCHEMA = "CREATE TABLE words (word TEXT PRIMARY KEY, freq REAL NOT NULL) WITHOUT ROWID"


def write_table(path: Path) -> int:
    """Write the table to ``path``; return how many words it holds."""
    freqs = get_frequency_dict("en", "best")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    with sqlite3.connect(temporary) as table:
        table.execute(SCHEMA)
        table.executemany("INSERT INTO words VALUES (?, ?)", sorted(freqs.items()))
    table.close()
    os.replace(temporary, path)
    return len(freqs)


def main() -> int:
    """Write the table of the installed wordfreq into this environment."""
    path = table_path(installed_versions()["wordfreq"])
    count = write_table(path)
    print(f"{path}: {count} words of wordfreq's English list")
    return 0


if __name__ == "__main__":
    sys.exit(main())
