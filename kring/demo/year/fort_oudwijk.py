"""The year of Dorpshuis Fort Oudwijk: its initiatives, each with its needs under the three
questions, its activities and its pledges (see ``kring.demo.year`` for how to read them).
Fiction, and content (Dutch, not translated)."""

INITIATIVES = [
    {
        "title": "Repair Café in het fort",
        "description": "Elke eerste zaterdag van de maand repareren dorpsgenoten fietsen, kleding en apparaten in de kazerne.",
        "tasks": ["leefbaarheid", "armoede"],
        "status": "loopt",
        "start": 0,
        "buurt": None,
        "assets": ["Dorpshuis in de kazerne", "Repair Café in het fort"],
        "goal_hours": 300,
        "needs": [
            ("zelf", "iemand die fietsen kan repareren", "vervuld"),
            ("zelf", "iemand die elektrische apparaten repareert", "vervuld"),
            ("met_hulp", "iemand die kleding kan herstellen", "gevonden"),
        ],
        "activities": [
            {
                "title": "Repair Café",
                "place": "Dorpshuis in de kazerne",
                "every": "month",
                "weekday": 5,
                "nth": 1,
                "time": ("10:00", "13:00"),
                "attendees": (8, 16),
                "volunteers": 5,
                "repairs": True,
            }
        ],
        "pledges": [
            ("Zaalverhuur en fortbar", "materiaal", None, "koffie en thee voor de bezoekers"),
            ("bewoner", "materiaal", None, "een werkbank en gereedschap"),
        ],
    },
    {
        "title": "Koffieochtend in de kazerne",
        "description": "Elke woensdagochtend koffie voor wie even onder de mensen wil zijn; wie niet meer kan lopen, wordt gehaald.",
        "tasks": ["eenzaamheid", "zorg en welzijn"],
        "status": "loopt",
        "start": 0,
        "buurt": None,
        "assets": ["Dorpshuis in de kazerne", "Welzijn Kringstad, ouderenwerk"],
        "goal_hours": 350,
        "needs": [
            ("zelf", "mensen die goed kunnen luisteren", "vervuld"),
            ("met_hulp", "chauffeurs die ouderen met de auto kunnen rijden", "vervuld"),
            (
                "instelling",
                "het ouderenwerk van Welzijn Kringstad wijst ouderen de weg naar de koffie",
                "vervuld",
            ),
        ],
        "activities": [
            {
                "title": "Koffieochtend",
                "place": "Dorpshuis in de kazerne",
                "every": "week",
                "weekday": 2,
                "time": ("10:00", "12:00"),
                "attendees": (6, 11),
                "volunteers": 3,
            }
        ],
        "pledges": [("bewoners", "uren", (10, 25), 4)],
    },
    {
        "title": "Boules op de wallen",
        "description": "Elke dinsdagmiddag spelen jong en oud jeu de boules op de wallen; wie niet kan spelen, komt kijken en koffie drinken.",
        "tasks": ["eenzaamheid", "cultuur en ontmoeting"],
        "status": "loopt",
        "start": 1,
        "buurt": None,
        "assets": ["Jeu de boules-club De Wallen", "Glacis en fortgracht"],
        "needs": [
            ("zelf", "iemand die organiseert en de baan bijhoudt", "vervuld"),
            ("met_hulp", "iemand die ouderen met de auto kan brengen", "gevonden"),
        ],
        "activities": [
            {
                "title": "Boules op dinsdag",
                "place": "Glacis en fortgracht",
                "every": "week",
                "weekday": 1,
                "time": ("14:00", "16:30"),
                "attendees": (5, 10),
                "volunteers": 2,
            }
        ],
        "pledges": [("Jeu de boules-club De Wallen", "materiaal", None, "ballen en een meetlint")],
    },
    {
        "title": "Zonnepanelen op de kazerne",
        "description": "Dorpsgenoten kopen samen panelen voor het dak van de kazerne; de opbrengst gaat naar het dorpshuis.",
        "tasks": ["energietransitie"],
        "status": "loopt",
        "start": 3,
        "buurt": None,
        "assets": ["Dorpshuis in de kazerne", "Vrienden van het fort"],
        "goal_money": 30000,
        "needs": [
            ("zelf", "iemand die veel weet van energie besparen", "vervuld"),
            ("met_hulp", "iemand die goed kan rekenen en een kas bijhoudt", "gevonden"),
            (
                "instelling",
                "de gemeente geeft een vergunning voor panelen op een monument",
                "open",
            ),
        ],
        "activities": [
            {
                "title": "Informatieavond zonnepanelen",
                "place": "Dorpshuis in de kazerne",
                "every": "once",
                "months": [4, 7],
                "weekday": 1,
                "time": ("20:00", "22:00"),
                "attendees": (18, 28),
                "volunteers": 3,
            }
        ],
        "pledges": [
            ("bewoners", "geld", (250, 1000), 22),
            ("Buurtfonds Kringstad", "geld", 5000, "startbedrag voor de panelen"),
        ],
    },
    {
        "title": "Moestuin op het glacis",
        "description": "Op een stuk van het glacis dat de gemeente in beheer gaf, telen dorpsgenoten groenten voor zichzelf en de voedselbank.",
        "tasks": ["klimaatadaptatie en groen", "armoede"],
        "status": "loopt",
        "start": 2,
        "buurt": None,
        "assets": ["Glacis en fortgracht", "Moestuinclub Glacis"],
        "goal_hours": 200,
        "needs": [
            ("zelf", "mensen die willen moestuinieren", "vervuld"),
            ("met_hulp", "iemand die veel weet van planten en kruiden", "gevonden"),
            ("instelling", "de gemeente geeft een stuk glacis in beheer", "vervuld"),
        ],
        "activities": [
            {
                "title": "Werkochtend moestuin",
                "place": "Glacis en fortgracht",
                "every": "month",
                "weekday": 5,
                "nth": 2,
                "time": ("09:30", "12:30"),
                "attendees": (6, 12),
                "volunteers": 6,
            }
        ],
        "pledges": [
            ("Moestuinclub Glacis", "materiaal", None, "zaden, plantjes en gereedschap"),
            ("bewoners", "uren", (6, 20), 5),
        ],
    },
    {
        "title": "Digicafé",
        "description": "Dorpsgenoten helpen elkaar met de telefoon, de laptop en DigiD.",
        "tasks": ["meedoen en werk"],
        "status": "loopt",
        "start": 5,
        "buurt": None,
        "assets": ["Bibliotheek Kringstad, servicepunt in het dorpshuis"],
        "needs": [
            ("zelf", "iemand die helpt met de smartphone instellen", "vervuld"),
            ("met_hulp", "iemand die computerles kan geven aan ouderen", "vervuld"),
            ("instelling", "de bibliotheek leent laptops uit voor de lessen", "vervuld"),
        ],
        "activities": [
            {
                "title": "Digicafé",
                "place": "Dorpshuis in de kazerne",
                "every": "month",
                "weekday": 3,
                "nth": 2,
                "time": ("14:00", "16:00"),
                "attendees": (5, 10),
                "volunteers": 3,
            }
        ],
        "pledges": [],
    },
    {
        "title": "Open Fortdag",
        "description": "Eén dag per jaar staat het fort open: rondleidingen, muziek van het fortkoor en verhalen uit de kazerne.",
        "tasks": ["cultuur en ontmoeting"],
        "status": "afgerond",
        "start": 6,
        "end": 8,
        "buurt": None,
        "assets": [
            "Fort Oudwijk",
            "Historische werkgroep Fort Oudwijk",
            "Fortkoor De Kanonniers",
        ],
        "goal_money": 1500,
        "needs": [
            ("zelf", "gidsen die de geschiedenis van de buurt kennen", "vervuld"),
            ("met_hulp", "iemand die filmpjes maakt en monteert", "vervuld"),
            ("instelling", "de gemeente zorgt voor verkeersregelaars", "vervuld"),
        ],
        "activities": [
            {
                "title": "Open Fortdag",
                "place": "Fort Oudwijk",
                "every": "once",
                "months": [7],
                "weekday": 6,
                "time": ("10:00", "17:00"),
                "attendees": (70, 90),
                "volunteers": 25,
            }
        ],
        "pledges": [
            ("Buurtfonds Kringstad", "geld", 500, "drukwerk en borden"),
            (
                "Zaalverhuur en fortbar",
                "materiaal",
                None,
                "koffie, thee en soep voor de vrijwilligers",
            ),
            ("bewoners", "geld", (10, 50), 8),
        ],
    },
    {
        "title": "Jeu de boules met de school",
        "description": "De jeu de boules-club leert kinderen van De Vesting spelen; aan het eind een toernooi van jong tegen oud.",
        "tasks": ["jeugd", "cultuur en ontmoeting"],
        "status": "afgerond",
        "start": 4,
        "end": 6,
        "buurt": None,
        "assets": ["Jeu de boules-club De Wallen", "Basisschool De Vesting"],
        "needs": [
            ("zelf", "spelers die kinderen willen leren boulen", "vervuld"),
            ("instelling", "de school maakt tijd in het rooster", "vervuld"),
        ],
        "activities": [
            {
                "title": "Toernooi jong tegen oud",
                "place": "Glacis en fortgracht",
                "every": "once",
                "months": [5],
                "weekday": 2,
                "time": ("14:00", "17:00"),
                "attendees": (20, 28),
                "volunteers": 6,
            }
        ],
        "pledges": [],
    },
    {
        "title": "Kinderkamp in het fort",
        "description": "Een zomerkamp voor kinderen in de kazerne. Gestopt: er was geen verzekering te vinden voor overnachten in het monument.",
        "tasks": ["jeugd"],
        "status": "gestopt",
        "start": 7,
        "end": 9,
        "buurt": None,
        "assets": ["Fort Oudwijk"],
        "needs": [
            ("zelf", "mensen die koken voor grote groepen", "gevonden"),
            (
                "instelling",
                "de gemeente helpt met een verzekering voor overnachten in het fort",
                "open",
            ),
        ],
        "activities": [],
        "pledges": [],
    },
    {
        "title": "De bakkerij weer open",
        "description": "Een plan om de leegstaande bakkerij aan de Vestingstraat te openen als ontmoetingsplek met brood uit het dorp.",
        "tasks": ["meedoen en werk", "cultuur en ontmoeting"],
        "status": "idee",
        "start": 12,
        "buurt": None,
        "assets": ["Leegstaande bakkerij Vestingstraat"],
        "needs": [
            ("zelf", "iemand die taarten bakt", "open"),
            (
                "instelling",
                "de woningcorporatie verhuurt de bakkerij voor een lage huur",
                "open",
            ),
        ],
        "activities": [],
        "pledges": [("bewoners", "uren", (5, 10), 3)],
    },
]
