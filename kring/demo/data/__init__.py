"""What the demo is made of: three made-up collectives in the made-up gemeente Kringstad.

Everything here is fiction. The collectives are modelled on the kinds of members the national
network has (a coöperatie in a city district, a dorpshuis run by residents, a wijkcentrum that
residents bought), but every name, address and number is invented. This is content for the
database, in Dutch like all content, not interface text: it is not translated.

``people`` holds the log-ins, names and gifts; each collective has its own module. Import from
here.
"""

from .fort_oudwijk import FORT_OUDWIJK
from .havenkwartier import HAVENKWARTIER
from .lindenhof import LINDENHOF
from .people import (
    DUTCH_LAST_NAMES,
    GIFTS,
    LANGUAGE_GIFT,
    LOGINS,
    NAMES_BY_LANGUAGE,
    PASSWORD,
)

__all__ = [
    "COLLECTIVES",
    "DUTCH_LAST_NAMES",
    "GIFTS",
    "LANGUAGE_GIFT",
    "LOGINS",
    "NAMES_BY_LANGUAGE",
    "PASSWORD",
]

# One module per collective (who it is and what its neighbourhood has), in the order the demo
# builds them.
COLLECTIVES = [HAVENKWARTIER, FORT_OUDWIJK, LINDENHOF]
