"""The dashboard's entry point: ``streamlit run network_app.py`` (data from $NETWORK_DATA, else data/)."""

from ui.app import main

main()
