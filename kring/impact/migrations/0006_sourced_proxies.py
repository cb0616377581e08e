"""Social value proxies with Dutch sources: a low, central and high amount where the source
gives a range, the unit Kring counts and the source (title, publisher, year, table or page,
address).

How they were chosen. Only amounts read in the source itself (or in a report of it that
quotes the figure) are filled in; nothing is estimated here. Where a search found a source
but not an amount per unit (the healthcare costs of loneliness are published as a national
total, about € 2 billion a year, not per person), the outcome ships without an amount and
says so. The UK Social Value Bank is not used: its licence forbids bundling.

- Volunteer hour: the legal minimum hourly wage (SVB, 2025) is the careful floor (the
  replacement value that Movisie describes); the market value of an hour of volunteer work,
  "iets meer dan 20 euro per uur" (Erasmus Universiteit for De Zonnebloem), is the high value.
  Hours given for care and welfare are valued below and deducted here, so no hour counts twice.
- Hour of care and support by residents: Ecorys for MantelzorgNL valued an hour of informal
  care at € 13,10 (the time of the carer, 2019); a professional replacing it costs "70 tot 100
  procent" more, so the high value is 13,10 × 2 = 26,20.
- Energy: households with a low income save about € 100 a year after advice at home (ECN,
  Rapportage Energiearmoede, 2017, § 4.2); in Eindhoven the energy coaches' Energiebox saved
  about € 113 and 250 kWh a year per household (2021). Low 100, central 100, high 113, per
  activity for the energy task, which assumes one household helped per activity.
- Residents no longer alone (first connection): no amount per person found; empty.
"""

from decimal import Decimal

from django.db import migrations

LEGAL = (
    "Wettelijk bedrag (Wet minimumloon en minimumvakantiebijslag): op wettelijke regelingen "
    "rust geen auteursrecht (art. 11 Auteurswet). Hoog: een gepubliceerd cijfer, met bron."
)
QUOTED = "Een gepubliceerd cijfer, met bron genoemd; de tekst van de bron is niet overgenomen."

ROWS = [
    {
        "outcome": "hours",
        "label": "Uur vrijwillige hulp",
        "unit": "uur",
        "counted_as": "Uren vrijwillige hulp bij activiteiten, min de uren voor zorg en welzijn "
        "(die hebben hieronder een eigen bedrag).",
        "deduct": "care_hours",
        "low": Decimal("14.06"),
        "value": Decimal("14.06"),
        "high": Decimal("20.00"),
        "source_title": "Bedragen minimumlonen vanaf 1 januari 2025",
        "publisher": "Sociale Verzekeringsbank (SVB)",
        "table_or_page": "Tabel minimumloon, 21 jaar en ouder, bruto per uur",
        "source_url": "https://svb.nl/nl/pgb/een-zorgovereenkomst-afsluiten/"
        "bedragen-minimumlonen-vanaf-1-januari-2025",
        "year": 2025,
        "range_note": "Laag en midden: het wettelijk minimumuurloon (vervangingswaarde, een "
        "voorzichtige ondergrens; methode: Movisie, De waarde van vrijwillige inzet, "
        "https://www.movisie.nl/artikel/waarde-vrijwillige-inzet). Hoog: de marktwaarde van "
        "vrijwilligerswerk, 'iets meer dan 20 euro per uur' (Erasmus Universiteit in opdracht "
        "van De Zonnebloem, 2009; https://www.nu.nl/economie/2078164/"
        "vrijwilligerswerk-op-waarde-geschat.html).",
        "licence_note": LEGAL,
    },
    {
        "outcome": "care_hours",
        "label": "Uur zorg en steun door bewoners (informele zorg)",
        "unit": "uur",
        "counted_as": "Uren hulp bij activiteiten van initiatieven voor de opgave zorg en "
        "welzijn.",
        "low": Decimal("13.10"),
        "value": Decimal("13.10"),
        "high": Decimal("26.20"),
        "source_title": "De maatschappelijke waarde van mantelzorg",
        "publisher": "Ecorys, in opdracht van MantelzorgNL",
        "table_or_page": "Samenvatting: 1,5 miljard uur mantelzorg in 2019, gemiddeld € 13,10 "
        "per uur; vervanging door professionals 70 tot 100 procent duurder",
        "source_url": "https://www.nrc.nl/nieuws/2021/03/05/"
        "mantelzorgers-verleenden-in-2019-voor-22-miljard-aan-zorg-a4034355",
        "year": 2021,
        "range_note": "Laag en midden: € 13,10 per uur, de waarde van de tijd van de "
        "mantelzorger. Hoog: als een professional de zorg overneemt, is dat 70 tot 100 procent "
        "duurder; 100 procent meer is € 26,20. De bedragen gaan over 2019.",
        "licence_note": QUOTED,
    },
    {
        "outcome": "energy_activities",
        "label": "Huishouden dat hulp kreeg bij energie besparen",
        "unit": "huishouden (besparing in één jaar)",
        "counted_as": "Activiteiten van initiatieven voor de opgave energietransitie, zoals een "
        "bezoek van een energiecoach. Kring neemt aan: één huishouden per activiteit.",
        "low": Decimal("100.00"),
        "value": Decimal("100.00"),
        "high": Decimal("113.00"),
        "source_title": "Rapportage Energiearmoede. Effectieve interventies om energie-"
        "efficiëntie te vergroten en energiearmoede te verlagen (ECN-E--17-002)",
        "publisher": "ECN (Energieonderzoek Centrum Nederland)",
        "table_or_page": "§ 4.2 Werkelijke besparingen, p. 39; samengevat door projectleider "
        "K. Straver: gemiddeld honderd euro per jaar",
        "source_url": "https://creditexpo.nl/"
        "ecn-rapport-energiearmoede-goed-advies-helpt-huishoudens-geld-besparen-op-energie",
        "year": 2017,
        "range_note": "Laag en midden: ECN, gemiddeld € 100 per jaar voor huishoudens met een "
        "laag inkomen na advies aan huis. Hoog: energiecoaches in Eindhoven, gemiddeld "
        "€ 113 en 250 kWh per jaar per huishouden (onderzoek van de woningcorporaties, 2021; "
        "https://www.ed.nl/eindhoven/energiecoaches-in-eindhoven-brachten-3800-energieboxen-"
        "naar-huurders-en-woningeigenaren~a12234f0/). Alleen de besparing in het eerste jaar.",
        "licence_note": QUOTED,
    },
    {
        "outcome": "first_connections",
        "label": "Bewoner die er niet meer alleen voor staat",
        "unit": "bewoner (eerste verbinding)",
        "counted_as": "Bewoners die in het jaar voor het eerst met iemand verbonden werden.",
        "source_title": "Does Loneliness Have a Cost? A Population-Wide Study of the "
        "Association Between Loneliness and Healthcare Expenditure",
        "publisher": "Universiteit Maastricht (Meisters e.a.), International Journal of "
        "Public Health",
        "table_or_page": "Resultaten: alleen percentages en een landelijk totaal (ongeveer "
        "€ 2 miljard per jaar), geen bedrag per persoon",
        "source_url": "https://www.ssph-journal.org/articles/10.3389/ijph.2021.581286/full",
        "year": 2021,
        "range_note": "Nog geen bedrag: de bron geeft geen bedrag per bewoner. Kring rekent "
        "niets uit een totaal terug. Een beheerder kan een bedrag met bron invullen.",
        "licence_note": "Geen bedrag overgenomen.",
    },
]
# The starter rows of 0002 that stay without an amount, and their new places.
EMPTY = ["connections", "bridging", "gifts_used", "activities"]


def add(apps, schema_editor):
    Proxy = apps.get_model("impact", "SocialValueProxy")
    for position, row in enumerate(ROWS, start=1):
        Proxy.objects.update_or_create(
            outcome=row["outcome"], defaults={"position": position, **row}
        )
    for position, outcome in enumerate(EMPTY, start=len(ROWS) + 1):
        Proxy.objects.filter(outcome=outcome).update(position=position)


def remove(apps, schema_editor):
    Proxy = apps.get_model("impact", "SocialValueProxy")
    Proxy.objects.filter(outcome__in=["care_hours", "energy_activities", "first_connections"]).delete()
    Proxy.objects.filter(outcome="hours").update(
        label="Uur vrijwillige hulp, gewaardeerd tegen het wettelijk minimumuurloon "
        "(vervangingswaarde)",
        counted_as="",
        deduct="",
        low=None,
        high=None,
        source_title="Sociale Verzekeringsbank, Bedragen minimumlonen vanaf 1 januari 2025 "
        "(21 jaar en ouder, bruto per uur). Methode: Movisie, De waarde van vrijwillige inzet "
        "(vervangingswaarde).",
        publisher="",
        table_or_page="",
        range_note="",
        licence_note="Wettelijk bedrag (Wet minimumloon en minimumvakantiebijslag): op "
        "wettelijke regelingen rust geen auteursrecht (art. 11 Auteurswet). Indicatief: een "
        "voorzichtige ondergrens.",
        position=1,
    )
    for position, outcome in enumerate(EMPTY, start=2):
        Proxy.objects.filter(outcome=outcome).update(position=position)


class Migration(migrations.Migration):
    dependencies = [("impact", "0005_proxy_range_and_history")]
    operations = [migrations.RunPython(add, remove)]
