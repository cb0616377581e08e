"""What the three demo collectives did in their year with Kring: initiatives with needs under
the three questions, the activities that came of them, and the pledges of residents,
groups, institutions and shops. Fiction, like everything in the demo, and content (Dutch,
not translated).

Months count from the day the collective started with Kring (0 is its first month); the
demo's year runs to today. A need's last word says how far it got: "open" (nobody yet),
"gevonden" (a helper was found through "Wie kan helpen?" and connected) or "vervuld" (done).
A pledge's giver is "bewoner" (one resident), "bewoners" (many residents, each a pledge) or
the title of an asset of the collective (a group, an institution or a business).

Activities: ``every`` is "week", "month" (``nth`` weekday of the month; -1 the last) or
"once" (``months``: in which months); ``volunteers`` give the hours (volunteers × duration);
``attendees`` is how many come, drawn mostly from the same regulars.
"""

# Where the three collectives stand in time: Havenkwartier started first.
START_MONTH = {"havenkwartier": 0, "fort-oudwijk": 1, "lindenhof": 2}
# How many months the demo looks back: Kring has been in use for about fifteen months.
MONTHS = 15

# Residents help each other outside any initiative ("burenhulp"), noted by the buurtmaker.
NEIGHBOUR_HELP = [
    "hielp met boodschappen toen de buurvrouw ziek was",
    "repareerde de fiets van de buurjongen",
    "hielp met een brief van de gemeente",
    "ging mee naar de huisarts als tolk",
    "paste een middag op de kinderen",
    "hielp met verhuizen naar de benedenwoning",
    "hing gordijnen op voor een nieuwe buur",
    "bracht soep toen de buurman uit het ziekenhuis kwam",
    "stelde de smartphone in voor een oudere buur",
    "hielp de tuin winterklaar maken",
]

INITIATIVES = {
    "havenkwartier": [
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
    ],
    "fort-oudwijk": [
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
            "pledges": [
                ("Jeu de boules-club De Wallen", "materiaal", None, "ballen en een meetlint")
            ],
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
    ],
    "lindenhof": [
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
    ],
}

# A local fund that each collective counts among its institutions (it supports resident
# initiatives with small amounts), added to each collective's assets.
LOCAL_FUND = {
    "category": "institution",
    "institution_type": "anders",
    "title": "Buurtfonds Kringstad",
    "description": "Lokaal fonds dat plannen van bewoners steunt met bedragen tot 5.000 euro; een aanvraag kan in één formulier.",
    "visibility": "openbaar",
    "tags": ["geld en papieren"],
}
