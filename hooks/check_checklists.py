#!/usr/bin/env python3
"""Validate every checklist in docs/ without building the site.

Usage: python hooks/check_checklists.py [DOCS_DIR]
Prints one ``path:line: message`` per problem; exits 1 if there are any.
The MkDocs build runs the same check (hooks/mkdocs_guide.py).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from guide.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
