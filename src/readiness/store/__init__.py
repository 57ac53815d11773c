"""Where the data lives: versions in SQLite (default) or PostgreSQL, through SQLAlchemy Core.

>>> store = Store()            # READINESS_DATABASE_URL, or a SQLite file in READINESS_DATA_DIR
>>> store.setup()              # tables, and the demo workbook as version 1 on first start
>>> store.commit(upload, mode=Mode.REPLACE_YEARS, author="aida", note="2025 from the rayon")
"""

from readiness.store.changes import changes
from readiness.store.merge import COMMIT_MODES, Mode
from readiness.store.versions import Committed, Original, Store, Upload, Version

__all__ = ["COMMIT_MODES", "Committed", "Mode", "Original", "Store", "Upload", "Version", "changes"]
