"""A Dutch starter set of large tasks (opgaven); installations edit the list in the admin."""

from django.db import migrations

STARTER_TASKS = [
    ("zorg en welzijn", "Zorg voor elkaar, gezondheid en welzijn in de buurt."),
    ("energietransitie", "Energie besparen en samen duurzame energie opwekken."),
    ("wonen", "Betaalbaar en prettig wonen, ook voor ouderen en jongeren."),
    ("veiligheid", "Een buurt waar iedereen zich veilig voelt."),
    ("jeugd", "Kansen en plekken voor kinderen en jongeren."),
    ("leefbaarheid", "Een schone, groene en levendige buurt."),
    ("armoede", "Samen rondkomen: schulden voorkomen, delen en ruilen."),
    ("eenzaamheid", "Niemand staat er alleen voor."),
    ("meedoen en werk", "Iedereen doet mee: vrijwilligerswerk, leren en werk."),
    ("klimaatadaptatie en groen", "Minder hitte en wateroverlast, meer groen."),
    ("cultuur en ontmoeting", "Elkaar leren kennen, samen vieren en maken."),
]


def add_tasks(apps, schema_editor):
    PublicTask = apps.get_model("initiatives", "PublicTask")
    for position, (name, description) in enumerate(STARTER_TASKS, start=1):
        PublicTask.objects.get_or_create(
            name=name, defaults={"description": description, "position": position}
        )


def remove_tasks(apps, schema_editor):
    PublicTask = apps.get_model("initiatives", "PublicTask")
    PublicTask.objects.filter(name__in=[name for name, _ in STARTER_TASKS]).delete()


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [migrations.RunPython(add_tasks, remove_tasks)]
