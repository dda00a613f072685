"""Cost allocation: the pilot budget shared by inhabitants, to the cent."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from pnet.errors import PnetError
from warehouse.resolver import Gemeente


class CostsError(PnetError, ValueError):
    """Costs cannot be shared (no municipalities, no positive budget)."""


@dataclass(frozen=True)
class Share:
    gemeente: Gemeente
    bedrag: Decimal


@dataclass(frozen=True)
class Allocation:
    budget: Decimal
    rate_per_inhabitant: Decimal  # euro per inhabitant, before rounding to cents
    shares: list[Share]

    def as_json(self) -> dict:
        return {
            "budget": float(self.budget),
            "rate_per_inhabitant": float(round(self.rate_per_inhabitant, 6)),
            "shares": [
                {
                    "gemeentecode": s.gemeente.code,
                    "gemeentenaam": s.gemeente.naam,
                    "inwoners": s.gemeente.inwoners,
                    "bedrag": float(s.bedrag),
                }
                for s in self.shares
            ],
        }


def allocate(gemeenten: list[Gemeente], budget: float | Decimal) -> Allocation:
    """Share `budget` in proportion to inhabitants; cents by largest remainder so the shares sum exactly.

    The same rate applies to every inhabitant, so a larger municipality pays more in total but
    never more per inhabitant (up to one cent of rounding). Ties in the remainder go to the
    municipality with more inhabitants, then by code, so the result is deterministic.
    """
    if not gemeenten:
        raise CostsError("Geen gemeenten om de kosten over te verdelen.")
    cents_total = int((Decimal(str(budget)) * 100).to_integral_value())
    inwoners_total = sum(g.inwoners for g in gemeenten)
    exact = [Decimal(cents_total) * g.inwoners / inwoners_total for g in gemeenten]
    floors = [int(e.to_integral_value(rounding=ROUND_FLOOR)) for e in exact]
    leftover = cents_total - sum(floors)
    order = sorted(range(len(gemeenten)), key=lambda i: (-(exact[i] - floors[i]), -gemeenten[i].inwoners, gemeenten[i].code))
    for i in order[:leftover]:
        floors[i] += 1
    shares = [Share(g, Decimal(c) / 100) for g, c in zip(gemeenten, floors)]
    shares.sort(key=lambda s: (-s.gemeente.inwoners, s.gemeente.code))
    return Allocation(Decimal(cents_total) / 100, Decimal(cents_total) / 100 / inwoners_total, shares)
