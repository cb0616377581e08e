from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kring.core.rows import detail_urls

register = template.Library()


@register.simple_tag
def connection_rows(connections, slug: str):
    """The ``<li>`` of each connection in the log (see kring.core.rows): who met whom or what,
    how and when, through which initiative or need, what came of it, who recorded it."""
    url = detail_urls("initiatives:connection", slug)
    rows = []
    for connection in connections:
        resident, initiative = connection.resident, connection.initiative
        if resident:
            who = capfirst(resident.display_name)
        else:
            who = initiative.title if initiative else ""
        if connection.other_resident:
            other = connection.other_resident.display_name
        else:
            other = connection.asset.title if connection.asset else ""
        meta = [
            escape(connection.get_kind_display()),
            escape(date_format(connection.happened_on, "j F Y")),
        ]
        if initiative and resident:
            meta.append(escape(initiative.title))
        if connection.need:
            meta.append(escape(connection.need.text))
        if connection.outcome:
            answer = escape(connection.get_outcome_display())
            meta.append(_("tot iets geleid? %(answer)s") % {"answer": answer})
        if connection.recorded_by:
            name = escape(connection.recorded_by.name)
            meta.append(_("vastgelegd door %(name)s") % {"name": name})
        rows.append(
            f'<li><a href="{escape(url(connection.pk))}">{escape(who)} — {escape(other)}</a>\n'
            f'    <div class="meta">{" · ".join(meta)}</div></li>'
        )
    return mark_safe("\n  ".join(rows))
