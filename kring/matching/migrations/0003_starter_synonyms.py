"""A Dutch starter set of synonyms for matching needs to gifts; editable in the admin.
Reversible: going back removes exactly these groups (ones an installation added stay)."""

from django.db import migrations

STARTER = [
    "fiets, rijwiel, tweewieler, fietsen",
    "computer, pc, laptop, notebook",
    "tablet, ipad",
    "telefoon, smartphone, mobiel, gsm",
    "internet, online, digitaal, wifi",
    "tuin, moestuin, volkstuin, groentetuin",
    "tuinieren, tuinwerk, tuinonderhoud",
    "koken, eten maken, maaltijd bereiden, kok",
    "maaltijd, eten, diner",
    "bakken, taart, gebak",
    "oppassen, babysitten, kinderopvang, oppas",
    "klussen, repareren, opknappen, klusjes",
    "reparatie, herstel, repareren",
    "taal, taalles, nederlands leren, taalmaatje",
    "bijles, huiswerkbegeleiding, huiswerk",
    "naaien, verstellen, kleding maken, naaimachine",
    "breien, haken, handwerken",
    "schilderen, verven, schilderwerk",
    "timmeren, houtbewerking, timmerwerk",
    "elektricien, elektra, stroom, bedrading",
    "loodgieter, kraan, lekkage",
    "administratie, formulieren, papieren, brieven invullen",
    "belasting, belastingaangifte, toeslagen",
    "geldzaken, budget, schulden, financien",
    "boodschappen, winkelen, inkopen",
    "vervoer, rijden, chauffeur, autorijden, taxi",
    "verhuizen, verhuizing, verhuis",
    "wandelen, lopen, wandeling",
    "sport, sporten, bewegen, fitness",
    "voetbal, voetballen",
    "dansen, dans",
    "muziek, musiceren, muzikant",
    "zingen, zang, koor",
    "gitaar, gitaarles",
    "ouderen, senioren, bejaarden",
    "eenzaamheid, eenzaam, gezelschap",
    "bezoek, bezoeken, langsgaan, visite",
    "luisteren, praten, gesprek, luisterend oor",
    "kinderen, kids, jeugd, jongeren",
    "tolk, vertalen, vertaling, tolken",
    "arabisch, arabische taal",
    "energie, energiebesparing, energiecoach, energie besparen",
    "isolatie, isoleren, tochtstrips",
    "zonnepanelen, zonne energie, zonnepaneel",
    "schoonmaken, poetsen, opruimen, schoonmaak",
    "hond, hond uitlaten, honden",
    "fotografie, foto's maken, fotograaf",
    "film, video, filmen",
    "website, webpagina, site",
    "vergadering, bijeenkomst, overleg",
    "feest, buurtfeest, festival, viering",
    "vrijwilliger, vrijwilligerswerk",
    "rolstoel, scootmobiel, mindervalide",
    "lezen, voorlezen, boeken",
    "schrijven, teksten, brieven",
    "rekenen, wiskunde, sommen",
    "ehbo, eerste hulp, reanimatie",
    "zorg, verzorging, mantelzorg",
    "koffie, thee, koffieochtend",
]


def add(apps, schema_editor):
    SynonymGroup = apps.get_model("matching", "SynonymGroup")
    SynonymGroup.objects.bulk_create(SynonymGroup(terms=terms) for terms in STARTER)


def remove(apps, schema_editor):
    SynonymGroup = apps.get_model("matching", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=STARTER).delete()


class Migration(migrations.Migration):
    dependencies = [("matching", "0002_full_text_index")]

    operations = [migrations.RunPython(add, remove)]
