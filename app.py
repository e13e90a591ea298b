"""The entry point (`streamlit run app.py`): the pages in the sidebar, named in the session's language.

Each page is its own script under ``pages/``; this file only lists them, so the names follow the language
switch and the data page is called Data / Datos (not 'app')."""
import traceback

import streamlit as st

import ui

PAGES = [  # script, name in ui.TEXT, icon, address
    ("pages/0_Data.py", "nav_data", ":material/upload_file:", None),
    ("pages/1_Journey_curve.py", "curve_title", ":material/show_chart:", "Journey_curve"),
    ("pages/2_Moments_of_truth.py", "moments_title", ":material/flag:", "Moments_of_truth"),
    ("pages/3_Themes.py", "themes_title", ":material/forum:", "Themes"),
    ("pages/4_Priorities.py", "priorities_title", ":material/grid_view:", "Priorities"),
    ("pages/5_Report.py", "report_title", ":material/description:", "Report"),
]

page = st.navigation([st.Page(script, title=ui.t(key), icon=icon, url_path=address, default=address is None)
                      for script, key, icon, address in PAGES])
try:
    page.run()
except Exception as error:  # a defect met on some data: one sentence for the user, the traceback for the log
    traceback.print_exc()
    st.error(ui.t("page_failed").format(error=type(error).__name__))
