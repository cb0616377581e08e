"""A place is never booked twice: the database refuses an activity whose time overlaps another
activity in the same place on the same day, on PostgreSQL with an exclusion constraint (GiST,
btree_gist for the place), on SQLite with triggers. The service checks first and names the other
activity; this is the guard against two people booking at the same moment."""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """ALTER TABLE initiatives_activity ADD CONSTRAINT activity_place_not_double_booked
       EXCLUDE USING gist (
           place_id WITH =,
           tsrange(date + start_time, date + end_time, '[)') WITH &&
       ) WHERE (place_id IS NOT NULL)""",
]
PG_BACKWARD = [
    "ALTER TABLE initiatives_activity DROP CONSTRAINT IF EXISTS activity_place_not_double_booked"
]

_SQLITE_CONDITION = """
    NEW.place_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM initiatives_activity other
        WHERE other.place_id = NEW.place_id AND other.date = NEW.date AND other.id != {self_id}
          AND other.start_time < NEW.end_time AND NEW.start_time < other.end_time
    )"""
SQLITE_FORWARD = [
    f"""CREATE TRIGGER activity_place_not_double_booked_insert
        BEFORE INSERT ON initiatives_activity
        WHEN {_SQLITE_CONDITION.format(self_id="-1")}
        BEGIN SELECT RAISE(ABORT, 'activity_place_not_double_booked'); END""",
    f"""CREATE TRIGGER activity_place_not_double_booked_update
        BEFORE UPDATE OF place_id, date, start_time, end_time ON initiatives_activity
        WHEN {_SQLITE_CONDITION.format(self_id="NEW.id")}
        BEGIN SELECT RAISE(ABORT, 'activity_place_not_double_booked'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS activity_place_not_double_booked_insert",
    "DROP TRIGGER IF EXISTS activity_place_not_double_booked_update",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0002_starter_tasks")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
