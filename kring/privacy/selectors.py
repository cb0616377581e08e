"""Reads for the rights of residents (inzage) and for the audit log page."""

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.db import models
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring.assets.models import Asset
from kring.communities.access import CollectiveAccess
from kring.communities.models import Invitation
from kring.core.models import User
from kring.people.models import Resident

from .mentions import MentionFinder
from .models import AuditEntry, ErasureReceipt
from .text_places import PLACES

# Relations to Resident that the export and erasure treat by name; any other relation (from
# apps added later) is found through the model's meta data, so nothing is forgotten.
KNOWN_RELATIONS = {"consents", "conversations", "gifts", "invitations", "told_stories"}
HISTORY_TYPES = {
    "+": gettext_lazy("aangemaakt"),
    "~": gettext_lazy("gewijzigd"),
    "-": gettext_lazy("verwijderd"),
}


def erased_text_fields(model) -> list[str]:
    """Fields erasure empties in other apps' records that point at the resident."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField))
        and f.blank
        and not f.choices
        and not f.primary_key
    ]


def other_relations():
    """Relations of other apps' records to Resident that erasure empties (see the docstring)."""
    for relation in Resident._meta.related_objects:
        if relation.get_accessor_name() in KNOWN_RELATIONS or relation.many_to_many:
            continue
        if erased_text_fields(relation.related_model):
            yield relation


def stories_told_alone(resident: Resident) -> set[int]:
    """Stories with this resident as their only teller."""
    told = set(
        Asset.tellers.through.objects.filter(resident_id=resident.pk).values_list(
            "asset_id", flat=True
        )
    )
    shared = set(
        Asset.tellers.through.objects.filter(asset_id__in=told)
        .exclude(resident_id=resident.pk)
        .values_list("asset_id", flat=True)
    )
    return told - shared


def cleared_by_erasure(resident: Resident) -> tuple[set, set]:
    """What the erasure itself takes away: whole records (model label, number) and emptied
    fields (model label, number, field)."""
    asset = Asset._meta.label_lower
    whole = {
        (asset, pk) for pk in Asset.objects.filter(resident=resident).values_list("pk", flat=True)
    }
    whole |= {(asset, pk) for pk in stories_told_alone(resident)}
    fields = set()
    for relation in other_relations():
        model = relation.related_model
        names = erased_text_fields(model)
        rows = model._base_manager.filter(**{relation.field.name: resident})
        for pk in rows.values_list("pk", flat=True):
            fields.update((model._meta.label_lower, pk, name) for name in names)
    return whole, fields


@dataclass
class ErasureMentions:
    """Texts that name a resident about to be erased: those the buurtmaker should look at,
    and those the erasure takes away anyway (the resident's gifts, notes on their records)."""

    to_review: list = dataclasses.field(default_factory=list)
    cleared: list = dataclasses.field(default_factory=list)


def erasure_mentions(resident: Resident) -> ErasureMentions:
    found = ErasureMentions()
    whole, emptied = cleared_by_erasure(resident)
    for mention in MentionFinder(collective=resident.collective, name=resident.name).mentions:
        gone = (mention.model_label, mention.pk) in whole or (
            mention.model_label,
            mention.pk,
            mention.field,
        ) in emptied
        (found.cleared if gone else found.to_review).append(mention)
    return found


def erasure_receipts(access: CollectiveAccess) -> QuerySet:
    return ErasureReceipt.objects.filter(collective=access.collective).select_related("actor")


def erasure_receipt(access: CollectiveAccess, pk: int) -> ErasureReceipt:
    return get_object_or_404(erasure_receipts(access), pk=pk)


def own_resident(user) -> Resident | None:
    """The resident record linked to a log-in: what "Mijn gegevens" shows."""
    if not user.is_authenticated:
        return None
    return (
        Resident.objects.select_related("collective", "neighbourhood")
        .defer("neighbourhood__boundary")
        .filter(user=user, erased_at__isnull=True)
        .first()
    )


def _value(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _row(obj: models.Model, skip=()) -> dict:
    """A record as label → value, in the words the screens use."""
    row = {}
    for field in obj._meta.concrete_fields:
        if field.name in skip or field.name in ("id", "collective") or field.name.endswith("_hash"):
            continue
        if field.choices:
            value = getattr(obj, f"get_{field.name}_display")()
        elif field.is_relation:
            value = getattr(obj, field.name)
        else:
            value = field.value_from_object(obj)
        row[str(field.verbose_name)] = _value(value)
    return row


def related_records(resident: Resident) -> list[dict]:
    """Records of other apps that point at the resident (pledges, connections, participation),
    as sections of label → value rows."""
    sections = []
    for relation in Resident._meta.related_objects:
        if relation.get_accessor_name() in KNOWN_RELATIONS:
            continue
        model = relation.related_model
        if relation.many_to_many:
            rows = [
                {str(model._meta.verbose_name): str(obj)}
                for obj in model._default_manager.filter(**{relation.field.name: resident})
            ]
        elif relation.one_to_many or relation.one_to_one:
            rows = [
                _row(obj)
                for obj in model._default_manager.filter(**{relation.field.name: resident})
            ]
        else:
            continue
        if rows:
            title = f"{model._meta.verbose_name_plural} ({relation.field.verbose_name})"
            sections.append({"title": title, "rows": rows})
    return sections


def resident_export(resident: Resident) -> dict:
    """Everything Kring keeps about one resident, for inzage (page, PDF and JSON)."""
    login = _login_export(resident.user)
    return {
        "exported_at": _value(timezone.now()),
        "collective": resident.collective.name,
        "resident": _row(resident, skip=("user", "erased_at", "version")),
        "login": login,
        "consents": [_row(c, skip=("resident",)) for c in resident.consents.order_by("given_at")],
        "conversations": [
            _row(c, skip=("resident",)) for c in resident.conversations.order_by("held_on")
        ],
        "gifts": _gifts_export(resident),
        "gift_history": _gift_history_export(resident),
        "stories": _stories_export(resident),
        "invitations": [
            _row(i, skip=("resident", "token_hash"))
            for i in Invitation.objects.filter(
                models.Q(resident=resident)
                | models.Q(collective=resident.collective, email__iexact=resident.email or "-")
            )
        ],
        "related": related_records(resident),
        "audit": _audit_export(resident),
    }


def _login_export(user) -> dict | None:
    """The resident's own log-in, when they have one, with the collectives it is a member of."""
    if user is None:
        return None
    return {
        _("e-mailadres"): user.email,
        _("naam"): user.name,
        _("aangemaakt op"): _value(user.date_joined),
        _("laatst ingelogd"): _value(user.last_login),
        _("lid van"): [
            f"{m.collective} ({m.get_role_display()})"
            for m in user.memberships.select_related("collective")
        ],
    }


def _gifts_export(resident: Resident) -> list[dict]:
    gifts = (
        Asset.objects.filter(resident=resident)
        .prefetch_related("tags")
        .order_by("gift_kind", "title")
    )
    return [
        {
            **_row(g, skip=("resident", "category", "version")),
            "labels": [t.name for t in g.tags.all()],
        }
        for g in gifts
    ]


def _gift_history_export(resident: Resident) -> list[dict]:
    history = (
        Asset.history.filter(resident_id=resident.pk)
        .select_related("history_user")
        .order_by("history_date")
    )
    return [
        {
            _("bron"): h.id,
            _("wanneer"): _value(h.history_date),
            _("wat"): str(HISTORY_TYPES[h.history_type]),
            _("door"): str(h.history_user) if h.history_user else None,
            _("naam"): h.title,
            _("toelichting"): h.description,
        }
        for h in history
    ]


def _stories_export(resident: Resident) -> list[dict]:
    """The stories the resident told (their part of them: they may have more tellers)."""
    stories = (
        Asset.objects.filter(tellers=resident)
        .select_related("portrait_choice")
        .order_by("created_at", "id")
    )
    return [
        {
            _("titel"): s.title,
            _("het verhaal"): s.description,
            _("wie mag dit zien"): s.get_visibility_display(),
            _("gekozen voor het wijkportret"): hasattr(s, "portrait_choice"),
            _("ingevoerd op"): _value(s.created_at),
        }
        for s in stories
    ]


def _audit_export(resident: Resident) -> list[dict]:
    """The audit log's entries about the resident."""
    entries = (
        AuditEntry.objects.filter(subject_id=resident.pk)
        .select_related("actor")
        .order_by("at", "id")
    )
    return [
        {
            _("wanneer"): _value(e.at),
            _("handeling"): e.get_action_display(),
            _("door"): str(e.actor) if e.actor else None,
            _("gegeven"): f"{e.target_type}#{e.target_id}",
            _("omschrijving"): e.summary,
        }
        for e in entries
    ]


def audit_entries(
    access: CollectiveAccess,
    *,
    action: str = "",
    target_type: str = "",
    actor=None,
    since: date | None = None,
    until: date | None = None,
    subject_id: int | None = None,
) -> QuerySet[AuditEntry]:
    """The collective's log for its admins, newest first."""
    entries = (
        AuditEntry.objects.filter(collective=access.collective)
        .select_related("actor")
        .order_by("-at", "-id")
    )
    if action:
        entries = entries.filter(action=action)
    if target_type:
        entries = entries.filter(target_type=target_type)
    if actor is not None:
        entries = entries.filter(actor=actor)
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    if subject_id:
        entries = entries.filter(subject_id=subject_id)
    return entries


def audit_actors(access: CollectiveAccess):

    return User.objects.filter(memberships__collective=access.collective).order_by("name")


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?$")


def _text(value) -> str:
    # The readable page and PDF show dates as people write them; the JSON keeps ISO 8601.
    if isinstance(value, str) and _ISO_DATE.match(value):
        moment = datetime.fromisoformat(value)
        if "T" in value:
            return date_format(
                timezone.localtime(moment) if timezone.is_aware(moment) else moment, "j F Y, H:i"
            )
        return date_format(moment.date(), "j F Y")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if value in (None, ""):
        return "—"
    if value is True:
        return _("ja")
    if value is False:
        return _("nee")
    return str(value)


def export_sections(data: dict) -> list[dict]:
    """The export as titled sections of label/value rows, for the page and the PDF."""

    def rows(items):
        # Empty fields are left out: a gift has no opening hours, and a list of dashes helps nobody.
        return [
            [(label, _text(value)) for label, value in item.items() if value not in (None, "", [])]
            for item in items
        ]

    sections = [
        {"title": _("Uw gegevens"), "rows": rows([data["resident"]])},
        {"title": _("Inlog"), "rows": rows([data["login"]] if data["login"] else [])},
        {"title": _("Toestemming (ook ingetrokken)"), "rows": rows(data["consents"])},
        {"title": _("Gaven-gesprekken"), "rows": rows(data["conversations"])},
        {"title": _("Gaven"), "rows": rows(data["gifts"])},
        {"title": _("Geschiedenis van de gaven"), "rows": rows(data["gift_history"])},
        {"title": _("Verhalen die u vertelde"), "rows": rows(data["stories"])},
        {"title": _("Uitnodigingen"), "rows": rows(data["invitations"])},
    ]
    sections += [
        {"title": section["title"], "rows": rows(section["rows"])} for section in data["related"]
    ]
    sections.append(
        {"title": _("Wie uw gegevens bekeek of veranderde"), "rows": rows(data["audit"])}
    )
    return sections


OUTCOME_TEXT = {
    "cleared": gettext_lazy("Gewist met de bewoner (hoorde bij de bewoner zelf)."),
    "edited": gettext_lazy("Aangepast door de buurtmaker, vóór het wissen."),
    "removed": gettext_lazy("Verwijderd door de buurtmaker, vóór het wissen."),
    "left": gettext_lazy("Zo gelaten."),
}
WHY_TEXT = {
    "other_person": gettext_lazy("Het gaat over iemand anders met dezelfde naam."),
    "not_a_person": gettext_lazy("Het is de naam van iets anders, zoals een straat."),
    "agreed": gettext_lazy("De bewoner vindt het goed dat deze tekst blijft staan."),
    "self": gettext_lazy(
        "De bewoner wiste zelf. Niemand keek deze tekst na: kijk er nog even naar."
    ),
    "retention": gettext_lazy(
        "Gewist omdat de bewaartermijn voorbij was. Niemand keek deze tekst na: kijk er nog "
        "even naar."
    ),
    "unreviewed": gettext_lazy("Niemand keek deze tekst na: kijk er nog even naar."),
}


@dataclass
class ReceiptLine:
    kind: str
    field: str
    title: str
    url: str
    outcome: str
    outcome_text: str
    why: str


def receipt_lines(receipt: ErasureReceipt) -> list[ReceiptLine]:
    """The receipt's texts in the words of the screens (kinds and fields in today's language)."""
    places = {(p.model.lower(), f): p for p in PLACES for f in p.fields}
    lines = []
    for entry in receipt.mentions:
        place = places.get((entry.get("model"), entry.get("field")))
        kind, label = entry.get("model", ""), entry.get("field", "")
        if place is not None:
            kind = str(place.kind)
            try:
                model = apps.get_model(place.model)
                label = str(model._meta.get_field(label).verbose_name)
            except LookupError:
                pass
        outcome = entry.get("outcome", "left")
        lines.append(
            ReceiptLine(
                kind=kind,
                field=label,
                title=entry.get("title", ""),
                url=entry.get("url", "") if outcome != "removed" else "",
                outcome=outcome,
                outcome_text=str(OUTCOME_TEXT.get(outcome, "")),
                why=str(WHY_TEXT.get(entry.get("why"), "")) if outcome == "left" else "",
            )
        )
    return lines
