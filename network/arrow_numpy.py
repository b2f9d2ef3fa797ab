"""``as_numpy``: a numeric Arrow array as a numpy array, read from its data buffer.

pyarrow's own ``Array.to_numpy`` imports pandas on first use (a large share of a second), even for a zero-copy
conversion; the partner search on a stored index (``partner_cache``, ``partner_evidence``) needs none of pandas, so
it converts its numbers here.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

__all__ = ["as_numpy"]


def as_numpy(array: pa.Array, dtype: np.dtype | str) -> np.ndarray:
    """The values of ``array`` (integers or floats of ``dtype``, no nulls) without a copy (read-only)."""
    wanted = np.dtype(dtype)
    if array.null_count:
        raise ValueError("an Arrow array with nulls where numbers were expected")
    if wanted.itemsize * 8 != array.type.bit_width:
        raise ValueError(f"an Arrow array of {array.type} read as {wanted}")
    data = array.buffers()[1]
    if data is None:
        return np.zeros(0, dtype=wanted)
    return np.frombuffer(data, dtype=wanted, count=len(array), offset=array.offset * wanted.itemsize)
