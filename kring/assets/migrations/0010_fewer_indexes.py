"""Four indexes less on every asset write: the asset's own index on its collective (every
composite index of the table starts with the collective, so it served no query), and the
history's indexes on author, editor and buurt (nothing reads the history by those).

Only the indexes are dropped (SeparateDatabaseAndState): Django's own AlterField would remake
both tables on SQLite, copying every row and losing the indexes other apps added with SQL."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INDEXES = [
    ("assets_asset_collective_id_c6e31f55", "assets_asset", "collective_id"),
    ("assets_historicalasset_created_by_id_0ab8a59f", "assets_historicalasset", "created_by_id"),
    (
        "assets_historicalasset_neighbourhood_id_8abe9d7b",
        "assets_historicalasset",
        "neighbourhood_id",
    ),
    ("assets_historicalasset_updated_by_id_cd1a18c4", "assets_historicalasset", "updated_by_id"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("assets", "0009_story_tellers"),
        ("communities", "0004_public_profile_logo_province"),
        ("geo", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "{table}" ("{column}")',
                )
                for name, table, column in INDEXES
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="asset",
                    name="collective",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assets",
                        to="communities.collective",
                        verbose_name="collectief",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalasset",
                    name="created_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ingevoerd door",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalasset",
                    name="neighbourhood",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="geo.neighbourhood",
                        verbose_name="buurt",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalasset",
                    name="updated_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="gewijzigd door",
                    ),
                ),
            ],
        )
    ]
