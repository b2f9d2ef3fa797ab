"""What the directory shows an organisation has done: its projects, their programmes and topics, its networks.

The partner finder (``partners.py``) ranks on this evidence and explains it. Built once per loaded directory and
kept on the partner index; everything is arrays over the organisations (in the index's order), so a query over the
combined real directory (tens of thousands of organisations, a hundred thousand participations) stays fast.

- **Participations**: every ``partner_in`` relation, once per (organisation, project), with the strongest role
  (coordinator before partner before associated). A project is *funded* when its status is granted, running or
  completed; only funded projects count as experience.
- **Programme experience** for a call: funded projects in the call's programme, in a programme of the same family
  (``other`` and ``national`` do not group programmes) or of the same ``lineage`` (Horizon 2020 → Horizon Europe,
  Europe for Citizens → CERV): see ``experience_programmes``.
- **Theme evidence** for an asked theme (``theme``): the vocabulary (``themes.py``) turns what was typed into tags
  and words; each organisation gets the strongest of: its own name or description mentions it (¾), a funded project
  it took part in has the tag among its themes (1) or mentions it in its title or description (¾), the project's
  programme is about it (½), a network it belongs to is about it (½). Several projects on the theme count more
  (``_more_projects``). The source is kept for the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping

import numpy as np
import pyarrow as pa

from . import themes as vocabulary
from .arrow_numpy import as_numpy
from .textnorm import fold_many

if TYPE_CHECKING:
    import pandas as pd

    from .directory import Directory

__all__ = [
    "Evidence",
    "ThemeEvidence",
    "SOURCES",
    "SOURCE_POINTS",
    "FUNDED_STATUSES",
    "NO_GROUPING_FAMILIES",
    "experience_programmes",
]

#: Projects that count as experience: those that got the money.
FUNDED_STATUSES = ("granted", "running", "completed")
#: Families that do not make programmes one: "other" holds a regional grant and Horizon 2020 alike.
NO_GROUPING_FAMILIES = frozenset({"", "other", "national"})
#: Where a theme came from, strongest first (the order also breaks ties between equally strong sources).
SOURCES = ("tag", "project-topics", "own-text", "project-text", "programme", "network")
SOURCE_POINTS = {
    "tag": 1.0,
    "project-topics": 1.0,
    "own-text": 0.75,
    "project-text": 0.75,
    "programme": 0.5,
    "network": 0.5,
}
_ROLE_RANK = {"coordinator": 0, "partner": 1, "associated": 2}


def experience_programmes(programmes: Mapping[str, Mapping[str, str]], programme: str) -> frozenset[str]:
    """The programmes whose funded projects count as experience for a call in ``programme``: itself, those of the
    same family (unless other/national) and those of the same lineage (its predecessors and successors).
    ``programmes``: the rows of programmes.csv by id (``PartnerIndex.programmes``)."""
    row = programmes.get(programme) if programme else None
    if row is None:
        return frozenset([programme]) if programme else frozenset()
    family, lineage = row.get("family", ""), row.get("lineage", "")
    chosen = {programme}
    for other, fields in programmes.items():
        if (family not in NO_GROUPING_FAMILIES and fields.get("family", "") == family) or (
            lineage and fields.get("lineage", "") == lineage
        ):
            chosen.add(other)
    return frozenset(chosen)


@dataclass(frozen=True)
class ThemeEvidence:
    """For one asked theme, per organisation: the points (0 to 1), the source (an index into ``SOURCES``, -1:
    none), what it came from (a project or network id) and how many of its funded projects are about the theme."""

    tags: tuple[str, ...]
    score: np.ndarray
    source: np.ndarray
    ref: np.ndarray
    relevant: np.ndarray


def _network_table(directory: "Directory") -> "pd.DataFrame":
    """The directory's networks (an empty table with the columns the evidence reads when there are none)."""
    import pandas as pd

    networks = directory.tables.get("network")
    if networks is None or not len(networks):
        networks = pd.DataFrame(columns=["id", "name", "themes", "description"])
    return networks


class Evidence:
    """Participations, programmes, networks and texts of a directory, as arrays over ``ids`` (see module docs).

    Built from the directory (with pandas); once ``prepare``d, a query reads only these arrays and ``programmes``
    (the rows of programmes.csv), so an index read back from the cache answers without the directory or pandas.
    """

    def __init__(self, directory: "Directory", ids: list[str], programmes: Mapping[str, Mapping[str, str]]) -> None:
        import pandas as pd  # only where the evidence is built

        self.directory: "Directory | None" = directory
        self.programmes = programmes
        self.n = len(ids)
        org_index = pd.Index(ids, dtype=object)
        tables = directory.tables
        projects = tables.get("project")
        self.projects = projects if projects is not None else pd.DataFrame(columns=["id"])
        self.n_projects = len(self.projects)
        project_index = pd.Index(self.projects["id"].to_numpy(dtype=object), dtype=object)
        self.project_ids = project_index.to_numpy(dtype=object)
        self.project_order = np.argsort(self.project_ids, kind="stable")  # finds a project by its id
        relations = directory.relations
        partner = relations[relations["relation"] == "partner_in"]
        org = org_index.get_indexer(partner["source"].to_numpy(dtype=object))
        project = project_index.get_indexer(partner["target"].to_numpy(dtype=object))
        rank = pd.Series(partner["role"].to_numpy(dtype=object)).map(_ROLE_RANK).fillna(1).to_numpy()
        keep = (org >= 0) & (project >= 0)
        pairs = pd.DataFrame({"org": org[keep], "project": project[keep], "rank": rank[keep]})
        pairs = pairs.sort_values(["org", "project", "rank"], kind="stable").drop_duplicates(["org", "project"])
        self.pair_org = pairs["org"].to_numpy()
        self.pair_project = pairs["project"].to_numpy()
        self.pair_coordinator = pairs["rank"].to_numpy() == 0
        status = self.projects["status"].to_numpy(dtype=object) if len(self.projects) else np.zeros(0, object)
        self.funded = np.isin(status, FUNDED_STATUSES)
        self.project_programme = self._column(self.projects, "programme")
        # programmes as integer codes: "is the project in one of these programmes" is then one table look-up
        self._programme_codes, values = pd.factorize(pd.Series(self.project_programme, dtype=object))
        self._programme_values = values.to_numpy(dtype=object)
        start, end = self._column(self.projects, "start"), self._column(self.projects, "end")
        self.project_start_year = _years(start)
        self.project_end_year = _years(end)
        self.project_end_year = np.where(
            np.isnan(self.project_end_year), self.project_start_year, self.project_end_year
        )
        # the newest date of a project: its end, else its start ("2019" → 2019-12-31), as days since 1970
        newest = pd.Series(np.where(end != "", end, start), dtype=object)
        self.project_day = _days(newest)
        funded_pair = self.funded[self.pair_project] if len(self.pair_project) else np.zeros(0, dtype=bool)
        self.funded_pair = funded_pair
        self.coordinated = np.bincount(self.pair_org[funded_pair & self.pair_coordinator], minlength=self.n).astype(
            np.int32
        )
        self.funded_count = np.bincount(self.pair_org[funded_pair], minlength=self.n).astype(np.int32)
        newest_project = np.full(self.n, -1, dtype=np.int64)
        if funded_pair.any():
            np.maximum.at(newest_project, self.pair_org[funded_pair], self.project_day[self.pair_project[funded_pair]])
        self.newest_project = newest_project  # days since 1970, -1: none
        self._org_text: pa.Array | None = None
        self._project_text: pa.Array | None = None
        self._project_tag_rows: dict[str, np.ndarray] | None = None
        self._network_facts: tuple | None = None
        self._themes: dict[str, ThemeEvidence] = {}
        self._experience: dict[frozenset[str], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._ids = ids

    def prepare(self) -> None:
        """Fold the texts and gather tags and memberships now (for the warm-start cache)."""
        self.prepare_themes()

    def state(self) -> dict:
        """Everything but the directory, its project table and the programmes (the index stores them)."""
        skipped = ("directory", "projects", "programmes", "_themes", "_ids")
        return {k: v for k, v in self.__dict__.items() if k not in skipped}

    @classmethod
    def restore(
        cls,
        state: dict,
        ids: list[str],
        programmes: Mapping[str, Mapping[str, str]],
        directory: "Directory | None" = None,
    ) -> "Evidence":
        """The prepared evidence read back (``ids``: the index's organisations, which the state leaves out):
        ``directory`` may be None (a search on the stored index alone)."""
        evidence = cls.__new__(cls)
        evidence.__dict__.update(state)
        evidence._ids = ids
        evidence.directory = directory
        evidence.programmes = programmes
        evidence._themes = {}
        return evidence

    @property
    def _source(self) -> "Directory":
        """The directory, for what is built from it on first use (never needed once ``prepare``d)."""
        if self.directory is None:
            raise RuntimeError("the partner evidence was read back without being prepared")
        return self.directory

    @staticmethod
    def _column(frame: "pd.DataFrame", name: str) -> np.ndarray:
        if name not in frame or not len(frame):
            return np.full(len(frame), "", dtype=object)
        return frame[name].fillna("").astype(str).to_numpy(dtype=object)

    # -- experience --

    def experience(self, programmes: frozenset[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per organisation: how many funded projects of ``programmes`` it took part in, and the (organisation,
        project row) pairs, newest project first, for the reasons."""
        if programmes not in self._experience:
            hit = (
                self.funded_pair & self._in_programmes(programmes)[self.pair_project]
                if len(self.pair_project)
                else np.zeros(0, dtype=bool)
            )
            orgs, projects = self.pair_org[hit], self.pair_project[hit]
            order = np.lexsort((-self.project_day[projects], orgs))
            counts = np.bincount(orgs, minlength=self.n).astype(np.int32)
            self._experience[programmes] = (counts, orgs[order], projects[order])
        return self._experience[programmes]

    def programme_of(self, project: str) -> str:
        """The programme of a project ("" if none or unknown)."""
        ids, order = self.project_ids, self.project_order
        at = int(np.searchsorted(ids, project, sorter=order))
        found = at < len(ids) and ids[order[at]] == project
        return str(self.project_programme[order[at]]) if found else ""

    def _in_programmes(self, programmes: Iterable[str]) -> np.ndarray:
        """A mask over the projects: is its programme one of ``programmes``?"""
        table = np.zeros(len(self._programme_values) + 1, dtype=bool)  # the last entry: code -1
        code = {value: i for i, value in enumerate(self._programme_values.tolist())}
        table[[code[p] for p in programmes if p in code]] = True
        return table[self._programme_codes]

    def projects_of(self, pairs: tuple[np.ndarray, np.ndarray], position: int, limit: int = 3) -> list[int]:
        """The first ``limit`` project rows of one organisation in sorted (organisation, project) pairs."""
        orgs, projects = pairs
        left, right = np.searchsorted(orgs, [position, position + 1])
        return projects[left : min(right, left + limit)].tolist()

    def took_part_between(self, since: int | None, until: int | None) -> np.ndarray:
        """A mask: took part in a funded project that ran (at least partly) between the years ``since`` and
        ``until`` (either may be None: open)."""
        if not len(self.pair_project):
            return np.zeros(self.n, dtype=bool)
        start = self.project_start_year[self.pair_project]
        end = self.project_end_year[self.pair_project]
        ok = self.funded_pair & ~np.isnan(start)
        if since is not None:
            ok &= end >= since
        if until is not None:
            ok &= start <= until
        mask = np.zeros(self.n, dtype=bool)
        mask[self.pair_org[ok]] = True
        return mask

    # -- themes --

    def _texts(self) -> tuple[pa.Array, pa.Array]:
        """The folded name and description of every organisation, and title, acronym and description of every
        project, as Arrow arrays (searched with Arrow's regular expressions)."""
        if self._org_text is None:
            import pandas as pd

            frame = self._source.tables["organisation"].set_index("id").reindex(self._ids)
            parts = [frame[c].fillna("").astype(str) for c in ("name", "description") if c in frame]
            joined = parts[0].str.cat(parts[1:], sep=" . ") if parts else pd.Series([""] * self.n)
            self._org_text = pa.array(fold_many(joined.tolist()), type=pa.string())
            p = self.projects
            parts = [p[c].fillna("").astype(str) for c in ("name", "acronym", "description") if c in p]
            joined = parts[0].str.cat(parts[1:], sep=" . ") if parts else pd.Series([], dtype=object)
            self._project_text = pa.array(fold_many(joined.tolist()), type=pa.string())
        return self._org_text, self._project_text  # type: ignore[return-value]

    def _project_tags(self) -> dict[str, np.ndarray]:
        """Theme tag → the project rows that carry it (their own themes)."""
        if self._project_tag_rows is None:
            found: dict[str, list[int]] = {}
            for row, text in enumerate(self._column(self.projects, "themes").tolist()):
                for tag in text.split("|") if text else ():
                    found.setdefault(tag, []).append(row)
            self._project_tag_rows = {tag: np.asarray(rows, dtype=np.int64) for tag, rows in found.items()}
        return self._project_tag_rows

    def _networks(self) -> tuple[np.ndarray, list[str] | None, pa.Array, np.ndarray, np.ndarray]:
        """The networks' ids, their themes (None: no such column), their folded texts, and every membership as
        (organisation position, network row)."""
        if self._network_facts is None:
            import pandas as pd

            networks = _network_table(self._source)
            columns = [c for c in ("name", "description") if c in networks]
            joined = networks[columns[0]].fillna("").astype(str) if columns else pd.Series([""] * len(networks))
            for c in columns[1:]:
                joined = joined + " . " + networks[c].fillna("").astype(str)
            text = pa.array(fold_many(joined.tolist()), type=pa.string())
            relations = self._source.relations
            member = relations[relations["relation"] == "member_of"]
            org = pd.Index(self._ids, dtype=object).get_indexer(member["source"].to_numpy(dtype=object))
            net = pd.Index(networks["id"].to_numpy(dtype=object), dtype=object).get_indexer(
                member["target"].to_numpy(dtype=object)
            )
            keep = (org >= 0) & (net >= 0)
            themes = networks["themes"].fillna("").astype(str).tolist() if "themes" in networks else None
            ids = networks["id"].to_numpy(dtype=object)
            self._network_facts = (ids, themes, text, org[keep], net[keep])
        return self._network_facts

    def prepare_themes(self) -> None:
        """Everything theme evidence needs that does not depend on the theme (for the warm-start cache)."""
        self._texts()
        self._project_tags()
        self._networks()

    def theme(self, asked: str, tag_positions: dict[str, np.ndarray]) -> ThemeEvidence:
        """The evidence for one asked theme (tag or words), per organisation (see module docs).
        ``tag_positions``: theme tag → positions of the organisations that carry it."""
        if asked not in self._themes:
            self._themes[asked] = self._theme(asked, tag_positions)
        return self._themes[asked]

    def _theme(self, asked: str, tag_positions: dict[str, np.ndarray]) -> ThemeEvidence:
        tags = vocabulary.resolve(asked)
        regex = "|".join(f"(?:{vocabulary.pattern(tag).pattern})" for tag in tags)
        org_text, project_text = self._texts()
        n = self.n
        score = np.zeros(n)
        source = np.full(n, -1, dtype=np.int8)
        ref = np.full(n, "", dtype=object)

        def offer(points: np.ndarray, code: str, refs: np.ndarray | None = None) -> None:
            better = points > score
            score[better] = points[better]
            source[better] = SOURCES.index(code)
            if refs is not None:
                ref[better] = refs[better]

        own = np.zeros(n)
        for tag in tags:
            own[tag_positions.get(tag, np.zeros(0, dtype=np.int64))] = 1.0
        offer(own, "tag")
        relevant = np.zeros(n, dtype=np.int32)
        if len(self.pair_project):
            project_hits = self._project_hits(tags, regex, project_text)
            pair_points = project_hits[0][self.pair_project]
            hit = (pair_points > 0) & self.funded_pair  # ideas and rejected applications are no evidence
            if hit.any():
                orgs, projects = self.pair_org[hit], self.pair_project[hit]
                kind = project_hits[1][projects]
                relevant = np.bincount(orgs, minlength=n).astype(np.int32)
                more = self._more_projects(orgs, pair_points[hit], kind, relevant)
                # per organisation its best project: most points, then the stronger source, then the newest
                order = np.lexsort((-self.project_day[projects], kind, -more, orgs))
                first = np.ones(len(order), dtype=bool)
                first[1:] = orgs[order][1:] != orgs[order][:-1]
                best = order[first]
                points = np.zeros(n)
                points[orgs[best]] = more[best]
                kinds = np.zeros(n, dtype=np.int8)
                kinds[orgs[best]] = kind[best]
                refs = np.full(n, "", dtype=object)
                refs[orgs[best]] = self.project_ids[projects[best]]
                for code in ("project-topics", "project-text", "programme"):
                    part = np.where(kinds == SOURCES.index(code), points, 0.0)
                    offer(part, code, refs)
        offer(_contains(org_text, regex) * SOURCE_POINTS["own-text"], "own-text")
        self._network_evidence(tags, regex, offer)
        return ThemeEvidence(tuple(tags), score, source, ref, relevant)

    def _more_projects(
        self, orgs: np.ndarray, points: np.ndarray, kinds: np.ndarray, relevant: np.ndarray
    ) -> np.ndarray:
        """Several projects on the theme say more than one. A project's own topics or words: each further one adds
        ¼, up to 1. Its programme only (a broad field such as Horizon 2020 SC6): ½, rising to 1 with the share of
        the organisation's funded projects that are in such programmes (at least 3 for the full share), so that a
        small heritage institute whose projects are all SC6 counts more than a research giant with 25 of 1,300."""
        count = relevant[orgs]
        more = np.minimum(points + 0.25 * (count - 1), 1.0)
        share = count / np.maximum(self.funded_count[orgs], 1)
        broad = 0.5 + 0.5 * np.minimum(share, 1.0) * np.minimum(count, 3) / 3
        return np.where(kinds == SOURCES.index("programme"), broad, more)

    def _project_hits(self, tags: Iterable[str], regex: str, project_text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
        """Per project: the points it gives for the theme and the source code (topics, title/description, or its
        programme's themes)."""
        count = self.n_projects
        on_topic = np.zeros(count, dtype=bool)
        by_tag = self._project_tags()
        for tag in tags:
            on_topic[by_tag.get(tag, np.zeros(0, dtype=np.int64))] = True
        in_text = _contains(project_text, regex)
        programme_topics = self._programme_themes()
        by_programme = np.zeros(count, dtype=bool)
        if programme_topics:
            by_programme = self._in_programmes(pid for pid, found in programme_topics.items() if set(tags) & found)
        points = np.select(
            [on_topic, in_text, by_programme],
            [SOURCE_POINTS["project-topics"], SOURCE_POINTS["project-text"], SOURCE_POINTS["programme"]],
            0.0,
        )
        kinds = np.select(
            [on_topic, in_text, by_programme],
            [SOURCES.index("project-topics"), SOURCES.index("project-text"), SOURCES.index("programme")],
            -1,
        ).astype(np.int8)
        return points, kinds

    def _programme_themes(self) -> dict[str, set[str]]:
        return {pid: set(row["themes"].split("|")) for pid, row in self.programmes.items() if row.get("themes")}

    def _network_evidence(self, tags: tuple[str, ...], regex: str, offer) -> None:
        """Members of a network that is about the theme (its themes, name or description): "a member of a
        social-economy network is evidence of social economy"."""
        ids, topics, text, member_org, member_net = self._networks()
        if not len(ids) or not len(member_org):
            return
        on_topic = _contains(text, regex)
        if topics is not None:
            on_topic |= np.fromiter(
                (bool(set(tags) & set(t.split("|"))) for t in topics), dtype=bool, count=len(topics)
            )
        hit = on_topic[member_net]
        if not hit.any():
            return
        points = np.zeros(self.n)
        refs = np.full(self.n, "", dtype=object)
        order = np.argsort(ids[member_net[hit]], kind="stable")[::-1]  # the first network by id wins
        refs[member_org[hit][order]] = ids[member_net[hit]][order]
        points[member_org[hit]] = SOURCE_POINTS["network"]
        offer(points, "network", refs)


def _contains(texts: pa.Array, regex: str) -> np.ndarray:
    """A mask: does each (folded) text match ``regex``? Arrow's RE2 engine, in C++: a hundred thousand texts in a
    few milliseconds, where Python's ``re`` per text takes a second."""
    if not len(texts):
        return np.zeros(0, dtype=bool)
    import pyarrow.compute as pc  # here: a fifth of a second to import, and only a theme needs it

    found = pc.match_substring_regex(texts, regex)
    # as bytes, not booleans: Arrow packs booleans into bits, and unpacking them imports pandas
    return as_numpy(found.cast(pa.uint8()), np.uint8).astype(bool)  # the texts hold no nulls


def _years(values: np.ndarray) -> np.ndarray:
    import pandas as pd

    text = pd.Series(values, dtype=object).str.slice(0, 4)
    return pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)


def _days(values: "pd.Series") -> np.ndarray:
    import pandas as pd

    from .dates import period_ends

    full = period_ends(values)
    days = pd.to_datetime(full, format="%Y-%m-%d", errors="coerce").to_numpy(dtype="datetime64[D]")
    return np.where(np.isnat(days), -1, days.astype(np.int64))
