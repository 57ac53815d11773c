"""The dashboard's entry point: `streamlit run dashboard.py` (or `make run`)."""

from readiness import ui

try:
    ui.app_frame().run()
finally:  # also when the page stops early (st.stop, st.rerun)
    ui.freeze_startup_objects()
