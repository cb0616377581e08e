"""The year of Coöperatie Havenkwartier: its initiatives, each with its needs under the three
questions, its activities and its pledges (see ``kring.demo.year`` for how to read them).
Fiction, and content (Dutch, not translated)."""

INITIATIVES = [
    {
        "title": "Buurtmaaltijd in De Kade",
        "description": "Eén keer per maand koken bewoners voor de buurt. Wie alleen eet, schuift aan; wie kan koken, kookt mee.",
        "tasks": ["eenzaamheid", "cultuur en ontmoeting"],
        "status": "loopt",
        "start": 0,
        "buurt": "BU99990102",
        "assets": ["Buurthuis De Kade", "Buurtkeuken Havenkwartier"],
        "goal_hours": 400,
        "needs": [
            ("zelf", "mensen die voor een grote groep kunnen koken", "vervuld"),
            ("met_hulp", "iemand die taarten bakt voor het toetje", "gevonden"),
            (
                "instelling",
                "het buurtteam van Welzijn Kringstad nodigt buren uit die vaak alleen eten",
                "vervuld",
            ),
        ],
        "activities": [
            {
                "title": "Buurtmaaltijd",
                "place": "Buurthuis De Kade",
                "every": "month",
                "weekday": 3,
                "nth": 3,
                "time": ("17:30", "20:00"),
                "attendees": (12, 20),
                "volunteers": 6,
            }
        ],
        "pledges": [
            ("Buurtwinkel De Voeg", "materiaal", None, "groente en brood voor elke maaltijd"),
            ("Vrouwengroep Samen Sterk", "uren", 40, "koken en tafels dekken"),
            ("bewoners", "uren", (4, 12), 6),
        ],
    },
    {
        "title": "Taalcafé met de bibliotheek",
        "description": "Elke woensdag oefenen nieuwkomers Nederlands met buren die graag praten. De bibliotheek zorgt voor de ruimte en de boeken.",
        "tasks": ["meedoen en werk", "cultuur en ontmoeting"],
        "status": "loopt",
        "start": 1,
        "buurt": "BU99990101",
        "assets": ["Bibliotheek Havenkwartier met Taalhuis", "Vrouwengroep Samen Sterk"],
        "goal_hours": 300,
        "needs": [
            ("zelf", "taalmaatjes voor nieuwkomers", "vervuld"),
            ("met_hulp", "iemand die Tigrinya spreekt en wil tolken", "gevonden"),
            (
                "instelling",
                "de bibliotheek stelt een ruimte en lesboeken beschikbaar",
                "vervuld",
            ),
        ],
        "activities": [
            {
                "title": "Taalcafé",
                "place": "Buurthuis De Kade",
                "every": "week",
                "weekday": 2,
                "time": ("14:00", "16:00"),
                "attendees": (5, 9),
                "volunteers": 3,
            }
        ],
        "pledges": [("bewoners", "uren", (10, 30), 4)],
    },
    {
        "title": "Energiecoaches Havenkwartier",
        "description": "Buren die verstand hebben van energie komen op bezoek en helpen met tochtstrips, radiatorfolie en de energierekening.",
        "tasks": ["energietransitie", "armoede"],
        "status": "loopt",
        "start": 3,
        "buurt": "BU99990103",
        "assets": ["Buurthuis De Kade"],
        "goal_money": 4000,
        "needs": [
            ("zelf", "bewoners die veel weten van energie besparen", "vervuld"),
            ("met_hulp", "iemand die helpt met kleine klussen in huis", "gevonden"),
            (
                "instelling",
                "de woningcorporatie betaalt tochtstrips en radiatorfolie voor de portiekflats",
                "vervuld",
            ),
        ],
        "activities": [
            {
                "title": "Energiespreekuur",
                "place": "Buurthuis De Kade",
                "every": "month",
                "weekday": 0,
                "nth": 1,
                "time": ("19:00", "21:00"),
                "attendees": (5, 12),
                "volunteers": 3,
            }
        ],
        "pledges": [
            ("Woonstichting Kringstad", "geld", 2500, "tochtstrips en radiatorfolie"),
            ("Buurtfonds Kringstad", "geld", 750, "energiemeters om uit te lenen"),
        ],
    },
    {
        "title": "Zomertoernooi op het Havenplein",
        "description": "Het jongerenteam organiseert een voetbaltoernooi voor alle leeftijden, met eten van de buurtkeuken.",
        "tasks": ["jeugd"],
        "status": "afgerond",
        "start": 8,
        "end": 10,
        "buurt": "BU99990104",
        "assets": ["Jongerenteam Havenkwartier", "Park De Oude Haven"],
        "goal_money": 1200,
        "needs": [
            ("zelf", "voetbaltrainers voor de jongste kinderen", "vervuld"),
            ("met_hulp", "iemand met een EHBO-diploma bij de wedstrijden", "vervuld"),
            ("instelling", "de gemeente geeft een vergunning voor het Havenplein", "vervuld"),
        ],
        "activities": [
            {
                "title": "Zomertoernooi",
                "place": "Park De Oude Haven",
                "every": "once",
                "months": [9],
                "weekday": 5,
                "time": ("11:00", "18:00"),
                "attendees": (45, 60),
                "volunteers": 12,
            }
        ],
        "pledges": [
            ("Buurtfonds Kringstad", "geld", 750, "prijzen en shirts"),
            ("Buurtwinkel De Voeg", "materiaal", None, "drinken en fruit voor de spelers"),
            ("bewoners", "geld", (10, 50), 6),
        ],
    },
    {
        "title": "Hulp bij papieren",
        "description": "Een wekelijks spreekuur waar buren elkaar helpen met brieven, toeslagen en formulieren.",
        "tasks": ["armoede"],
        "status": "loopt",
        "start": 2,
        "buurt": "BU99990102",
        "assets": ["Buurthuis De Kade", "Gemeente Kringstad, gebiedsteam Havenkwartier"],
        "goal_hours": 250,
        "needs": [
            ("zelf", "iemand die helpt met formulieren", "vervuld"),
            ("met_hulp", "iemand die weet hoe toeslagen werken", "gevonden"),
            (
                "instelling",
                "de gemeente stuurt iemand van schuldhulp naar het spreekuur",
                "vervuld",
            ),
        ],
        "activities": [
            {
                "title": "Spreekuur papieren",
                "place": "Buurthuis De Kade",
                "every": "week",
                "weekday": 0,
                "time": ("13:30", "15:30"),
                "attendees": (3, 6),
                "volunteers": 2,
            }
        ],
        "pledges": [("bewoners", "uren", (8, 20), 3)],
    },
    {
        "title": "Bezoekjes aan ouderen",
        "description": "Buren gaan op bezoek bij ouderen die weinig mensen zien, voor een kop koffie, een boodschap of een wandeling.",
        "tasks": ["eenzaamheid", "zorg en welzijn"],
        "status": "loopt",
        "start": 4,
        "buurt": None,
        "assets": ["Huisartsenpraktijk Havenplein"],
        "needs": [
            ("zelf", "vrijwilligers die eenzame ouderen willen bezoeken", "vervuld"),
            ("met_hulp", "iemand die boodschappen doet voor buren", "gevonden"),
            ("instelling", "de huisarts wijst ouderen op de bezoekjes", "gevonden"),
        ],
        "activities": [],
        "pledges": [("bewoners", "uren", (10, 40), 5)],
    },
    {
        "title": "Werkplaats in het lege pand",
        "description": "Bewoners wilden in het lege winkelpand aan de Pakhuisstraat een werkplaats voor meubels maken beginnen.",
        "tasks": ["meedoen en werk", "leefbaarheid"],
        "status": "gestopt",
        "start": 4,
        "end": 8,
        "buurt": "BU99990103",
        "assets": ["Leegstaand winkelpand Pakhuisstraat 14"],
        "needs": [
            ("zelf", "iemand die kan timmeren en meubels maken", "gevonden"),
            (
                "instelling",
                "de eigenaar verhuurt het lege pand tijdelijk aan de buurt",
                "open",
            ),
        ],
        "activities": [],
        "pledges": [("bewoner", "materiaal", None, "gereedschap om uit te lenen")],
    },
    {
        "title": "Havenfeest",
        "description": "Het jaarlijkse feest met eten uit dertig landen, muziek van het havenkoor en de sloepenrace.",
        "tasks": ["cultuur en ontmoeting"],
        "status": "afgerond",
        "start": 10,
        "end": 12,
        "buurt": "BU99990101",
        "assets": ["Havenkoor Zingen zonder Grenzen", "Park De Oude Haven"],
        "goal_money": 3000,
        "needs": [
            ("zelf", "iemand die foto's maakt van het feest", "vervuld"),
            ("met_hulp", "mensen die Eritrees of Marokkaans willen koken", "vervuld"),
            ("instelling", "de gemeente zet de kade af voor het verkeer", "vervuld"),
        ],
        "activities": [
            {
                "title": "Havenfeest",
                "place": "Park De Oude Haven",
                "every": "once",
                "months": [11],
                "weekday": 5,
                "time": ("12:00", "22:00"),
                "attendees": (60, 80),
                "volunteers": 20,
            }
        ],
        "pledges": [
            ("Buurtfonds Kringstad", "geld", 1500, "podium en geluid"),
            ("Weekmarkt Havenplein", "materiaal", None, "twee kramen en een tent"),
            ("Woonstichting Kringstad", "geld", 500, "kinderactiviteiten"),
        ],
    },
    {
        "title": "Groene binnenhof Scheepmakershof",
        "description": "Bewoners willen tegels eruit en groen erin: moestuinbakken, een bankje en schaduw in de zomer.",
        "tasks": ["klimaatadaptatie en groen"],
        "status": "idee",
        "start": 13,
        "buurt": "BU99990103",
        "assets": ["Binnenhof Scheepmakershof", "Moestuinclub De Kade"],
        "needs": [
            ("zelf", "bewoners die willen moestuinieren", "open"),
            ("met_hulp", "iemand die tuinen kan snoeien en onderhouden", "open"),
            (
                "instelling",
                "de woningcorporatie geeft toestemming om tegels te vervangen door groen",
                "open",
            ),
        ],
        "activities": [],
        "pledges": [("bewoners", "uren", (5, 15), 3)],
    },
]
