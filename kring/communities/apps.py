from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "kring.communities"
    verbose_name = _("Collectieven")

    def ready(self):
        from django.contrib.auth import get_user_model

        from .models import Collective, Membership

        # The header's places (kring.communities.places) change with a membership, a
        # collective's name, or the user's gemeente or editor role.
        post_save.connect(_membership_changed, sender=Membership, dispatch_uid="places-m-save")
        post_delete.connect(_membership_changed, sender=Membership, dispatch_uid="places-m-del")
        post_save.connect(_user_changed, sender=get_user_model(), dispatch_uid="places-u-save")
        post_save.connect(_collective_changed, sender=Collective, dispatch_uid="places-c-save")


def _membership_changed(sender, instance, raw=False, **kwargs):
    from .places import forget_places

    forget_places(instance.user_id)


def _user_changed(sender, instance, raw=False, **kwargs):
    from .places import forget_places

    forget_places(instance.pk)


def _collective_changed(sender, instance, raw=False, created=False, **kwargs):
    if created or raw:
        return
    from .places import forget_places

    for user_id in instance.memberships.values_list("user_id", flat=True):
        forget_places(user_id)
