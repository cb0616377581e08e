"""A Dutch starter set for the self-scan, after the network's verkenning "ABCD naar veerkrachtige
gemeenschappen" (what a gemeente can do, and leave, when the community belongs to the
community). Editors change it in Django's admin. A statement marked True counts reversed."""

from django.db import migrations

THEMES = [
    {
        "key": "vertrouwen",
        "title": "Vertrouwen in bewoners",
        "intro": "Gaat de gemeente ervan uit dat bewoners het goed willen doen, en dat zij het "
        "kunnen?",
        "statements": [
            ("Wij gaan ervan uit dat bewoners weten wat goed is voor hun buurt.", False),
            ("Bewoners hoeven bij ons niet eerst te bewijzen dat ze iets kunnen.", False),
            (
                "Als er bij een bewonersinitiatief iets misgaat, praten we eerst samen over "
                "wat er gebeurd is.",
                False,
            ),
            (
                "We vragen bewoners meer verantwoording dan andere partners, zoals een "
                "welzijnsorganisatie.",
                True,
            ),
            ("Collega's praten over bewoners als partners, niet als klanten of als probleem.", False),
        ],
        "low": "Begin klein. Kies één bewonerscollectief en spreek af wat u van elkaar "
        "verwacht. Vraag niet meer verantwoording dan nodig. Ga eerst op bezoek en luister "
        "naar wat er al is, voordat u iets vraagt.",
        "middle": "Het vertrouwen is er, maar nog niet overal. Bespreek met collega's een "
        "voorbeeld waar vertrouwen goed werkte. Maak de verantwoording lichter: een gesprek of "
        "een verhaal kan ook.",
        "high": "Vertrouwen is bij u gewoon. Houd het vast als er iets misgaat: blijf in gesprek "
        "in plaats van nieuwe regels te maken. Vertel andere afdelingen hoe u dit doet.",
    },
    {
        "key": "flexibel-geld",
        "title": "Flexibel geld",
        "intro": "Kunnen bewoners geld krijgen op een manier die past bij hoe zij werken?",
        "statements": [
            ("Bewoners kunnen snel en zonder veel papierwerk geld krijgen voor een idee.", False),
            ("Onze subsidies passen bij wat bewoners zelf willen, niet alleen bij ons beleid.", False),
            ("Geld kan meerdere jaren doorlopen, zodat een collectief vooruit kan kijken.", False),
            ("Bewoners moeten elk jaar opnieuw een aanvraag doen met een nieuw plan.", True),
            ("Een collectief mag geld verschuiven als de plannen onderweg veranderen.", False),
        ],
        "low": "Kijk samen met bewoners naar één regeling: waar lopen zij vast? Maak een klein "
        "budget dat bewoners zelf mogen besteden, met een korte aanvraag en een snel antwoord.",
        "middle": "Er is ruimte, maar het kost bewoners nog veel moeite. Maak met één collectief "
        "een afspraak voor meerdere jaren. Laat bewoners zelf kiezen hoe ze laten zien wat het "
        "geld opleverde: met een verhaal, foto's of cijfers.",
        "high": "Het geld volgt wat bewoners doen. Deel hoe u dit geregeld heeft met de afdeling "
        "financiën en met andere gemeenten. Kijk of geld uit andere budgetten, zoals zorg of "
        "energie, ook zo kan.",
    },
    {
        "key": "regels",
        "title": "Regels die bewoners tegenhouden",
        "intro": "Helpen de regels van de gemeente bewoners, of houden ze hen tegen?",
        "statements": [
            ("We weten welke regels bewoners tegenhouden als ze iets willen doen.", False),
            (
                "Bewoners lopen bij ons vast op vergunningen, verzekeringen of formulieren.",
                True,
            ),
            ("Als een regel een goed idee tegenhoudt, zoeken we samen een oplossing.", False),
            ("Er is iemand bij de gemeente die bewoners helpt de weg te vinden in regels.", False),
            (
                "Bewoners kunnen een taak van de gemeente overnemen als zij dat willen "
                "(uitdaagrecht).",
                False,
            ),
        ],
        "low": "Vraag bewoners: welke regel zat u het laatst in de weg? Maak daar een lijst van "
        "en kies er samen één om aan te pakken. Wijs één collega aan die bewoners helpt met "
        "vergunningen en formulieren.",
        "middle": "U kent de lastige regels, maar ze zijn nog niet weg. Spreek af dat een "
        "collega een regel mag laten vallen als die een goed idee tegenhoudt. Leg uit hoe "
        "bewoners een taak kunnen overnemen.",
        "high": "Regels staan bewoners weinig in de weg. Blijf vragen waar het wringt, want "
        "nieuwe regels komen vanzelf. Laat de raad weten welke regels u heeft aangepast.",
    },
    {
        "key": "gebiedsgericht",
        "title": "De rol van de gebiedsmedewerker",
        "intro": "Werken medewerkers per gebied dicht bij bewoners, met ruimte om te handelen?",
        "statements": [
            ("Onze gebiedsmedewerkers zijn vaak in de wijk en kennen de actieve bewoners.", False),
            (
                "Gebiedsmedewerkers mogen zelf beslissen, zonder steeds toestemming te vragen.",
                False,
            ),
            ("Wat gebiedsmedewerkers in de wijk horen, komt terug in het beleid.", False),
            ("Andere afdelingen werken samen met de gebiedsmedewerker als het om de wijk gaat.", False),
            ("Gebiedsmedewerkers zitten vooral in overleg op het gemeentehuis.", True),
        ],
        "low": "Geef gebiedsmedewerkers tijd om in de wijk te zijn, bijvoorbeeld een vaste "
        "middag in een buurthuis. Spreek af over welke dingen zij zelf mogen beslissen.",
        "middle": "Gebiedsmedewerkers zijn er, maar hun kennis komt nog niet overal aan. Nodig "
        "hen uit bij het maken van beleid. Laat andere afdelingen een dag meelopen in de wijk.",
        "high": "Gebiedsmedewerkers zijn de brug tussen wijk en gemeente. Zorg dat die rol blijft "
        "als er mensen wisselen: schrijf op wie zij kennen en wat zij weten.",
    },
    {
        "key": "stap-terug",
        "title": "Een stap terug doen",
        "intro": "Laat de gemeente ruimte aan bewoners, ook als zij het zelf sneller zou doen?",
        "statements": [
            ("We laten het initiatief bij bewoners, ook als wij het sneller zouden doen.", False),
            ("We komen pas in actie als bewoners om hulp vragen.", False),
            (
                "Bij een nieuw plan vragen we eerst wat bewoners zelf kunnen, dan wat zij met "
                "hulp kunnen, en pas daarna wat de gemeente moet doen.",
                False,
            ),
            (
                "Als bewoners een goed idee hebben, maken wij er een project van de gemeente "
                "van.",
                True,
            ),
            ("We durven dingen niet te regelen, zodat bewoners de ruimte krijgen.", False),
        ],
        "low": "Gebruik bij het volgende plan de drie vragen: wat kunnen bewoners zelf, wat "
        "kunnen zij met hulp, en wat moet de gemeente doen? Begin bij de eerste vraag.",
        "middle": "U doet soms een stap terug. Kijk samen naar een project dat de gemeente "
        "overnam: had dat anders gekund? Spreek af wie eigenaar blijft van een idee van "
        "bewoners.",
        "high": "U geeft bewoners de ruimte. Blijf wel dichtbij: een stap terug is iets anders "
        "dan weggaan. Vraag bewoners af en toe of ze nog hulp willen.",
    },
    {
        "key": "luisteren",
        "title": "Luisteren naar de gemeenschap",
        "intro": "Hoort de gemeente wat er leeft, en wat er al sterk is in de buurt?",
        "statements": [
            ("We vragen bewoners wat er al goed gaat in hun buurt, niet alleen wat er mis is.", False),
            ("Bewoners praten mee voordat een plan klaar is, niet pas daarna.", False),
            ("We laten bewoners weten wat we met hun ideeën gedaan hebben.", False),
            ("We kennen de bewonerscollectieven in onze gemeente en hun plekken.", False),
            ("Inspraak gaat bij ons vooral via avonden op het gemeentehuis.", True),
        ],
        "low": "Ga naar de plekken waar bewoners al samenkomen, in plaats van hen naar het "
        "gemeentehuis te vragen. Begin een gesprek met de vraag: wat gaat hier goed?",
        "middle": "U luistert, maar bewoners horen nog niet altijd wat er met hun inbreng "
        "gebeurt. Stuur na elk gesprek een kort bericht: dit hoorden we, dit doen we ermee.",
        "high": "Luisteren is bij u een gewoonte. Gebruik de plaatjes van het netwerk om ook "
        "raadsleden en bestuurders mee te nemen in wat bewoners zeggen.",
    },
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("selfscan", "Theme")
    Statement = apps.get_model("selfscan", "Statement")
    for position, spec in enumerate(THEMES, start=1):
        theme, created = Theme.objects.get_or_create(
            key=spec["key"],
            defaults={
                "title": spec["title"],
                "intro": spec["intro"],
                "position": position,
                "suggestion_low": spec["low"],
                "suggestion_middle": spec["middle"],
                "suggestion_high": spec["high"],
            },
        )
        if created:
            Statement.objects.bulk_create(
                Statement(theme=theme, text=text, position=number, is_reversed=reversed_)
                for number, (text, reversed_) in enumerate(spec["statements"], start=1)
            )


def remove_themes(apps, schema_editor):
    Theme = apps.get_model("selfscan", "Theme")
    Theme.objects.filter(key__in=[spec["key"] for spec in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("selfscan", "0001_initial")]

    operations = [migrations.RunPython(add_themes, remove_themes)]
