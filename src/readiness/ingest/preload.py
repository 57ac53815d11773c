"""What the fork server of ``sandbox`` imports once, so that each child it forks starts warm.

Only the fork server imports this module (never the dashboard itself). It keeps numerical
libraries to one thread (a forked child has no use for their thread pools), imports the reader
with pandas, pandera and python-calamine, reads the word and place catalogues and one tiny file,
so that every first-use cost is paid before the first upload rather than in each child.

It also tells the children not to run the parent's main script again. multiprocessing does that
in every child it starts other than by plain fork, so that functions defined there can be
unpickled; a reading child only runs functions of importable modules, and the main script of the
dashboard is Streamlit's command line, which would cost each upload a second import of Streamlit.
"""

import os
from multiprocessing import spawn

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from readiness.ingest.loader import load_workbook  # noqa: E402 (after the thread settings)

MAIN_KEYS = ("init_main_from_name", "init_main_from_path")
WARM_UP = "Айыл;Окуу жылы;3-6 жаштагы балдар\nКатран;2015-2016;240\n".encode()
_prepare = spawn.prepare


def prepare_without_main(data: dict) -> None:
    """multiprocessing's preparation of a child, less the import of the parent's main script."""
    _prepare({key: value for key, value in data.items() if key not in MAIN_KEYS})


spawn.prepare = prepare_without_main
load_workbook(WARM_UP, filename="warm-up.csv")
