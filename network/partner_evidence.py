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

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import themes as vocabulary
from .textnorm import fold_many

if TYPE_CHECKING:
    from .directory import Directory

__all__ = ["Evidence", "ThemeEvidence", "SOURCES", "SOURCE_POINTS", "FUNDED_STATUSES", "NO_GROUPING_FAMILIES",
           "experience_programmes"]

#: Projects that count as experience: those that got the money.
FUNDED_STATUSES = ("granted", "running", "completed")
#: Families that do not make programmes one: "other" holds a regional grant and Horizon 2020 alike.
NO_GROUPING_FAMILIES = frozenset({"", "other", "national"})
#: Where a theme came from, strongest first (the order also breaks ties between equally strong sources).
SOURCES = ("tag", "project-topics", "own-text", "project-text", "programme", "network")
SOURCE_POINTS = {"tag": 1.0, "project-topics": 1.0, "own-text": 0.75, "project-text": 0.75, "programme": 0.5,
                 "network": 0.5}
_ROLE_RANK = {"coordinator": 0, "partner": 1, "associated": 2}


def experience_programmes(directory: "Directory", programme: str) -> frozenset[str]:
    """The programmes whose funded projects count as experience for a call in ``programme``: itself, those of the
    same family (unless other/national) and those of the same lineage (its predecessors and successors)."""
    table = directory.tables.get("programme")
    if table is None or not len(table) or not programme:
        return frozenset([programme]) if programme else frozenset()
    row = table[table["id"] == programme]
    if not len(row):
        return frozenset([programme])
    family = str(row["family"].iloc[0] or "")
    lineage = str(row["lineage"].iloc[0] or "") if "lineage" in table else ""
    chosen = table["id"] == programme
    if family not in NO_GROUPING_FAMILIES:
        chosen |= table["family"] == family
    if lineage:
        chosen |= table["lineage"] == lineage
    return frozenset(table.loc[chosen, "id"])


@dataclass(frozen=True)
class ThemeEvidence:
    """For one asked theme, per organisation: the points (0 to 1), the source (an index into ``SOURCES``, -1:
    none), what it came from (a project, network or word) and how many of its projects are about the theme."""

    tags: tuple[str, ...]
    score: np.ndarray
    source: np.ndarray
    ref: np.ndarray
    word: np.ndarray
    relevant: np.ndarray


class Evidence:
    """Participations, programmes, networks and texts of a directory, as arrays over ``ids`` (see module docs)."""

    def __init__(self, directory: "Directory", ids: list[str]) -> None:
        self.directory = directory
        self.n = len(ids)
        org_index = pd.Index(ids, dtype=object)
        tables = directory.tables
        projects = tables.get("project")
        self.projects = projects if projects is not None else pd.DataFrame(columns=["id"])
        project_index = pd.Index(self.projects["id"].to_numpy(dtype=object), dtype=object)
        self.project_ids = project_index
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
        self._programme_codes, self._programme_values = pd.factorize(pd.Series(self.project_programme, dtype=object))
        start, end = self._column(self.projects, "start"), self._column(self.projects, "end")
        self.project_start_year = _years(start)
        self.project_end_year = _years(end)
        self.project_end_year = np.where(np.isnan(self.project_end_year), self.project_start_year,
                                         self.project_end_year)
        # the newest date of a project: its end, else its start ("2019" → 2019-12-31), as days since 1970
        newest = pd.Series(np.where(end != "", end, start), dtype=object)
        self.project_day = _days(newest)
        funded_pair = self.funded[self.pair_project] if len(self.pair_project) else np.zeros(0, dtype=bool)
        self.funded_pair = funded_pair
        self.coordinated = np.bincount(self.pair_org[funded_pair & self.pair_coordinator],
                                       minlength=self.n).astype(np.int32)
        self.funded_count = np.bincount(self.pair_org[funded_pair], minlength=self.n).astype(np.int32)
        newest_project = np.full(self.n, -1, dtype=np.int64)
        if funded_pair.any():
            np.maximum.at(newest_project, self.pair_org[funded_pair], self.project_day[self.pair_project[funded_pair]])
        self.newest_project = newest_project  # days since 1970, -1: none
        self._org_text: np.ndarray | None = None
        self._project_text: np.ndarray | None = None
        self._themes: dict[str, ThemeEvidence] = {}
        self._experience: dict[frozenset[str], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._ids = ids

    def prepare(self) -> None:
        """Fold the texts now (for the warm-start cache); everything else is built in ``__init__``."""
        self._texts()

    def state(self) -> dict:
        """Everything but the directory and its project table, which the cache stores on its own."""
        return {k: v for k, v in self.__dict__.items() if k not in ("directory", "projects", "_themes")}

    @classmethod
    def restore(cls, directory: "Directory", state: dict) -> "Evidence":
        evidence = cls.__new__(cls)
        evidence.__dict__.update(state)
        evidence.directory = directory
        projects = directory.tables.get("project")
        evidence.projects = projects if projects is not None else pd.DataFrame(columns=["id"])
        evidence._themes = {}
        return evidence

    @staticmethod
    def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
        if name not in frame or not len(frame):
            return np.full(len(frame), "", dtype=object)
        return frame[name].fillna("").astype(str).to_numpy(dtype=object)

    # -- experience --

    def experience(self, programmes: frozenset[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per organisation: how many funded projects of ``programmes`` it took part in, and the (organisation,
        project row) pairs, newest project first, for the reasons."""
        if programmes not in self._experience:
            hit = self.funded_pair & self._in_programmes(programmes)[self.pair_project] \
                if len(self.pair_project) else np.zeros(0, dtype=bool)
            orgs, projects = self.pair_org[hit], self.pair_project[hit]
            order = np.lexsort((-self.project_day[projects], orgs))
            counts = np.bincount(orgs, minlength=self.n).astype(np.int32)
            self._experience[programmes] = (counts, orgs[order], projects[order])
        return self._experience[programmes]

    def _in_programmes(self, programmes: Iterable[str]) -> np.ndarray:
        """A mask over the projects: is its programme one of ``programmes``?"""
        table = np.zeros(len(self._programme_values) + 1, dtype=bool)  # the last entry: code -1
        positions = pd.Index(self._programme_values).get_indexer(list(programmes))
        table[positions[positions >= 0]] = True
        return table[self._programme_codes]

    def projects_of(self, pairs: tuple[np.ndarray, np.ndarray], position: int, limit: int = 3) -> list[int]:
        """The first ``limit`` project rows of one organisation in sorted (organisation, project) pairs."""
        orgs, projects = pairs
        left, right = np.searchsorted(orgs, [position, position + 1])
        return projects[left:min(right, left + limit)].tolist()

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

    def _texts(self) -> tuple[np.ndarray, np.ndarray]:
        if self._org_text is None:
            frame = self.directory.tables["organisation"].set_index("id").reindex(self._ids)
            parts = [frame[c].fillna("").astype(str) for c in ("name", "description") if c in frame]
            joined = parts[0].str.cat(parts[1:], sep=" . ") if parts else pd.Series([""] * self.n)
            self._org_text = np.asarray(fold_many(joined.tolist()), dtype=object)
            p = self.projects
            parts = [p[c].fillna("").astype(str) for c in ("name", "acronym", "description") if c in p]
            joined = parts[0].str.cat(parts[1:], sep=" . ") if parts else pd.Series([], dtype=object)
            self._project_text = np.asarray(fold_many(joined.tolist()), dtype=object)
        return self._org_text, self._project_text  # type: ignore[return-value]

    def theme(self, asked: str, own_tags: list[tuple[str, ...]]) -> ThemeEvidence:
        """The evidence for one asked theme (tag or words), per organisation (see module docs)."""
        if asked not in self._themes:
            self._themes[asked] = self._theme(asked, own_tags)
        return self._themes[asked]

    def _theme(self, asked: str, own_tags: list[tuple[str, ...]]) -> ThemeEvidence:
        tags = vocabulary.resolve(asked)
        regex = "|".join(f"(?:{vocabulary.pattern(tag).pattern})" for tag in tags)
        org_text, project_text = self._texts()
        n = self.n
        score = np.zeros(n)
        source = np.full(n, -1, dtype=np.int8)
        ref = np.full(n, "", dtype=object)
        word = np.full(n, "", dtype=object)

        def offer(points: np.ndarray, code: str, refs: np.ndarray | None = None,
                  words: np.ndarray | None = None) -> None:
            better = points > score
            score[better] = points[better]
            source[better] = SOURCES.index(code)
            if refs is not None:
                ref[better] = refs[better]
            if words is not None:
                word[better] = words[better]

        wanted = set(tags)
        own = np.fromiter((bool(wanted.intersection(t)) for t in own_tags), dtype=bool, count=n)
        offer(own * 1.0, "tag")
        relevant = np.zeros(n, dtype=np.int32)
        if len(self.pair_project):
            project_hits = self._project_hits(tags, regex, project_text)
            pair_points = project_hits[0][self.pair_project]
            hit = (pair_points > 0) & self.funded_pair  # ideas and rejected applications are no evidence
            if hit.any():
                frame = pd.DataFrame({"org": self.pair_org[hit], "project": self.pair_project[hit],
                                      "points": pair_points[hit], "kind": project_hits[1][self.pair_project[hit]],
                                      "day": self.project_day[self.pair_project[hit]]})
                relevant = np.bincount(frame["org"].to_numpy(), minlength=n).astype(np.int32)
                frame["points"] = self._more_projects(frame, relevant)
                best = frame.sort_values(["org", "points", "kind", "day"], ascending=[True, False, True, False],
                                         kind="stable").drop_duplicates("org")
                points = np.zeros(n)
                points[best["org"].to_numpy()] = best["points"].to_numpy()
                kinds = np.zeros(n, dtype=np.int8)
                kinds[best["org"].to_numpy()] = best["kind"].to_numpy()
                refs = np.full(n, "", dtype=object)
                refs[best["org"].to_numpy()] = self.project_ids.to_numpy()[best["project"].to_numpy()]
                for code in ("project-topics", "project-text", "programme"):
                    part = np.where(kinds == SOURCES.index(code), points, 0.0)
                    offer(part, code, refs)
        text_hit = _contains(org_text, regex)
        if text_hit.any():
            words = np.full(n, "", dtype=object)
            compiled = re.compile(regex)
            for i in np.flatnonzero(text_hit & (score < SOURCE_POINTS["own-text"])):
                found = compiled.search(org_text[i])
                words[i] = found.group(0) if found else ""
            offer(text_hit * SOURCE_POINTS["own-text"], "own-text", words=words)
        self._network_evidence(tags, regex, offer)
        return ThemeEvidence(tuple(tags), score, source, ref, word, relevant)

    def _more_projects(self, frame: pd.DataFrame, relevant: np.ndarray) -> np.ndarray:
        """Several projects on the theme say more than one. A project's own topics or words: each further one adds
        ¼, up to 1. Its programme only (a broad field such as Horizon 2020 SC6): ½, rising to 1 with the share of
        the organisation's funded projects that are in such programmes (at least 3 for the full share), so that a
        small heritage institute whose projects are all SC6 counts more than a research giant with 25 of 1,300."""
        orgs = frame["org"].to_numpy()
        points = frame["points"].to_numpy()
        count = relevant[orgs]
        more = np.minimum(points + 0.25 * (count - 1), 1.0)
        share = count / np.maximum(self.funded_count[orgs], 1)
        broad = 0.5 + 0.5 * np.minimum(share, 1.0) * np.minimum(count, 3) / 3
        return np.where(frame["kind"].to_numpy() == SOURCES.index("programme"), broad, more)

    def _project_hits(self, tags: Iterable[str], regex: str, project_text: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per project: the points it gives for the theme and the source code (topics, title/description, or its
        programme's themes)."""
        p = self.projects
        count = len(p)
        topics = ("|" + pd.Series(self._column(p, "themes"), dtype=object) + "|")
        on_topic = np.zeros(count, dtype=bool)
        for tag in tags:
            on_topic |= topics.str.contains(f"|{tag}|", regex=False).to_numpy(dtype=bool)
        in_text = _contains(project_text, regex)
        programme_topics = self._programme_themes()
        by_programme = np.zeros(count, dtype=bool)
        if programme_topics:
            by_programme = self._in_programmes(pid for pid, found in programme_topics.items() if set(tags) & found)
        points = np.select([on_topic, in_text, by_programme],
                           [SOURCE_POINTS["project-topics"], SOURCE_POINTS["project-text"],
                            SOURCE_POINTS["programme"]], 0.0)
        kinds = np.select([on_topic, in_text, by_programme],
                          [SOURCES.index("project-topics"), SOURCES.index("project-text"),
                           SOURCES.index("programme")], -1).astype(np.int8)
        return points, kinds

    def _programme_themes(self) -> dict[str, set[str]]:
        table = self.directory.tables.get("programme")
        if table is None or "themes" not in table or not len(table):
            return {}
        return {pid: set(t.split("|")) for pid, t in zip(table["id"], table["themes"].fillna("")) if t}

    def _network_evidence(self, tags: tuple[str, ...], regex: str, offer) -> None:
        """Members of a network that is about the theme (its themes, name or description): "a member of a
        social-economy network is evidence of social economy"."""
        networks = self.directory.tables.get("network")
        if networks is None or not len(networks):
            return
        topics = "|" + networks["themes"].fillna("").astype(str) + "|" if "themes" in networks else None
        on_topic = np.zeros(len(networks), dtype=bool)
        for tag in tags:
            if topics is not None:
                on_topic |= topics.str.contains(f"|{tag}|", regex=False).to_numpy(dtype=bool)
        text = [c for c in ("name", "description") if c in networks]
        joined = networks[text[0]].fillna("").astype(str)
        for c in text[1:]:
            joined = joined + " . " + networks[c].fillna("").astype(str)
        on_topic |= _contains(np.asarray(fold_many(joined.tolist()), dtype=object), regex)
        if not on_topic.any():
            return
        about = set(networks.loc[on_topic, "id"])
        relations = self.directory.relations
        member = relations[(relations["relation"] == "member_of") & relations["target"].isin(about)]
        org = pd.Index(self._ids, dtype=object).get_indexer(member["source"].to_numpy(dtype=object))
        keep = org >= 0
        points = np.zeros(self.n)
        refs = np.full(self.n, "", dtype=object)
        order = np.argsort(member["target"].to_numpy(dtype=object)[keep], kind="stable")[::-1]
        refs[org[keep][order]] = member["target"].to_numpy(dtype=object)[keep][order]
        points[org[keep]] = SOURCE_POINTS["network"]
        offer(points, "network", refs)


def _contains(texts: np.ndarray, regex: str) -> np.ndarray:
    """A mask: does each (folded) text match ``regex``? Arrow's RE2 engine, in C++: a hundred thousand texts in a
    few milliseconds, where Python's ``re`` per text takes a second."""
    if not len(texts):
        return np.zeros(0, dtype=bool)
    found = pc.match_substring_regex(pa.array(texts, type=pa.string()), regex)
    return found.to_numpy(zero_copy_only=False).astype(bool)


def _years(values: np.ndarray) -> np.ndarray:
    text = pd.Series(values, dtype=object).str.slice(0, 4)
    return pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)


def _days(values: pd.Series) -> np.ndarray:
    length = values.str.len()
    full = values.where(length != 4, values + "-12-31").where(length != 7, values + "-28")
    days = pd.to_datetime(full, format="%Y-%m-%d", errors="coerce").to_numpy(dtype="datetime64[D]")
    return np.where(np.isnat(days), -1, days.astype(np.int64))
