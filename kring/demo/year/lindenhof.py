"""The year of Wijkcentrum Lindenhof: its initiatives, each with its needs under the three
questions, its activities and its pledges (see ``kring.demo.year`` for how to read them).
Fiction, and content (Dutch, not translated)."""

INITIATIVES = [
    {
        "title": "Repair Café Lindenhof",
        "description": "Elke zaterdagochtend repareren buren samen wat kapot is, in de oude gymzaal van De Linde.",
        "tasks": ["leefbaarheid", "armoede"],
        "status": "loopt",
        "start": 0,
        "buurt": None,
        "assets": ["Wijkcentrum De Linde (de oude Lindeschool)", "Repair Café Lindenhof"],
        "goal_hours": 600,
        "needs": [
            ("zelf", "iemand die fietsen kan repareren", "vervuld"),
            ("zelf", "iemand die elektrische apparaten repareert", "vervuld"),
            ("met_hulp", "iemand die naaien en kleding herstellen kan", "gevonden"),
        ],
        "activities": [
            {
                "title": "Repair Café",
                "place": "Wijkcentrum De Linde (de oude Lindeschool)",
                "every": "week",
                "weekday": 5,
                "time": ("10:00", "13:00"),
                "attendees": (5, 10),
                "volunteers": 4,
                "repairs": True,
            }
        ],
        "pledges": [
            ("Buurtwinkel 't Lindeke", "materiaal", None, "onderdelen en lampjes voor fietsen"),
            ("bewoners", "uren", (10, 40), 4),
        ],
    },
    {
        "title": "Aandelen voor De Linde",
        "description": "Bewoners kochten de oude Lindeschool van de gemeente, met aandelen van minstens 100 euro. Nu wordt het gebouw verbouwd.",
        "tasks": ["cultuur en ontmoeting", "wonen"],
        "status": "loopt",
        "start": 0,
        "buurt": None,
        "assets": [
            "Wijkcentrum De Linde (de oude Lindeschool)",
            "Aandelen in wijkcentrum De Linde",
        ],
        "goal_money": 60000,
        "needs": [
            ("zelf", "iemand die goed kan rekenen en een kas bijhoudt", "vervuld"),
            ("met_hulp", "iemand die een website maakt voor de aandelenactie", "vervuld"),
            (
                "instelling",
                "de gemeente verkoopt de oude Lindeschool aan de bewoners",
                "vervuld",
            ),
        ],
        "activities": [
            {
                "title": "Aandeelhoudersavond",
                "place": "Wijkcentrum De Linde (de oude Lindeschool)",
                "every": "once",
                "months": [3, 9],
                "weekday": 3,
                "time": ("19:30", "21:30"),
                "attendees": (25, 30),
                "volunteers": 4,
            }
        ],
        "pledges": [
            ("bewoners", "geld", (100, 500), 34),
            (
                "Woningcorporatie Thuis in Kringstad",
                "geld",
                10000,
                "voor de verbouwing van de benedenzaal",
            ),
            ("Buurtfonds Kringstad", "geld", 5000, "voor een toegankelijke ingang"),
            ("Buurtwinkel 't Lindeke", "geld", 500, "een aandeel van de winkel"),
        ],
    },
    {
        "title": "Wereldkeuken aan tafel",
        "description": "De kookclub kookt elke laatste vrijdag van de maand voor de wijk: elke keer een ander land.",
        "tasks": ["eenzaamheid", "cultuur en ontmoeting"],
        "status": "loopt",
        "start": 1,
        "buurt": None,
        "assets": ["Kookclub Wereldkeuken", "Wijkcentrum De Linde (de oude Lindeschool)"],
        "goal_hours": 250,
        "needs": [
            ("zelf", "mensen die Surinaams en Antilliaans kunnen koken", "vervuld"),
            ("met_hulp", "iemand die boodschappen doet voor buren", "gevonden"),
        ],
        "activities": [
            {
                "title": "Wereldmaaltijd",
                "place": "Wijkcentrum De Linde (de oude Lindeschool)",
                "every": "month",
                "weekday": 4,
                "nth": -1,
                "time": ("18:00", "20:30"),
                "attendees": (16, 28),
                "volunteers": 6,
            }
        ],
        "pledges": [
            ("Buurtmarkt Lindeplein", "materiaal", None, "groente van de markt"),
            ("Kookclub Wereldkeuken", "uren", 120, "de kookclub kookt elke maaltijd"),
        ],
    },
    {
        "title": "Speeltuin Appelhof opknappen",
        "description": "Ouders en buren knapten de speeltuin op: nieuwe bankjes, geverfde toestellen en een moestuinbak voor de kinderen.",
        "tasks": ["jeugd", "leefbaarheid"],
        "status": "afgerond",
        "start": 3,
        "end": 6,
        "buurt": None,
        "assets": ["Speeltuin Appelhof"],
        "goal_money": 2500,
        "needs": [
            ("zelf", "iemand die kan timmeren en meubels maken", "vervuld"),
            ("zelf", "iemand die kan schilderen", "vervuld"),
            ("instelling", "de gemeente betaalt nieuwe valtegels", "vervuld"),
        ],
        "activities": [
            {
                "title": "Klusdag speeltuin",
                "place": "Speeltuin Appelhof",
                "every": "once",
                "months": [4, 5],
                "weekday": 5,
                "time": ("09:00", "16:00"),
                "attendees": (12, 20),
                "volunteers": 12,
            }
        ],
        "pledges": [
            ("Woningcorporatie Thuis in Kringstad", "geld", 1500, "hout en verf"),
            ("Buurtwinkel 't Lindeke", "materiaal", None, "lunch voor de klussers"),
            ("bewoners", "geld", (10, 40), 6),
        ],
    },
    {
        "title": "Energie-avonden",
        "description": "Buren laten elkaar zien hoe je met weinig geld energie bespaart, en gaan bij elkaar langs met tochtstrips.",
        "tasks": ["energietransitie", "wonen"],
        "status": "loopt",
        "start": 4,
        "buurt": None,
        "assets": [
            "Wijkcentrum De Linde (de oude Lindeschool)",
            "Woningcorporatie Thuis in Kringstad",
        ],
        "needs": [
            ("zelf", "bewoners die weten hoe je energie bespaart", "vervuld"),
            ("met_hulp", "iemand die kleine klussen in huis doet", "gevonden"),
            ("instelling", "de woningcorporatie isoleert de portiekflats", "open"),
        ],
        "activities": [
            {
                "title": "Energie-avond",
                "place": "Wijkcentrum De Linde (de oude Lindeschool)",
                "every": "month",
                "weekday": 1,
                "nth": 2,
                "time": ("19:30", "21:30"),
                "attendees": (6, 14),
                "volunteers": 3,
            }
        ],
        "pledges": [
            (
                "Woningcorporatie Thuis in Kringstad",
                "materiaal",
                None,
                "tochtstrips en radiatorfolie",
            ),
        ],
    },
    {
        "title": "Huiswerkklas",
        "description": "Elke dinsdag na school helpen buren kinderen met huiswerk en lezen.",
        "tasks": ["jeugd"],
        "status": "loopt",
        "start": 2,
        "buurt": None,
        "assets": ["Basisschool De Lindeboom", "Bibliotheek Kringstad, vestiging Lindenhof"],
        "goal_hours": 200,
        "needs": [
            ("zelf", "iemand die bijles wiskunde geeft", "vervuld"),
            ("met_hulp", "buren die kinderen willen voorlezen", "gevonden"),
            ("instelling", "de school geeft de huiswerkklas een lokaal", "vervuld"),
        ],
        "activities": [
            {
                "title": "Huiswerkklas",
                "place": "Wijkcentrum De Linde (de oude Lindeschool)",
                "every": "week",
                "weekday": 1,
                "time": ("15:30", "17:00"),
                "attendees": (6, 12),
                "volunteers": 3,
            }
        ],
        "pledges": [("bewoners", "uren", (10, 30), 3)],
    },
    {
        "title": "Buurtvaders op straat",
        "description": "Vaders uit de wijk lopen op vrijdagavond een ronde en praten met de jongeren op het plein.",
        "tasks": ["veiligheid", "jeugd"],
        "status": "loopt",
        "start": 5,
        "buurt": None,
        "assets": ["Buurtvaders Lindenhof", "Gemeente Kringstad, wijkregisseur Lindenhof"],
        "needs": [
            ("zelf", "iemand die de jongeren in de buurt kent", "vervuld"),
            ("instelling", "de wijkregisseur komt eens per maand mee", "gevonden"),
        ],
        "activities": [],
        "pledges": [("bewoners", "uren", (10, 20), 4)],
    },
    {
        "title": "Lindenfeest",
        "description": "Het feest van de wijk op het Lindeplein, dit jaar met de opening van de verbouwde benedenzaal.",
        "tasks": ["cultuur en ontmoeting"],
        "status": "afgerond",
        "start": 9,
        "end": 11,
        "buurt": None,
        "assets": ["Lindenkoor", "Lindepark"],
        "goal_money": 2000,
        "needs": [
            ("zelf", "iemand die feesten organiseert", "vervuld"),
            ("met_hulp", "iemand die gitaar speelt", "vervuld"),
            ("instelling", "de gemeente geeft een vergunning voor het plein", "vervuld"),
        ],
        "activities": [
            {
                "title": "Lindenfeest",
                "place": "Lindepark",
                "every": "once",
                "months": [10],
                "weekday": 5,
                "time": ("13:00", "21:00"),
                "attendees": (50, 70),
                "volunteers": 15,
            }
        ],
        "pledges": [
            ("Buurtfonds Kringstad", "geld", 1000, "muziek en podium"),
            ("Buurtmarkt Lindeplein", "materiaal", None, "kramen voor de kinderspelletjes"),
        ],
    },
    {
        "title": "Kledingruil",
        "description": "Een ruilrek in het wijkcentrum. Gestopt: er kwam meer binnen dan er weg ging, en niemand had ruimte om te sorteren.",
        "tasks": ["armoede"],
        "status": "gestopt",
        "start": 2,
        "end": 5,
        "buurt": None,
        "assets": ["Wijkcentrum De Linde (de oude Lindeschool)"],
        "needs": [
            ("zelf", "mensen die kleding sorteren en herstellen", "gevonden"),
            ("met_hulp", "een plek om kleding op te slaan", "open"),
        ],
        "activities": [],
        "pledges": [],
    },
    {
        "title": "Wandelgroep Lindepark",
        "description": "Een idee van twee buren: samen wandelen op maandagochtend, in je eigen tempo.",
        "tasks": ["zorg en welzijn", "eenzaamheid"],
        "status": "idee",
        "start": 12,
        "buurt": None,
        "assets": ["Lindepark"],
        "needs": [
            ("zelf", "iemand die een wandelgroep wil beginnen", "open"),
            ("instelling", "de huisarts vertelt patiënten over de wandelgroep", "open"),
        ],
        "activities": [],
        "pledges": [],
    },
]
