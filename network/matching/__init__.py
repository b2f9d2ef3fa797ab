"""Entity resolution: which rows of a directory (or of an import) are the same organisation, network or project.

See ``docs/matching.md``. ``names`` normalises names; ``scoring`` scores one pair with its reasons; ``matcher``
blocks candidates (by country, shared words, identifiers) over a whole directory; ``decisions`` keeps accepted and
rejected pairs in ``matches.csv``; ``merge`` merges one row into another through the safe editing path.
"""

from .names import NameForm, normalise
from .scoring import AUTO_MERGE_THRESHOLD, SUGGEST_THRESHOLD, Reason, Record, score_pair
from .matcher import Candidate, Matcher
from .decisions import decide, merge, plan_merge

__all__ = [
    "AUTO_MERGE_THRESHOLD",
    "SUGGEST_THRESHOLD",
    "Candidate",
    "Matcher",
    "NameForm",
    "Reason",
    "decide",
    "merge",
    "plan_merge",
    "Record",
    "normalise",
    "score_pair",
]
