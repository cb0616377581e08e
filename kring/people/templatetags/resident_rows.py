from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.core.rows import detail_urls

register = template.Library()


@register.simple_tag
def resident_rows(residents, slug: str):
    """The ``<li>`` of each resident in a list (see kring.core.rows): name, buurt, number of
    gifts and the last conversation."""
    url = detail_urls("people:detail", slug)
    rows = []
    for resident in residents:
        meta = []
        if resident.neighbourhood:
            meta.append(escape(resident.neighbourhood.name))
        count = resident.gift_count
        meta.append(
            escape(ngettext("%(counter)s gave", "%(counter)s gaven", count) % {"counter": count})
        )
        if resident.last_spoken:
            spoken = date_format(resident.last_spoken, "j F Y")
            meta.append(escape(_("gesproken op %(date)s") % {"date": spoken}))
        rows.append(
            f'<li><a href="{escape(url(resident.pk))}">{escape(resident.name)}</a>\n'
            f'    <div class="meta">{" · ".join(meta)}</div></li>'
        )
    return mark_safe("\n  ".join(rows))
