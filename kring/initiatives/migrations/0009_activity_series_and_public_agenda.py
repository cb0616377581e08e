"""Repeating activities (a series with its rule and skipped dates; each date a concrete activity)
and the public agenda (an activity on it, or not).

On SQLite, adding columns to initiatives_activity rebuilds the table, which drops the triggers
that refuse a double booking (0003_no_double_booking); they are created again at the end (and,
backwards, at the start, which runs last)."""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models



no_double_booking = importlib.import_module(
    "kring.initiatives.migrations.0003_no_double_booking"
)


def recreate_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in no_double_booking.SQLITE_BACKWARD + no_double_booking.SQLITE_FORWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('assets', '0010_fewer_indexes'),
        ('communities', '0006_collective_residents_post_directly'),
        ('initiatives', '0008_connection_outcome'),
        ('people', '0005_merge_login_records_and_news_consent'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, recreate_triggers),
        migrations.CreateModel(
            name='SkippedDate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(verbose_name='datum')),
            ],
            options={
                'verbose_name': 'overgeslagen datum',
                'verbose_name_plural': 'overgeslagen datums',
                'ordering': ['date'],
            },
        ),
        migrations.AddField(
            model_name='activity',
            name='moved',
            field=models.BooleanField(default=False, verbose_name='apart aangepast'),
        ),
        migrations.AddField(
            model_name='activity',
            name='public',
            field=models.BooleanField(default=False, verbose_name='op de openbare agenda'),
        ),
        migrations.AddField(
            model_name='activity',
            name='series_date',
            field=models.DateField(blank=True, null=True, verbose_name='datum in de reeks'),
        ),
        migrations.CreateModel(
            name='ActivitySeries',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='wat gebeurt er?')),
                ('repeat', models.CharField(choices=[('week', 'elke week'), ('twee_weken', 'om de week'), ('maand', 'elke maand op dezelfde weekdag')], max_length=10, verbose_name='hoe vaak?')),
                ('starts_on', models.DateField(verbose_name='eerste keer')),
                ('nth', models.SmallIntegerField(blank=True, null=True, verbose_name='de hoeveelste weekdag van de maand')),
                ('ends_on', models.DateField(blank=True, null=True, verbose_name='tot en met')),
                ('count', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='aantal keer')),
                ('start_time', models.TimeField(verbose_name='begintijd')),
                ('end_time', models.TimeField(verbose_name='eindtijd')),
                ('public', models.BooleanField(default=False, verbose_name='op de openbare agenda')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ingevoerd op')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='versie')),
                ('collective', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='activity_series', to='communities.collective', verbose_name='collectief')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='ingevoerd door')),
                ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='activity_series', to='initiatives.initiative', verbose_name='initiatief')),
                ('place', models.ForeignKey(blank=True, limit_choices_to={'category': 'place'}, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='activity_series', to='assets.asset', verbose_name='plek')),
            ],
            options={
                'verbose_name': 'reeks activiteiten',
                'verbose_name_plural': 'reeksen activiteiten',
                'ordering': ['starts_on', 'start_time', 'id'],
            },
        ),
        migrations.AddField(
            model_name='activity',
            name='series',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='occurrences', to='initiatives.activityseries', verbose_name='reeks'),
        ),
        migrations.AddConstraint(
            model_name='activity',
            constraint=models.UniqueConstraint(condition=models.Q(('series__isnull', False)), fields=('series', 'series_date'), name='one_activity_per_series_date'),
        ),
        migrations.AddField(
            model_name='skippeddate',
            name='series',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='skipped_dates', to='initiatives.activityseries', verbose_name='reeks'),
        ),
        migrations.AddConstraint(
            model_name='activityseries',
            constraint=models.CheckConstraint(condition=models.Q(('end_time__gt', models.F('start_time'))), name='series_ends_after_start'),
        ),
        migrations.AddConstraint(
            model_name='activityseries',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('ends_on__isnull', False), ('count__isnull', True)), models.Q(('ends_on__isnull', True), ('count__isnull', False)), _connector='OR'), name='series_ends_by_date_or_count'),
        ),
        migrations.AddConstraint(
            model_name='skippeddate',
            constraint=models.UniqueConstraint(fields=('series', 'date'), name='one_skip_per_series_date'),
        ),
        migrations.RunPython(recreate_triggers, migrations.RunPython.noop),
    ]
