"""Placeholder e-mail addresses: the defaults that serve the demo (``kring@localhost``) and the
domains reserved for examples and tests (RFC 2606, RFC 6761). No mail to or from such an
address ever arrives, so production refuses them (``check --deploy``) and pages do not show
them."""

from email.utils import parseaddr

RESERVED_NAMES = {"localhost", "example", "test", "invalid", "local", "localdomain"}
EXAMPLE_DOMAINS = {"example.com", "example.net", "example.org"}


def domain_of(address: str) -> str:
    """The domain of ``address``, also in the form ``Name <user@domain>``; empty if none."""
    _name, mail = parseaddr(address or "")
    if "@" not in mail:
        return ""
    return mail.rsplit("@", 1)[1].strip().rstrip(".").lower()


def is_placeholder(address: str) -> bool:
    """True for an empty address, one without a domain, an address at localhost, at a bare
    host name or IP address, or at a domain reserved for examples and tests."""
    domain = domain_of(address)
    if not domain or "." not in domain:
        return True
    if domain.startswith("[") or domain.replace(".", "").isdigit():
        return True  # an IP address: no mail domain of an organisation
    if domain in EXAMPLE_DOMAINS or any(domain.endswith(f".{d}") for d in EXAMPLE_DOMAINS):
        return True
    return domain.rsplit(".", 1)[1] in RESERVED_NAMES
