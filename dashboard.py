"""The dashboard's entry point: `streamlit run dashboard.py` (or `make run`)."""

from readiness import ui

ui.app_frame().run()
ui.freeze_startup_objects()
