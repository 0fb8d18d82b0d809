"""The German Streamlit dashboard of AQB Monitor; it reads only the published snapshot.

``APP_PATH`` and ``STREAMLIT_FLAGS`` let ``aqb serve``/``aqb demo`` and the browser tests start
it the same way (flags rather than a config file, because Streamlit reads ``.streamlit/`` from
the working directory, wherever that is).
"""

from __future__ import annotations

from pathlib import Path

APP_PATH = Path(__file__).resolve().parent / "streamlit_app.py"
STREAMLIT_FLAGS: tuple[str, ...] = (
    "--server.headless=true",
    "--browser.gatherUsageStats=false",
    "--server.fileWatcherType=none",
    "--theme.base=light",
    "--theme.primaryColor=#0072B2",
    # captions are drawn in 60 % of the text colour: near-black text keeps them at 5:1 contrast
    # on white (WCAG 2.1 AA 1.4.3); Streamlit's default grey gives 3.9:1
    "--theme.textColor=#111111",
    # page sections are h2 (st.header) right under the page's h1 (WCAG 1.3.1, headings in
    # order), drawn at the size Streamlit gives h3 by default
    '--theme.headingFontSizes=["2.75rem","1.5rem","1.25rem"]',
    "--client.toolbarMode=minimal",
    # visitors see a short German message, never a traceback with paths and code
    "--client.showErrorDetails=none",
    "--server.enableXsrfProtection=true",
)
