"""Matching parameters, with defaults from `config/matching.yaml`."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from pnet.errors import PnetError
from pnet.settings import load_config


class MatchingError(PnetError):
    """Input the matcher cannot use (empty, inconsistent or infeasible); the message is Dutch."""


def _default(name: str):
    return load_config("matching")["defaults"][name]


@dataclass
class MatchParams:
    max_team: int = field(default_factory=lambda: int(_default("max_team")))
    min_block: int = field(default_factory=lambda: int(_default("min_block")))
    min_score: float = field(default_factory=lambda: float(_default("min_score")))
    fairness: bool = field(default_factory=lambda: bool(_default("fairness")))
    time_limit: float = field(default_factory=lambda: float(_default("time_limit")))
    mip_gap: float = field(default_factory=lambda: float(_default("mip_gap")))
    candidates_per_initiative: int = field(default_factory=lambda: int(_default("candidates_per_initiative")))

    def __post_init__(self) -> None:
        if self.max_team < 1:
            raise MatchingError(f"--max-team moet minimaal 1 zijn (gegeven: {self.max_team}).")
        if self.min_block < 1:
            raise MatchingError(f"--min-block moet minimaal 1 uur zijn (gegeven: {self.min_block}).")
        if not 0 <= self.min_score <= 1:
            raise MatchingError(f"--min-score moet tussen 0 en 1 liggen (gegeven: {self.min_score}).")
        if not math.isfinite(self.time_limit) or self.time_limit <= 0:
            raise MatchingError(f"--time-limit moet een positief aantal seconden zijn (gegeven: {self.time_limit}).")

    def as_json(self) -> dict:
        return asdict(self)
