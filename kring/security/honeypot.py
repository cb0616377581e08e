"""A field people never see on public forms (a collective's sign-up, the contact form of a
member's profile): robots fill in every field, so a filled one marks the request as a robot's.
The page answers as if all went well and nothing is stored or sent. The field is in
``security/_honeypot.html``; its name looks worth filling in to a robot."""

FIELD = "website"


def filled(data) -> bool:
    """True when the hidden field came back filled in: a robot, not a person."""
    return bool((data or {}).get(FIELD))
