"""A fifth outcome with an amount: a thing repaired at a repair café, valued by the CO2 of the
new thing that need not be made.

How it was chosen. Searches for a Dutch amount per resident no longer alone (the first
connection) found only percentages and national totals, so that outcome stays empty (see 0006).
Repair cafés are what many collectives run, buurtmakers count what works again anyway (the
RepairMonitor of Repair Café International asks it for every repair), and there is a
published Dutch figure per repaired thing:

- Repair Café International (Amsterdam) estimates the CO2 avoided with data of TNO: repairing
  or reusing a thing of one kilo avoids about one kilo of CO2, and a thing repaired in a Repair
  Café weighs about one kilo on average; so about 1 kg of CO2 per successful repair (annual
  report 2015: about 200,000 repairs, about 200,000 kg of CO2).
- That kilo is valued with the CO2 price the project already uses (co2_energy): the CPB and PBL
  value a tonne of CO2 in 2030 at 100 to 500 euro (two-degree goal, price level 2013). So
  0.001 × 100 = € 0.10 and 0.001 × 500 = € 0.50 per repair.

Only the climate is valued: the hours of the volunteers already count as volunteer help, and
what the owner saves is not published per repair, so neither is added here. A later report of
Repair Café International gives a much higher total for 2019 (up to ten million kilos of CO2 for
420,000 repairs); Kring does not work a per-repair amount out of a total, so it is only named.
"""

from decimal import Decimal

from django.db import migrations
from django.db.models import F

ROW = {
    "outcome": "repairs",
    "label": "Minder CO2 doordat spullen gerepareerd zijn",
    "unit": "gerepareerd voorwerp",
    "counted_as": "Spullen die weer werken na een Repair Café of klusochtend, zoals de "
    "buurtmaker ze bij de aanwezigheid invulde. Alleen de waarde voor het klimaat; de uren van "
    "de reparateurs tellen al als vrijwillige hulp.",
    "low": Decimal("0.10"),
    "value": Decimal("0.10"),
    "high": Decimal("0.50"),
    "source_title": "200 000 Kilogramm CO2-Ausstoß gespart (over het jaarverslag 2015 van "
    "Repair Café International)",
    "publisher": "Stichting Repair Café International, met gegevens van TNO",
    "table_or_page": "Jaarverslag 2015: ongeveer 200.000 reparaties en ongeveer 200.000 kg CO2; "
    "1 kg CO2 per gerepareerd voorwerp van gemiddeld 1 kg",
    "source_url": "https://www.repaircafe.org/de/200-000-kilogramm-co2-ausstos-gespart/",
    "year": 2016,
    "range_note": "Per gerepareerd voorwerp ongeveer 1 kg CO2: volgens TNO voorkomt repareren "
    "of hergebruiken van een voorwerp van een kilo ongeveer een kilo CO2, en Repair Café "
    "International neemt aan dat een gerepareerd voorwerp gemiddeld een kilo weegt. Die kilo "
    "gewaardeerd met de CO2-prijs van CPB en PBL: 100 tot 500 euro per ton CO2 in 2030 "
    "(tweegradendoel, prijspeil 2013; https://www.wlo2015.nl/rapporten-wlo/"
    "wlo-klimaatscenarios-en-de-waardering-van-co2-uitstoot-in-mkbas). Laag en midden: "
    "0,001 × € 100 = € 0,10; hoog: 0,001 × € 500 = € 0,50. De bron geeft geen middenwaarde; "
    "Kring neemt de ondergrens. Een later jaarverslag (2019) noemt een veel hoger totaal "
    "(tot tien miljoen kilo CO2 voor 420.000 reparaties); Kring rekent uit een totaal geen "
    "bedrag per reparatie terug.",
    "licence_note": "Een gepubliceerd cijfer, met bron genoemd; de tekst van de bron is niet "
    "overgenomen.",
    "label_en": "Less CO2 because things were repaired",
    "unit_en": "repaired item",
    "counted_as_en": "Things that work again after a repair café or fix-it morning, as the "
    "community builder filled them in with the attendance. Only the value for the climate; the "
    "repairers' hours already count as volunteer help.",
    "table_or_page_en": "Annual report 2015: about 200,000 repairs and about 200,000 kg of CO2; "
    "1 kg of CO2 per repaired item of 1 kg on average",
    "range_note_en": "About 1 kg of CO2 per repaired item: according to TNO, repairing or "
    "reusing an item of one kilo avoids about one kilo of CO2, and Repair Café International "
    "assumes that a repaired item weighs one kilo on average. That kilo is valued with the CO2 "
    "price of the CPB and PBL: 100 to 500 euros per tonne of CO2 in 2030 (two-degree goal, "
    "price level 2013; https://www.wlo2015.nl/rapporten-wlo/"
    "wlo-klimaatscenarios-en-de-waardering-van-co2-uitstoot-in-mkbas). Low and central: "
    "0.001 × € 100 = € 0.10; high: 0.001 × € 500 = € 0.50. The source gives no central value; "
    "Kring takes the lower bound. A later annual report (2019) names a much higher total (up "
    "to ten million kilos of CO2 for 420,000 repairs); Kring does not work an amount per "
    "repair out of a total.",
    "licence_note_en": "A published figure, with its source named; the text of the source is "
    "not copied.",
}
# After the five outcomes with a source (0006), before the rows without an amount.
AFTER = "first_connections"


def add(apps, schema_editor):
    Proxy = apps.get_model("impact", "SocialValueProxy")
    if Proxy.objects.filter(outcome=ROW["outcome"]).exists():
        return  # an admin made it already: theirs stays
    anchor = Proxy.objects.filter(outcome=AFTER).values_list("position", flat=True).first()
    position = (anchor or 0) + 1
    Proxy.objects.filter(position__gte=position).update(position=F("position") + 1)
    Proxy.objects.create(position=position, **ROW)


def remove(apps, schema_editor):
    Proxy = apps.get_model("impact", "SocialValueProxy")
    row = Proxy.objects.filter(outcome=ROW["outcome"], source_url=ROW["source_url"]).first()
    if row is None:
        return
    position = row.position
    row.delete()
    Proxy.objects.filter(position__gt=position).update(position=F("position") - 1)


class Migration(migrations.Migration):
    dependencies = [("impact", "0009_english_names")]
    operations = [migrations.RunPython(add, remove)]
