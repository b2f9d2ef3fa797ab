"""The Streamlit dashboard: the only package that imports Streamlit. ``network_app.py`` starts it (``ui.app.main``).

Pages live in ``ui/pages/`` and are registered in ``ui.app.PAGES``; all text is in ``ui.i18n``.
"""
