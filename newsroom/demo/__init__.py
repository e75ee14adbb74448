"""Demo content for `manage.py seed_demo`: original Vietnamese text kept as JSON data files
beside this module (sections.json in display order, authors.json, stories.json, and the
comment threads and disallowed words in comments.json, stored by `threads.py`), and the
illustrations drawn by `images.py`."""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load(name: str) -> list[dict]:
    """The records in `<name>.json` ("sections", "authors", "stories" or "comments")."""
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
