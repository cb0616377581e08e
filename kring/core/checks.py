"""Checks that ``manage.py check --deploy`` runs: production must not send from, or show, an
address that no mail ever reaches."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from .mailaddress import is_placeholder

# Setting, what it is for (in the message), environment variable that sets it.
ADDRESSES = [
    (
        "DEFAULT_FROM_EMAIL",
        "the sender of every mail, newsletters included",
        "KRING_DEFAULT_FROM_EMAIL",
    ),
    ("SERVER_EMAIL", "the sender of error mails", "KRING_DEFAULT_FROM_EMAIL"),
    (
        "KRING_NETWORK_EMAIL",
        "the network's address shown on the public site",
        "KRING_NETWORK_EMAIL",
    ),
    (
        "KRING_ACCESSIBILITY_EMAIL",
        "the address in the accessibility statement",
        "KRING_ACCESSIBILITY_EMAIL",
    ),
]


@register(Tags.security, Tags.compatibility, deploy=True)
def check_mail_addresses(app_configs=None, **kwargs):
    errors = []
    for n, (name, purpose, variable) in enumerate(ADDRESSES, start=1):
        value = getattr(settings, name, "")
        if is_placeholder(value):
            errors.append(
                Error(
                    f"{name} is {value!r}: {purpose}. No mail reaches an address at localhost "
                    "or at a domain reserved for examples and tests.",
                    hint=f"Set {variable} to an address of the organisation running Kring.",
                    id=f"kring.E00{n}",
                )
            )
    return errors
