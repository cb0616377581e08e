from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kring.assets.selectors import row_tags
from kring.core.rows import detail_urls

register = template.Library()


@register.simple_tag
def asset_rows(assets, slug: str):
    """The ``<li>`` of each asset in a list (see kring.core.rows): its title, who and where,
    who may see it, and its tags."""
    url = detail_urls("assets:detail", slug)
    tags_label = escape(_("Labels"))
    rows = []
    assets = list(assets)
    tags_of = row_tags([asset.pk for asset in assets])
    for asset in assets:
        meta = []
        if asset.resident:
            meta.append(escape(asset.resident.name))
            meta.append(escape(asset.get_gift_kind_display()))
            if asset.availability:
                meta.append(escape(asset.get_availability_display()))
        if asset.neighbourhood:
            meta.append(escape(asset.neighbourhood.name))
        meta.append(escape(asset.get_visibility_display()))
        tags = tags_of.get(asset.pk)
        badges = (
            f'<ul class="tags" aria-label="{tags_label}">'
            + "".join(f'<li class="badge">{escape(name)}</li>' for name in tags)
            + "</ul>"
            if tags
            else ""
        )
        rows.append(
            f'<li><a href="{escape(url(asset.pk))}">{escape(asset.title)}</a>\n'
            f'    <div class="meta">{" · ".join(meta)}</div>\n'
            f"    {badges}\n  </li>"
        )
    return mark_safe("\n  ".join(rows))
