"""Drawing the graph: shared styles, layouts, interactive HTML (pyvis) and static images (matplotlib).

Renderers return strings or bytes and never write files or touch the working directory.
"""
