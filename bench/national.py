"""A national-scale workbook for the benchmarks: 2,000 villages, 15 school years, girls, boys and
total (90,000 rows), in the long layout, with the registry that knows its villages."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from openpyxl import Workbook

from readiness.model.places import Registry

VILLAGES = 2_000
YEARS = range(2011, 2026)
PER_MUNICIPALITY = 5
HEADERS = [
    "Айыл аймагы",
    "Айыл",
    "Окуу жылы",
    "Жынысы",
    "3-6 жаштагы балдардын саны",
    "Бала бакчага барган балдар",
    "1-класска келген балдар",
    "Даярдыгы бар балдар",
]
CACHE = Path(__file__).resolve().parent / ".cache"


def village_name(i: int) -> str:
    return f"Айыл-{i:04d}"


def municipality_name(i: int) -> str:
    return f"Аймак-{i // PER_MUNICIPALITY:03d}"


def national_registry() -> Registry:
    villages = [
        {
            "village": village_name(i),
            "municipality": municipality_name(i),
            "district": "",
            **{f"name_{lang}": village_name(i) for lang in ("ky", "ru", "en")},
            "latitude": "",
            "longitude": "",
            "spellings": "",
        }
        for i in range(VILLAGES)
    ]
    municipalities = [
        {
            "municipality": municipality_name(i),
            "district": "",
            **{f"name_{lang}": municipality_name(i) for lang in ("ky", "ru", "en")},
            "spellings": "",
        }
        for i in range(0, VILLAGES, PER_MUNICIPALITY)
    ]
    return Registry(villages, municipalities)


def _rows(rng: np.random.Generator):
    for i in range(VILLAGES):
        base = int(rng.integers(80, 900))
        for year in YEARS:
            children = int(base * 1.01 ** (year - 2011))
            entrants = children // 4
            parts = {}
            for sex, share in (("Кыздар", 0.49), ("Уул балдар", 0.51)):
                kids, starting = round(children * share), round(entrants * share)
                parts[sex] = (kids, int(kids * 0.3), starting, int(starting * 0.45))
            total = tuple(a + b for a, b in zip(*parts.values(), strict=True))
            for sex, counts in (*parts.items(), ("Бардыгы", total)):
                yield [municipality_name(i), village_name(i), f"{year}-{year + 1}", sex, *counts]


def national_workbook() -> Path:
    """The workbook, made once and kept in bench/.cache (ignored by git)."""
    path = CACHE / "national.xlsx"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Маалымат")
    sheet.append(["Мектепке чейинки билим берүү: улуттук маалымат (бенчмарк үчүн)"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in _rows(np.random.default_rng(2026)):
        sheet.append(row)
    book.save(path)
    return path
