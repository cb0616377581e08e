"""Every state change of the public site, one module per part: member profiles
(``profiles``), news and publications (``content``), the Buurtmakers Academie (``academy``) and
the newsletter (``newsletter``). Keyword-only arguments, one transaction each; what touches
someone's e-mail address writes the audit log."""


class InvalidLink(Exception):
    """A link from a mail that is unknown, changed or expired."""
