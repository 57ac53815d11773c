"""The form names and headers are compared in: case, spaces and punctuation do not matter, ё is е,
and the Kyrgyz letters ң ө ү match the н о у that legacy text writes in their place."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLD = str.maketrans({"ё": "е", "ң": "н", "ө": "о", "ү": "у", "һ": "х", "ә": "а"})
_NOT_WORD = re.compile(r"[^\w%№#]+")


def normalise(text: object) -> str:
    """A comparable form of a header or a name: "Өзгөрүш " -> "озгоруш", "3-6 лет" -> "3 6 лет"."""
    return _normalise(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=65_536)
def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    return " ".join(_NOT_WORD.sub(" ", folded).replace("_", " ").split())
