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
  procent" more, so the high value is 13,10 × 2 = 26,20. The low value is the well-being
  valuation of an hour of informal care, € 9,30 to € 10 (Van den Berg and Ferrer-i-Carbonell).
- Energy bill: households with a low income save about € 100 a year after advice at home
  (ECN, Rapportage Energiearmoede, 2017, § 4.2); in Eindhoven the energy coaches' Energiebox
  saved about € 113 and 250 kWh a year per household (2021); Aarde-Werk in Den Haag calculated
  € 280 to € 350 per household. Low 100, central 113, high 350, per activity for the energy
  task, which assumes one household helped per activity.
- CO2 of that saving: Aarde-Werk calculated 390 tonnes of CO2 a year for 762 households
  (0,51 tonne each); the CPB and PBL value a tonne of CO2 in 2030 at 100 to 500 euro (the
  range for the two-degree goal, price level 2013). 0,51 × 100 = 51,18 and 0,51 × 500 = 255,91.
  A different good than the bill (the climate, not the household), so both count.
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
        "low": Decimal("9.30"),
        "value": Decimal("13.10"),
        "high": Decimal("26.20"),
        "source_title": "De maatschappelijke waarde van mantelzorg",
        "publisher": "Ecorys, in opdracht van MantelzorgNL",
        "table_or_page": "Samenvatting: 1,5 miljard uur mantelzorg in 2019, gemiddeld € 13,10 "
        "per uur; vervanging door professionals 70 tot 100 procent duurder",
        "source_url": "https://www.nrc.nl/nieuws/2021/03/05/"
        "mantelzorgers-verleenden-in-2019-voor-22-miljard-aan-zorg-a4034355",
        "year": 2021,
        "range_note": "Midden: € 13,10 per uur, de waarde van de tijd van de mantelzorger "
        "(bedragen over 2019). Hoog: als een professional de zorg overneemt, is dat 70 tot 100 "
        "procent duurder; 100 procent meer is € 26,20. Laag: € 9,30 per uur, de ondergrens van "
        "de waardering van een uur mantelzorg met de welzijnsmethode (B. van den Berg en "
        "A. Ferrer-i-Carbonell, Monetaire waardering van mantelzorg, € 9,30 tot € 10 per uur; "
        "https://5dok.net/document/zlgvn9lr-monetaire-waardering-van-mantelzorg.html).",
        "licence_note": QUOTED,
    },
    {
        "outcome": "energy_activities",
        "label": "Huishouden dat hulp kreeg bij energie besparen",
        "unit": "huishouden (besparing in één jaar)",
        "counted_as": "Activiteiten van initiatieven voor de opgave energietransitie, zoals een "
        "bezoek van een energiecoach. Kring neemt aan: één huishouden per activiteit.",
        "low": Decimal("100.00"),
        "value": Decimal("113.00"),
        "high": Decimal("350.00"),
        "source_title": "Rapportage Energiearmoede. Effectieve interventies om energie-"
        "efficiëntie te vergroten en energiearmoede te verlagen (ECN-E--17-002)",
        "publisher": "ECN (Energieonderzoek Centrum Nederland)",
        "table_or_page": "§ 4.2 Werkelijke besparingen, p. 39; samengevat door projectleider "
        "K. Straver: gemiddeld honderd euro per jaar",
        "source_url": "https://creditexpo.nl/"
        "ecn-rapport-energiearmoede-goed-advies-helpt-huishoudens-geld-besparen-op-energie",
        "year": 2017,
        "range_note": "Laag: ECN, gemiddeld € 100 per jaar voor huishoudens met een laag "
        "inkomen na advies aan huis. Midden: energiecoaches in Eindhoven, gemiddeld € 113 en "
        "250 kWh per jaar per huishouden (onderzoek van de woningcorporaties, 2021; "
        "https://www.ed.nl/eindhoven/energiecoaches-in-eindhoven-brachten-3800-energieboxen-"
        "naar-huurders-en-woningeigenaren~a12234f0/). Hoog: Aarde-Werk, Den Haag, berekend "
        "(niet gemeten) € 280 tot € 350 per huishouden (https://www.aarde-werk.nl/"
        "huishoudens-besparen-energie/). Alleen de besparing in het eerste jaar.",
        "licence_note": QUOTED,
    },
    {
        "outcome": "co2_energy",
        "indicator": "energy_activities",
        "label": "Minder CO2 door hulp bij energie besparen",
        "unit": "huishouden (CO2 van één jaar besparing)",
        "counted_as": "Dezelfde activiteiten voor de opgave energietransitie: één huishouden "
        "per activiteit. Dit is de waarde voor het klimaat, naast de lagere rekening.",
        "low": Decimal("51.18"),
        "value": Decimal("51.18"),
        "high": Decimal("255.91"),
        "source_title": "WLO-klimaatscenario's en de waardering van CO2-uitstoot in MKBA's",
        "publisher": "Centraal Planbureau (CPB) en Planbureau voor de Leefomgeving (PBL)",
        "table_or_page": "Efficiënte CO2-prijzen bij de tweegradendoelstelling: 100 tot 500 "
        "euro per ton CO2 in 2030 (prijspeil 2013)",
        "source_url": "https://www.wlo2015.nl/rapporten-wlo/"
        "wlo-klimaatscenarios-en-de-waardering-van-co2-uitstoot-in-mkbas",
        "year": 2015,
        "range_note": "Per huishouden 0,51 ton CO2 per jaar: Aarde-Werk, Den Haag, berekende "
        "390 ton CO2 per jaar voor 762 huishoudens met een energiebox en advies "
        "(https://www.aarde-werk.nl/huishoudens-besparen-energie/). Laag en midden: 0,51 × € 100 "
        "= € 51,18; hoog: 0,51 × € 500 = € 255,91. De bron geeft geen middenwaarde; Kring "
        "neemt de ondergrens.",
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
    Proxy.objects.filter(
        outcome__in=["care_hours", "energy_activities", "co2_energy", "first_connections"]
    ).delete()
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
