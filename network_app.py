"""The dashboard's entry point: ``streamlit run network_app.py`` (data from $NETWORK_DATA, else data/).

Two roles in one file. ``streamlit run`` finds the ``app`` below (it reads this file's syntax) and serves it with
uvicorn: importing this file as the module ``network_app`` makes the server, whose start prepares what the first
visitor needs (``ui/server.py``). Every page view then runs this file as a script (``__name__`` is
``"__main__"``, as under AppTest), which draws the dashboard.
"""

import streamlit as st

if __name__ == "__main__":
    from ui.app import main

    main()
else:
    from pathlib import Path

    from ui.server import lifespan, middleware

    app = st.App(Path(__file__).resolve(), lifespan=lifespan, middleware=middleware())
