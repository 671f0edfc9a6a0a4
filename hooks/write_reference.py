#!/usr/bin/env python3
"""Write REFERENCE.md and REFERENCE.en.md from the REFERENCE tables in hooks/guide (`make reference`)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from guide.reference import write  # noqa: E402

if __name__ == "__main__":
    for path in write(Path(__file__).resolve().parent.parent):
        print(f"wrote {path.name}")
