"""``gc_paused``: the cyclic garbage collector paused while many containers are made (a graph built or read back,
a partner index decoded). Its own module so that a reader that needs no networkx or pandas can use it."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of dicts are made (building or unpickling a graph).

    The collector runs every few hundred allocations and each full run walks every object made so far, which
    makes building a million-edge graph several times slower; the containers made here hold no cycles to collect.
    Afterwards the new objects go straight to the oldest generation (``freeze`` then ``unfreeze``), instead of
    being walked twice more on their way there (a second or so for a million relations); they are still
    collected as usual once they are garbage.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # nobody else has frozen objects, so unfreezing all is ours to do
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()
