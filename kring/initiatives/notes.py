"""The short introduction a buurtmaker sends or prints after "verbinden": written as a neighbour
would write it (first name, "je" for a resident, why they came to mind in plain words), in the
language of whoever opens it (Dutch or English)."""

from urllib.parse import quote

from django.utils.translation import gettext as _

from kring import matching
from kring.assets.models import Asset, Category

from .models import Connection, Question


def _first_name(name: str) -> str:
    return (name or "").split()[0] if (name or "").split() else ""


def _fitting_gift(connection: Connection) -> Asset | None:
    """The gift of the resident that fits the need best, through the matching front door (the
    same words, synonyms and lexicon as "Wie kan helpen?"); None when none fits."""

    need = connection.need
    if need is None or connection.other_resident_id is None:
        return None
    gifts = Asset.objects.filter(
        collective=connection.collective,
        resident=connection.other_resident,
        category=Category.GIFT,
    ).select_related("resident")[:20]
    initiative = connection.initiative
    matches = matching.explain(
        text=need.text,
        assets=gifts,
        neighbourhood=initiative.neighbourhood if initiative is not None else None,
    )
    return matches[0].asset if matches else None


def _fits(connection: Connection) -> bool:

    if connection.need is None or connection.asset is None:
        return False
    return bool(matching.explain(text=connection.need.text, assets=[connection.asset]))


def _nearby(connection: Connection, home) -> str:
    """'buurt', 'wijk' or '' : where the helper is, seen from the initiative."""
    initiative = connection.initiative
    if initiative is None or home is None or initiative.neighbourhood_id is None:
        return ""
    if home.pk == initiative.neighbourhood_id:
        return "buurt"
    if home.district_id and home.district_id == initiative.neighbourhood.district_id:
        return "wijk"
    return ""


def _why_resident(connection: Connection) -> list[str]:
    gift = _fitting_gift(connection)
    lines = []
    if gift is not None:
        lines.append(
            _(
                "Toen ik dat las, moest ik meteen aan jou denken. Je vertelde dat je dit graag "
                "doet: ‘%(gift)s’. Dat past er goed bij."
            )
            % {"gift": gift.title.strip().rstrip(".")}
        )
    elif connection.note:
        lines.append(
            _("Toen ik dat las, moest ik meteen aan jou denken: %(note)s.")
            % {"note": connection.note.rstrip(".")}
        )
    else:
        lines.append(_("Toen ik dat las, moest ik meteen aan jou denken."))
    nearby = _nearby(connection, connection.other_resident.neighbourhood)
    if nearby == "buurt":
        lines.append(_("En je woont ook nog eens in dezelfde buurt."))
    elif nearby == "wijk":
        lines.append(_("En je woont ook nog eens in dezelfde wijk."))
    return lines


def _why_organisation(connection: Connection) -> list[str]:
    asset = connection.asset
    lines = []
    if _fits(connection):
        lines.append(
            _("We dachten meteen aan jullie: wat jullie doen past er goed bij.")
            if asset.category != Category.PLACE
            else _("We dachten meteen aan jullie plek: die past er goed bij.")
        )
    elif connection.note:
        lines.append(
            _("We dachten meteen aan jullie: %(note)s.") % {"note": connection.note.rstrip(".")}
        )
    else:
        lines.append(_("We dachten meteen aan jullie."))
    need = connection.need
    if need is not None and need.question == Question.INSTITUTION:
        lines.append(
            _("Dit is iets waar de bewoners juist een instelling of vereniging bij zoeken.")
        )
    nearby = _nearby(connection, asset.neighbourhood)
    if nearby == "buurt":
        lines.append(_("En jullie zitten ook nog eens in dezelfde buurt."))
    elif nearby == "wijk":
        lines.append(_("En jullie zitten ook nog eens in dezelfde wijk."))
    return lines


def introduction_text(connection: Connection, *, sender) -> str:
    """Plain text, ready to copy into a message or to print; B1, no jargon. The reason is the
    match's own: the resident's gift that fits the need (or, for a group, institution or place,
    that it fits), the buurt they share, and for "door instelling" that an institution is asked."""
    initiative, need = connection.initiative, connection.need
    resident = connection.other_resident if connection.other_resident_id else None
    sender_name = getattr(sender, "name", "") or ""
    collective = connection.collective.name
    if resident is not None and resident.erased_at:
        # Erased: no name (and no address to send it to), but the text still reads well.
        greeting = _("Beste buurtbewoner,")
    elif resident is not None:
        greeting = _("Hoi %(name)s,") % {"name": _first_name(resident.name) or resident.name}
    else:
        greeting = _("Beste mensen van %(name)s,") % {"name": connection.asset.title}
    lines = [greeting, ""]
    opening = []
    if sender_name:
        opening.append(
            _("Ik ben %(sender)s, buurtmaker bij %(collective)s.")
            % {"sender": _first_name(sender_name), "collective": collective}
        )
    if initiative is not None:
        opening.append(
            _("In de buurt werken bewoners samen aan “%(initiative)s”.")
            % {"initiative": initiative.title}
        )
    if need is not None:
        opening.append(_("Ze zoeken: %(need)s.") % {"need": need.text.rstrip(".")})
    if opening:
        lines += [" ".join(opening), ""]
    why = _why_resident(connection) if resident is not None else _why_organisation(connection)
    lines += [" ".join(why), ""]
    if resident is not None:
        lines += [
            _(
                "Zin om kennis te maken? Laat het me weten, dan breng ik jullie met elkaar in "
                "contact. Geen tijd of geen zin? Dat is helemaal goed, zeg het gerust."
            ),
            "",
            _("Groetjes,"),
        ]
    else:
        lines += [
            _(
                "Hebben jullie zin om kennis te maken? Laat het ons weten, dan brengen we jullie "
                "met elkaar in contact."
            ),
            "",
            _("Met vriendelijke groet,"),
        ]
    lines += [sender_name, collective]
    return "\n".join(lines).strip()


def send_links(connection: Connection, text: str) -> dict[str, str]:
    """mailto: and sms: links with the text filled in, for the resident's own address."""
    links = {}
    resident = connection.other_resident
    if resident is None:
        return links
    subject = quote(
        _("Kennismaken: %(title)s") % {"title": getattr(connection.initiative, "title", "")}
    )
    if resident.email:
        links["email"] = f"mailto:{quote(resident.email)}?subject={subject}&body={quote(text)}"
    if resident.phone:
        links["sms"] = f"sms:{quote(resident.phone.replace(' ', ''))}?body={quote(text)}"
    return links
