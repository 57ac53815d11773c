"""Statistics for rates and their changes: pure functions, with the formulas written out.

* ``wilson_interval``: the Wilson score interval for one proportion (Wilson, 1927).
* ``newcombe_interval``: the hybrid score interval for a difference of two independent
  proportions, p1 - p2 (Newcombe, 1998, method 10).
* ``did_interval``: a difference in differences, the change in the project villages minus the
  change in the comparison villages, with an interval by the MOVER square-and-add method
  (Zou & Donner, 2008) from the two Newcombe intervals.
* ``verdict``: improved / worsened / no reliable change / too few children to judge.

A change is called reliable only when its interval excludes 0, as the Australian Early Development
Census and Canada's EDI call a change significant only past a critical difference. Where a rate has
no children behind it (n = 0) the interval is missing (NaN), never invented.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from statistics import NormalDist

MIN_CHILDREN = 20  # fewer children than this in either group: too few to judge
NAN = float("nan")


def z_value(confidence: float = 0.95) -> float:
    """The standard normal quantile for a two-sided interval: 1.95996... for 95%."""
    if not 0 < confidence < 1:
        raise ValueError("confidence must lie strictly between 0 and 1")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson_interval(successes: int, trials: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval for ``successes`` out of ``trials``.

    With p = x / n and z the normal quantile::

        centre = (p + z²/2n) / (1 + z²/n)
        half   = z / (1 + z²/n) · sqrt(p(1 - p)/n + z²/4n²)

    and the interval is centre ± half. It stays inside [0, 1] and behaves at x = 0 and x = n.
    """
    if trials <= 0:
        return NAN, NAN
    if not 0 <= successes <= trials:
        raise ValueError("successes must lie between 0 and trials")
    z = z_value(confidence)
    p, n = successes / trials, trials
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe_interval(
    x1: int, n1: int, x2: int, n2: int, confidence: float = 0.95
) -> tuple[float, float]:
    """An interval for p1 - p2 by Newcombe's hybrid score method (his method 10).

    With (l1, u1) and (l2, u2) the Wilson intervals of p1 and p2 and d = p1 - p2::

        low  = d - sqrt((p1 - l1)² + (u2 - p2)²)
        high = d + sqrt((u1 - p1)² + (p2 - l2)²)
    """
    if n1 <= 0 or n2 <= 0:
        return NAN, NAN
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson_interval(x1, n1, confidence)
    l2, u2 = wilson_interval(x2, n2, confidence)
    d = p1 - p2
    return d - math.hypot(p1 - l1, u2 - p2), d + math.hypot(u1 - p1, p2 - l2)


@dataclass(frozen=True)
class Rate:
    """A count out of a base: 62 of 240."""

    count: int
    base: int

    @property
    def value(self) -> float:
        return self.count / self.base if self.base > 0 else NAN


def did_interval(
    project_before: Rate,
    project_after: Rate,
    comparison_before: Rate,
    comparison_after: Rate,
    confidence: float = 0.95,
) -> tuple[float, float, float]:
    """The difference in differences and its interval: (estimate, low, high).

    With D1 = after - before in the project villages and D2 the same in the comparison villages,
    each with its Newcombe interval (L1, U1) and (L2, U2), the MOVER square-and-add interval of
    D1 - D2 is::

        low  = (D1 - D2) - sqrt((D1 - L1)² + (U2 - D2)²)
        high = (D1 - D2) + sqrt((U1 - D1)² + (D2 - L2)²)
    """
    d1, l1, u1 = change_interval(project_before, project_after, confidence)
    d2, l2, u2 = change_interval(comparison_before, comparison_after, confidence)
    estimate = d1 - d2
    return (
        estimate,
        estimate - math.hypot(d1 - l1, u2 - d2),
        estimate + math.hypot(u1 - d1, d2 - l2),
    )


def change_interval(
    before: Rate, after: Rate, confidence: float = 0.95
) -> tuple[float, float, float]:
    """A change of a rate, after - before, with its Newcombe interval: (change, low, high)."""
    low, high = newcombe_interval(after.count, after.base, before.count, before.base, confidence)
    return after.value - before.value, low, high


class Verdict(StrEnum):
    IMPROVED = "improved"
    WORSENED = "worsened"
    NO_RELIABLE_CHANGE = "no_reliable_change"
    TOO_FEW = "too_few"


def verdict(low: float, high: float, smallest_group: int, higher_is_better: bool = True) -> Verdict:
    """What a change means: reliable only when its interval excludes 0, and judged only when
    each group has at least ``MIN_CHILDREN`` children."""
    if smallest_group < MIN_CHILDREN or math.isnan(low) or math.isnan(high):
        return Verdict.TOO_FEW
    if low <= 0 <= high:
        return Verdict.NO_RELIABLE_CHANGE
    rose = low > 0
    return Verdict.IMPROVED if rose == higher_is_better else Verdict.WORSENED
