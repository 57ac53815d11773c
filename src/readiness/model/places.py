"""The registry of known places (data/villages.csv, data/municipalities.csv).

It gives each village and municipality a stable key (its English name), its names in ky, ru and en,
and the other spellings people write, so that Өзгөрүш, Озгоруш and Ozgorush are one village.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from readiness.model.schema import SPELLING_SEPARATOR
from readiness.model.text import normalise
from readiness.paths import MUNICIPALITY_REGISTRY, VILLAGE_REGISTRY

# Words that say "municipality" rather than name one: "Катран айыл аймагы" is "Катран".
_GENERIC = {"айыл", "аймагы", "аймак", "айылный", "айыльный", "аильный", "а", "aiyl", "aimak"}
_FUZZY = 85  # percent similarity (rapidfuzz's normalised Indel ratio) for a misspelling


@dataclass(frozen=True)
class Place:
    key: str
    names: dict[str, str]
    parent: str | None
    district: str | None
    latitude: float | None = None
    longitude: float | None = None


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _names(row: dict[str, str]) -> dict[str, str]:
    return {lang: row[f"name_{lang}"] for lang in ("ky", "ru", "en")}


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


def _spellings(row: dict[str, str]) -> list[str]:
    extra = [s.strip() for s in row.get("spellings", "").split(SPELLING_SEPARATOR.strip())]
    return [*_names(row).values(), *(s for s in extra if s)]


def _core(text: str) -> str:
    return " ".join(w for w in normalise(text).split() if w not in _GENERIC)


class Registry:
    def __init__(self, villages: list[dict[str, str]], municipalities: list[dict[str, str]]):
        self.villages = {
            r["village"]: Place(
                r["village"],
                _names(r),
                r["municipality"] or None,
                r["district"] or None,
                _float(r["latitude"]),
                _float(r["longitude"]),
            )
            for r in villages
        }
        self.municipalities = {
            r["municipality"]: Place(r["municipality"], _names(r), r["district"], r["district"])
            for r in municipalities
        }
        self._village_keys = {normalise(s): r["village"] for r in villages for s in _spellings(r)}
        self._municipality_keys = {
            _core(s): r["municipality"] for r in municipalities for s in _spellings(r)
        }

    def find_village(self, text: object) -> Match:
        """The known village ``text`` names, and whether it is the same spelling (after
        normalising) or only a close one."""
        return _lookup(self._village_keys, normalise(text))

    def find_municipality(self, text: object) -> Match:
        return _lookup(self._municipality_keys, _core(str(text)))

    def exact_municipality(self, text: object) -> str | None:
        """The municipality ``text`` names in one of its known spellings (no close ones)."""
        return self._municipality_keys.get(_core(str(text)))

    def match_village(self, text: object, *, close: bool = True) -> str | None:
        """The key of the known village ``text`` names; with ``close``, a close spelling too."""
        found = self.find_village(text)
        return found.key if found.exact or close else None

    def match_municipality(self, text: object, *, close: bool = True) -> str | None:
        found = self.find_municipality(text)
        return found.key if found.exact or close else None

    def village_name(self, key: str, lang: str) -> str:
        place = self.villages.get(key)
        return place.names[lang] if place else key

    def municipality_name(self, key: str, lang: str) -> str:
        place = self.municipalities.get(key)
        return place.names[lang] if place else key


@dataclass(frozen=True)
class Match:
    """A known place's key (None: no known place), and whether the spelling was the same after
    normalising (case, spaces, punctuation, ё/е, ң/н, ө/о, ү/у) or only close to one."""

    key: str | None
    exact: bool = False


def _lookup(index: dict[str, str], key: str) -> Match:
    if not key:
        return Match(None)
    if key in index:
        return Match(index[key], exact=True)
    close = process.extractOne(key, index.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY)
    if close is None or another_place(key, close[0]):
        return Match(None)
    return Match(index[close[0]])


_DIGITS = re.compile(r"\d+")


def another_place(written: str, known: str) -> bool:
    """Names that differ by a number or by a suffix or prefix are other places, however close:
    "Кара-Суу 2", "Жаны-Турмуш-2" and "Katrans" are not Kara-Suu, Jangy-Turmush and Katran."""
    if _DIGITS.findall(written) != _DIGITS.findall(known):
        return True
    a, b = written.replace(" ", ""), known.replace(" ", "")
    return a != b and (a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a))


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry bundled in data/."""
    return Registry(_read(VILLAGE_REGISTRY), _read(MUNICIPALITY_REGISTRY))
