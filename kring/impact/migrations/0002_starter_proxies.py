"""Starter social value proxies. Only figures with a source whose licence allows reuse are
filled in; the other outcomes ship empty, for a network admin to fill in with a source."""

from decimal import Decimal

from django.db import migrations

LEGAL = (
    "Wettelijk bedrag (Wet minimumloon en minimumvakantiebijslag): op wettelijke regelingen "
    "rust geen auteursrecht (art. 11 Auteurswet). Indicatief: een voorzichtige ondergrens."
)
EMPTY = "Nog geen bron gevonden met een licentie die hergebruik toestaat."

ROWS = [
    {
        "outcome": "hours",
        "label": "Uur vrijwillige hulp, gewaardeerd tegen het wettelijk minimumuurloon "
        "(vervangingswaarde)",
        "unit": "uur",
        "value": Decimal("14.06"),
        "source_title": "Sociale Verzekeringsbank, Bedragen minimumlonen vanaf 1 januari 2025 "
        "(21 jaar en ouder, bruto per uur). Methode: Movisie, De waarde van vrijwillige inzet "
        "(vervangingswaarde).",
        "source_url": "https://svb.nl/nl/pgb/een-zorgovereenkomst-afsluiten/"
        "bedragen-minimumlonen-vanaf-1-januari-2025",
        "year": 2025,
        "licence_note": LEGAL,
        "position": 1,
    },
    {"outcome": "connections", "label": "Nieuwe verbinding tussen bewoners", "unit": "verbinding"},
    {
        "outcome": "bridging",
        "label": "Verbinding tussen groepen die elkaar anders niet tegenkomen",
        "unit": "verbinding",
    },
    {"outcome": "gifts_used", "label": "Gave van een bewoner ingezet", "unit": "gave"},
    {"outcome": "activities", "label": "Activiteit in de buurt", "unit": "activiteit"},
]


def add(apps, schema_editor):
    Proxy = apps.get_model("impact", "SocialValueProxy")
    for position, row in enumerate(ROWS, start=1):
        row = {"licence_note": EMPTY, "position": position, **row}
        Proxy.objects.update_or_create(outcome=row["outcome"], defaults=row)


def remove(apps, schema_editor):
    apps.get_model("impact", "SocialValueProxy").objects.filter(
        outcome__in=[r["outcome"] for r in ROWS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("impact", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
