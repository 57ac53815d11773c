"""What each column is called, for the translation catalogue (a measure's name and definition are
in ``model.measures``)."""

from __future__ import annotations

from readiness.i18n import N_, Translator
from readiness.model import schema as s
from readiness.model.measures import REGISTRY

FIELD_LABELS = {
    s.MUNICIPALITY: N_("Municipality"),
    s.VILLAGE: N_("Village"),
    s.YEAR: N_("School year"),
    s.SEX: N_("Sex"),
    s.DISTRICT: N_("District"),
    s.IN_PROJECT: N_("In the project"),
    s.PROJECT_START: N_("Project start year"),
    s.LATITUDE: N_("Latitude"),
    s.LONGITUDE: N_("Longitude"),
    s.SPELLINGS: N_("Other spellings"),
    **{m.key: m.label for m in REGISTRY},  # the counts and the measures made of them
}

SEX_LABELS = {s.TOTAL: N_("Girls and boys"), s.GIRLS: N_("Girls"), s.BOYS: N_("Boys")}


def field_label(t: Translator, field: str) -> str:
    """The translated name of a canonical column or measure (the field itself if unknown)."""
    return t(FIELD_LABELS[field]) if field in FIELD_LABELS else field
