"""The encoded assignment problem: eligible arcs with weights, capacities, limits and locks.

Conflicts are encoded as missing arcs, never as penalties: a pair that may not be proposed
(own municipality, no employer consent, rejected by the meeting, score below the minimum,
or a block that cannot fit) simply has no arc.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Problem:
    """Whole-hour assignment of consultants (c) to initiatives (i) over eligible arcs.

    Arc k joins initiative `arc_i[k]` and consultant `arc_c[k]` with affinity `score[k]`;
    `locked[k] > 0` fixes the arc to that many hours (a confirmed pair of an earlier meeting).
    """

    initiative_ids: list[str]
    consultant_ids: list[str]
    need: np.ndarray  # int hours needed per initiative
    avail: np.ndarray  # int hours available per consultant
    priority: np.ndarray  # float per initiative
    arc_i: np.ndarray
    arc_c: np.ndarray
    score: np.ndarray
    locked: np.ndarray  # int hours per arc, 0 when not locked
    max_team: int = 2
    min_block: int = 8
    initiative_gemeente: list[str] = field(default_factory=list)
    consultant_gemeente: list[str] = field(default_factory=list)

    @property
    def n_initiatives(self) -> int:
        return len(self.initiative_ids)

    @property
    def n_consultants(self) -> int:
        return len(self.consultant_ids)

    @property
    def n_arcs(self) -> int:
        return len(self.arc_i)

    @property
    def weight(self) -> np.ndarray:
        """Objective coefficient per arc hour: priority of the initiative times the affinity."""
        return self.priority[self.arc_i] * self.score

    @property
    def upper(self) -> np.ndarray:
        """Most hours an arc can carry: the smaller of need and availability (or its lock)."""
        cap = np.minimum(self.need[self.arc_i], self.avail[self.arc_c])
        return np.where(self.locked > 0, self.locked, cap)

    def objective(self, hours: np.ndarray) -> float:
        return float(self.weight @ hours)

    def feasible(self, hours: np.ndarray) -> bool:
        """Whether whole `hours` per arc keep every hard rule (locks, blocks, hours, team size)."""
        locked, used = self.locked > 0, hours > 0
        return bool(
            len(hours) == self.n_arcs
            and np.all(hours >= 0) and np.all(hours <= self.upper)
            and np.all(hours[locked] == self.locked[locked])
            and np.all(hours[used & ~locked] >= self.min_block)
            and np.all(np.bincount(self.arc_i, hours, self.n_initiatives) <= self.need)
            and np.all(np.bincount(self.arc_c, hours, self.n_consultants) <= self.avail)
            and np.all(np.bincount(self.arc_i[used], minlength=self.n_initiatives) <= self.max_team)
        )

    def rank_in_initiative(self, key: np.ndarray) -> np.ndarray:
        """Each arc's place (0 = first) among its initiative's arcs, by `key` from high to low."""
        order = np.lexsort((-key, self.arc_i))
        first = np.searchsorted(self.arc_i[order], np.arange(self.n_initiatives))
        rank = np.empty(self.n_arcs, dtype=int)
        rank[order] = np.arange(self.n_arcs) - first[self.arc_i[order]]
        return rank

    def subset(self, keep: np.ndarray) -> Problem:
        """The same problem restricted to the arcs where `keep` is true."""
        return Problem(
            self.initiative_ids, self.consultant_ids, self.need, self.avail, self.priority,
            self.arc_i[keep], self.arc_c[keep], self.score[keep], self.locked[keep],
            self.max_team, self.min_block, self.initiative_gemeente, self.consultant_gemeente,
        )
