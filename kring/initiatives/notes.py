"""The short introduction a buurtmaker sends or prints after "verbinden"."""

from urllib.parse import quote

from django.utils.translation import gettext as _

from .models import Connection


def introduction_text(connection: Connection, *, sender) -> str:
    """Plain text, ready to copy into a message or to print; Dutch, B1, no jargon."""
    initiative, need = connection.initiative, connection.need
    if connection.other_resident_id and connection.other_resident.erased_at:
        # Erased: no name (and no address to send it to), but the text still reads well.
        greeting = _("Beste buurtbewoner,")
    elif connection.other_resident_id:
        greeting = _("Beste %(name)s,") % {"name": connection.other_resident.name}
    else:
        greeting = _("Beste mensen van %(name)s,") % {"name": connection.asset.title}
    lines = [greeting, ""]
    if initiative is not None:
        lines.append(
            _("In de buurt werken bewoners aan “%(initiative)s”.")
            % {"initiative": initiative.title}
        )
    if need is not None:
        lines.append(_("Ze zoeken: %(need)s.") % {"need": need.text.rstrip(".")})
    if connection.note:
        lines.append(
            _("We denken aan u, omdat: %(reason)s.") % {"reason": connection.note.rstrip(".")}
        )
    lines += [
        _("Wilt u kennismaken? Laat het ons weten, dan brengen we u met elkaar in contact."),
        "",
        _("Met vriendelijke groet,"),
        getattr(sender, "name", "") or "",
        connection.collective.name,
    ]
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
