"""Drawing the graph: shared styles, layouts, interactive views (vis-network and ``static/graph/``) and static
images (matplotlib).

Renderers return strings or bytes and never write files or touch the working directory.
"""
