"""The JSON form of what a version keeps beside its rows: its problems, and its mapping's rows."""

from __future__ import annotations

import json
from dataclasses import asdict

import numpy as np
import pandas as pd

from readiness.model.problems import Code, Problem, Severity


def records(frame: pd.DataFrame) -> list[list]:
    return [
        [None if v is None or (not isinstance(v, str) and pd.isna(v)) else _plain(v) for v in row]
        for row in frame.itertuples(index=False)
    ]


def _plain(value: object) -> object:
    return value.item() if isinstance(value, np.generic) else value


def problem_json(problem: Problem) -> dict:
    values = asdict(problem)
    values["values"] = json.loads(json.dumps(dict(problem.values), default=_plain_json))
    if problem.place is not None:
        values["place"] = [str(problem.place[0]), int(problem.place[1])]
    return values


def _plain_json(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    return str(value)


def problem(values: dict) -> Problem:
    place = values.get("place")
    return Problem(
        Severity(values["severity"]),
        Code(values["code"]),
        values.get("sheet"),
        values.get("cell"),
        values.get("values") or {},
        (place[0], int(place[1])) if place else None,
    )
