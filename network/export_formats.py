"""What ``export`` can write: its formats, their MIME types and the CSV table choices. Apart from ``export`` (which
imports pandas and networkx) so that the command line can list them in its help without importing either."""

from __future__ import annotations

from . import schema

__all__ = ["IMAGE_FORMATS", "DATA_FORMATS", "FORMATS", "MIME_TYPES", "TABLE_CHOICES"]

IMAGE_FORMATS = ("png", "svg", "pdf")
DATA_FORMATS = ("html", "graphml", "gexf", "xlsx", "csv", "geojson")
FORMATS = IMAGE_FORMATS + DATA_FORMATS
MIME_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "geojson": "application/geo+json",
}
#: What a CSV export holds: every entity of the view in one table, or one file of the import format.
TABLE_CHOICES = ("entities",) + tuple(t.sheet for t in schema.TABLES)
