"""The floor of a first load: a Streamlit app that only writes Overview's title (in Swedish, as the dashboard's
first page does), so ``first_load_ab.py`` can set Streamlit's own frontend beside the dashboard."""

import tomllib
from pathlib import Path

import streamlit as st

catalogue = tomllib.loads((Path(__file__).resolve().parents[1] / "ui" / "locales" / "sv.toml").read_text("utf-8"))
st.title(catalogue["overview.title"], anchor=False)
