"""Keeping the translation catalogues in step with the code (``make messages``).

Every string the code passes to a ``Translator`` (``t("...")``, ``t.plural("...", "...", n)``) or
marks with ``N_("...")`` or ``N_plural("...", "...")`` is extracted with Babel.
``python -m readiness.messages`` adds new strings to each ``.po`` file with an empty translation
and drops the ones the code no longer uses; a translator then fills them in with any gettext
tool. The tests fail while any is left empty.
"""

from __future__ import annotations

import datetime

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

from readiness.i18n import DOMAIN, LANGUAGES, po_path
from readiness.paths import REPO_ROOT

KEYWORDS = {"t": None, "N_": None, "plural": (1, 2), "N_plural": (1, 2)}
SOURCE_DIRS = ("src/readiness", "pages")
SOURCE_FILES = ("dashboard.py",)
CATALOGUE_DATE = datetime.datetime(2026, 11, 25, tzinfo=datetime.UTC)  # keeps the headers stable


def _messages() -> list[tuple[str, int, str | tuple[str, ...]]]:
    """(file, line, message) for every translatable message in the code."""
    found = []
    for directory in SOURCE_DIRS:
        for path, line, message, *_ in extract_from_dir(
            str(REPO_ROOT / directory), [("**.py", "python")], keywords=KEYWORDS
        ):
            found.append((f"{directory}/{path}", line, message))
    for name in SOURCE_FILES:
        for line, message, *_ in extract_from_file("python", REPO_ROOT / name, keywords=KEYWORDS):
            found.append((name, line, message))
    return found


def template() -> Catalog:
    """Every translatable message in the code, as a catalogue with empty translations."""
    catalog = Catalog(
        domain=DOMAIN,
        project="readiness",
        version="0.1",
        copyright_holder="the readiness dashboard team",
        creation_date=CATALOGUE_DATE,
        fuzzy=False,
    )
    for path, line, message in _messages():
        catalog.add(message, locations=[(path, line)])
    return catalog


def read_catalogue(lang: str) -> Catalog:
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def update_catalogues() -> dict[str, int]:
    """Brings every .po file in line with the code; returns how many messages each lacks."""
    current = template()
    untranslated = {}
    for lang in LANGUAGES:
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = read_catalogue(lang) if path.exists() else Catalog(locale=lang, domain=DOMAIN)
        catalog.update(current, no_fuzzy_matching=True, update_header_comment=True)
        catalog.fuzzy = False
        catalog.project, catalog.version = current.project, current.version
        catalog.revision_date = CATALOGUE_DATE
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, ignore_obsolete=True, include_lineno=False)
        untranslated[lang] = sum(1 for m in catalog if m.id and not _translated(m.string))
    return untranslated


def _translated(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


if __name__ == "__main__":
    for lang, missing in update_catalogues().items():
        print(f"{lang}: {missing} messages without a translation")
