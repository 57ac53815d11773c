"""Translation and locale formatting: every user-visible string goes through ``Translator``.

The catalogues are gettext ``.po`` files under ``locale/<lang>/LC_MESSAGES/readiness.po`` that
standard translator tools (Poedit, Weblate, Lokalize) open. They are compiled in memory when first
used, so there is no compiled ``.mo`` file to forget. Numbers follow the locale through Babel
(Kyrgyz and Russian: "1 234,5"; English: "1,234.5").
"""

from __future__ import annotations

import gettext
import io
import math
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_percent, get_decimal_symbol, get_group_symbol

LANGUAGES = ("ky", "ru", "en")
DEFAULT_LANGUAGE = "ky"
# Each language is named in itself, so that anyone can find their own.
LANGUAGE_NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}
DOMAIN = "readiness"
LOCALE_DIR = Path(__file__).parent / "locale"
MISSING = "—"


def N_(message: str) -> str:
    """Marks a string for the catalogue without translating it yet (gettext_noop)."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message with plural forms for the catalogue without translating it yet
    (ngettext_noop): pass the pair to ``Translator.plural``."""
    return singular, plural


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def language_or_default(lang: object) -> str:
    """A known language code, in any case ("EN", " ru"), or the default one (a bookmark may
    carry anything)."""
    code = lang.strip().lower() if isinstance(lang, str) else lang
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@lru_cache(maxsize=len(LANGUAGES))
def _catalogue(lang: str) -> gettext.GNUTranslations:
    with po_path(lang).open("rb") as po_file:
        catalog = read_po(po_file, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@lru_cache(maxsize=len(LANGUAGES))
def _symbols(lang: str) -> tuple[str, str]:
    """The locale's group separator and decimal mark ("\u00a0" and "," in Kyrgyz)."""
    return get_group_symbol(locale=lang), get_decimal_symbol(locale=lang)


def list_separator(lang: str) -> str:
    """What Excel splits a .csv on in the language's locale: a semicolon where the comma is the
    decimal mark (Kyrgyz, Russian), else a comma."""
    return ";" if _symbols(lang)[1] == "," else ","


@lru_cache(maxsize=4096)
def _percent(share: float, lang: str) -> str:
    return format_percent(share, locale=lang, decimal_quantization=False)


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):  # pandas.NA cannot be compared to itself
        return True


class Translator:
    """Translated text and locale-formatted numbers for one language."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE):
        self.lang = language_or_default(lang)
        self._catalogue = _catalogue(self.lang)

    def __call__(self, message: str, **values: object) -> str:
        text = self._catalogue.gettext(message)
        return text.format(**values) if values else text

    def plural(self, singular: str, plural: str, n: int, **values: object) -> str:
        """A message with plural forms; ``{n}`` in it is the locale-formatted count."""
        text = self._catalogue.ngettext(singular, plural, n)
        return text.format(n=self.number(n), **values)

    def number(self, value: object, digits: int = 0) -> str:
        """A number in the locale's style: groups of three, the locale's decimal mark."""
        if _is_missing(value):
            return MISSING
        group, decimal = _symbols(self.lang)
        text = f"{float(value):,.{digits}f}" if digits else f"{round(float(value)):,}"
        return text.replace(",", "\0").replace(".", decimal).replace("\0", group)

    def percent(self, share: object, digits: int = 0) -> str:
        """A share in [0, 1] as a percentage in the locale's style: "24%", or "24 %" in Russian."""
        if _is_missing(share):
            return MISSING
        return _percent(round(float(share), 2 + digits), self.lang)

    def signed(self, value: object, digits: int = 0) -> str:
        """A change with its sign: "+12", "−3", "0"."""
        if _is_missing(value):
            return MISSING
        text = self.number(abs(value), digits)
        if round(value, digits) == 0:
            return text
        return ("+" if value > 0 else "−") + text

    def points(self, change: object) -> str:
        """A change of a rate, in percentage points: 0.052 -> "+5 p.p."."""
        if _is_missing(change):
            return MISSING
        return self(N_("{value} p.p."), value=self.signed(change * 100))

    def share(self, part: object, whole: object) -> str:
        """A count beside its base: "62 of 240"."""
        return self(N_("{part} of {whole}"), part=self.number(part), whole=self.number(whole))

    def rate(self, part: object, whole: object) -> str:
        """A rate with the counts behind it: "26% (62 of 240)"; "no data" when none were counted."""
        if _is_missing(part) or _is_missing(whole) or whole == 0:
            return self(N_("no data"))
        return f"{self.percent(part / whole)} ({self.share(part, whole)})"

    @property
    def separators(self) -> str:
        """The decimal mark, then the thousands separator, as Plotly's layout wants them."""
        group, decimal = _symbols(self.lang)
        return decimal + group

    def school_year(self, year: object) -> str:
        """A school year by its first calendar year: 2015 -> "2015–2016"."""
        if _is_missing(year):
            return MISSING
        return f"{int(year)}–{int(year) + 1}"
