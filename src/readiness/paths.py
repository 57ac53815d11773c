"""Where the bundled files live: the demo workbook and the registry of known places."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
DEMO_WORKBOOK = DATA_DIR / "demo.xlsx"
VILLAGE_REGISTRY = DATA_DIR / "villages.csv"
MUNICIPALITY_REGISTRY = DATA_DIR / "municipalities.csv"
