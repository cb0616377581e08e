"""What every mail sent to many people carries: a one-click unsubscribe that mail programs
show as a button (RFC 2369 ``List-Unsubscribe`` and RFC 8058 ``List-Unsubscribe-Post``)."""


def unsubscribe_headers(url: str) -> dict[str, str]:
    """The headers for a mail whose recipient leaves with one POST to ``url``."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
