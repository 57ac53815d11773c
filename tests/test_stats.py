"""The statistics, checked against statsmodels over a grid of counts and against the worked
examples in Newcombe's papers (1998)."""

from __future__ import annotations

import math

import pytest
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from readiness.analysis.stats import (
    MIN_CHILDREN,
    Rate,
    Verdict,
    change_interval,
    did_interval,
    newcombe_interval,
    verdict,
    wilson_interval,
    z_value,
)

GRID = [(x, n) for n in (1, 2, 5, 20, 21, 100, 263) for x in sorted({0, 1, n // 3, n - 1, n})]
PAIRS = [(a, b) for a in GRID[::3] for b in GRID[1::4]]


@pytest.mark.parametrize(("x", "n"), GRID)
@pytest.mark.parametrize("confidence", [0.95, 0.90, 0.99])
def test_wilson_matches_statsmodels(x, n, confidence):
    expected = proportion_confint(x, n, alpha=1 - confidence, method="wilson")
    assert wilson_interval(x, n, confidence) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_newcombe_matches_statsmodels(a, b):
    (x1, n1), (x2, n2) = a, b
    expected = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff")
    assert newcombe_interval(x1, n1, x2, n2) == pytest.approx(tuple(expected), abs=1e-10)


def test_wilson_worked_example_of_newcombe_1998():
    # Newcombe (1998), Statistics in Medicine 17:857-872, example 81/263.
    low, high = wilson_interval(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)


@pytest.mark.parametrize(
    ("counts", "interval"),
    [
        ((56, 70, 48, 80), (0.0524, 0.3339)),
        ((9, 10, 3, 10), (0.1705, 0.8090)),
        ((6, 7, 2, 7), (0.0582, 0.8062)),
        ((5, 56, 0, 29), (-0.0381, 0.1926)),
        ((0, 10, 0, 20), (-0.1611, 0.2775)),
        ((0, 10, 0, 10), (-0.2775, 0.2775)),
        ((10, 10, 0, 20), (0.6791, 1.0000)),
        ((10, 10, 0, 10), (0.6075, 1.0000)),
    ],
)
def test_newcombe_worked_examples_of_his_method_10(counts, interval):
    # Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10.
    low, high = newcombe_interval(*counts)
    assert (round(low, 4), round(high, 4)) == interval


def test_no_children_gives_no_interval_rather_than_an_invented_one():
    assert all(math.isnan(v) for v in wilson_interval(0, 0))
    assert all(math.isnan(v) for v in newcombe_interval(3, 10, 0, 0))


def test_counts_outside_their_base_are_refused():
    with pytest.raises(ValueError, match="between 0 and trials"):
        wilson_interval(11, 10)
    with pytest.raises(ValueError, match="strictly between"):
        z_value(1.0)


def test_a_change_is_after_minus_before():
    change, low, high = change_interval(Rate(58, 263), Rate(131, 268))
    assert change == pytest.approx(131 / 268 - 58 / 263)
    assert (low, high) == newcombe_interval(131, 268, 58, 263)
    assert low > 0


def test_did_is_mover_square_and_add_of_the_two_newcombe_intervals():
    project = (Rate(58, 263), Rate(131, 268))
    comparison = (Rate(90, 400), Rate(105, 410))
    estimate, low, high = did_interval(*project, *comparison)
    d1, l1, u1 = change_interval(*project)
    d2, l2, u2 = change_interval(*comparison)
    assert estimate == pytest.approx(d1 - d2)
    assert low == pytest.approx(d1 - d2 - math.sqrt((d1 - l1) ** 2 + (u2 - d2) ** 2))
    assert high == pytest.approx(d1 - d2 + math.sqrt((u1 - d1) ** 2 + (d2 - l2) ** 2))
    assert low < estimate < high


def test_did_against_a_huge_steady_comparison_is_the_project_change():
    project = (Rate(58, 263), Rate(131, 268))
    steady = (Rate(250_000, 1_000_000), Rate(250_000, 1_000_000))
    estimate, low, high = did_interval(*project, *steady)
    change, change_low, change_high = change_interval(*project)
    assert estimate == pytest.approx(change)
    assert (low, high) == pytest.approx((change_low, change_high), abs=2e-3)


@pytest.mark.parametrize(
    ("low", "high", "smallest", "higher_is_better", "expected"),
    [
        (0.02, 0.30, 100, True, Verdict.IMPROVED),
        (-0.30, -0.02, 100, True, Verdict.WORSENED),
        (-0.30, -0.02, 100, False, Verdict.IMPROVED),
        (-0.05, 0.20, 100, True, Verdict.NO_RELIABLE_CHANGE),
        (0.02, 0.30, MIN_CHILDREN - 1, True, Verdict.TOO_FEW),
        (float("nan"), float("nan"), 100, True, Verdict.TOO_FEW),
    ],
)
def test_verdicts(low, high, smallest, higher_is_better, expected):
    assert verdict(low, high, smallest, higher_is_better) is expected


def test_twenty_children_are_enough_to_judge():
    assert verdict(0.1, 0.2, MIN_CHILDREN) is Verdict.IMPROVED
