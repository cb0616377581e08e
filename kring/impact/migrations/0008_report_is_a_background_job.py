"""The report for the council builds on the shared background job: its status list, and
``created_by`` for who asked."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0007_edit_versions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The same column under the name every background job uses: who asked keeps asking.
        migrations.RenameField(
            model_name="impactreport",
            old_name="requested_by",
            new_name="created_by",
        ),
        migrations.AlterField(
            model_name="impactreport",
            name="created_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="gestart door",
            ),
        ),
        migrations.AlterField(
            model_name="impactreport",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="gestart op"),
        ),
        # The stored values stay as they are: "wacht", "bezig", "klaar" and "mislukt" were already
        # those of the shared list, which only adds "fouten" and other wording.
        migrations.AlterField(
            model_name="impactreport",
            name="status",
            field=models.CharField(
                choices=[
                    ("wacht", "wacht op zijn beurt"),
                    ("bezig", "bezig"),
                    ("klaar", "klaar"),
                    ("fouten", "niet opgeslagen: er zijn fouten"),
                    ("mislukt", "mislukt"),
                ],
                default="wacht",
                max_length=10,
                verbose_name="status",
            ),
        ),
    ]
