"""Two indexes on the asset table for the map, so a cold map answer reads an index and never the
wide asset rows: the points of a collective by category and place (the clusters are counted from
it alone), and when the collective's assets last changed (the cache's fingerprint). Made here,
not in the assets app, because only the map reads them; plain SQL that both databases take."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("maps", "0001_initial"), ("assets", "0006_version")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX maps_asset_points ON assets_asset "
            "(collective_id, category, latitude, longitude, visibility)",
            "DROP INDEX IF EXISTS maps_asset_points",
        ),
        migrations.RunSQL(
            "CREATE INDEX maps_asset_changed ON assets_asset (collective_id, updated_at)",
            "DROP INDEX IF EXISTS maps_asset_changed",
        ),
    ]
