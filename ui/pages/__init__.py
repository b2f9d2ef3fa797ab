"""The dashboard's pages, one file each. Each file is run by ``st.navigation`` as a script and calls ``render()``."""
