from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import erasure


class SecurityConfig(AppConfig):
    name = "kring.security"
    verbose_name = _("Beveiliging")

    def ready(self):
        erasure.register("security-login-records", _forget_login_records, models=[])


def _forget_login_records(*, login, email, **kwargs):
    # A deleted log-in leaves no throttling records naming its address behind.
    # why: apps.py is imported before the models are loaded; the services read them.
    from .services import forget_login_records

    if login == "deleted" and email:
        forget_login_records(email=email)
