"""Kring's own settings (``KRING_*``): invitations, how long each kind of data is kept, the audit
log's anchors, the public site and its map, the newsletter, the academy, notices, sign-ups, the
contact form, news, municipality figures, geocoding and the API's rate."""

from pathlib import Path

from .env import VAR_DIR, env_bool, env_int, env_str

# How long an invitation link stays valid.
KRING_INVITATION_DAYS = env_int("KRING_INVITATION_DAYS", 14)

# Retention (manage.py apply_retention, daily): how many days each kind of data is kept.
# Residents: after their last conversation, change, consent or log-in; then erased.
KRING_RETENTION_RESIDENT_DAYS = env_int("KRING_RETENTION_RESIDENT_DAYS", 2 * 365)
# Withdrawn consents: kept as proof for this long after withdrawal, then deleted.
KRING_RETENTION_CONSENT_DAYS = env_int("KRING_RETENTION_CONSENT_DAYS", 2 * 365)
# Audit log entries.
KRING_RETENTION_AUDIT_DAYS = env_int("KRING_RETENTION_AUDIT_DAYS", 3 * 365)
# The audit log's chain heads are written outside the database (an append-only file in this
# folder, and a line in the log) every KRING_AUDIT_ANCHOR_MINUTES and with every backup, so
# that removed newest entries or an emptied log show (manage.py verify_audit_chain).
KRING_AUDIT_ANCHOR_DIR = Path(env_str("KRING_AUDIT_ANCHOR_DIR", str(VAR_DIR / "audit-anchors")))
KRING_AUDIT_ANCHOR_MINUTES = env_int("KRING_AUDIT_ANCHOR_MINUTES", 60)
# Invitations: after they expired, were revoked or accepted.
KRING_RETENTION_INVITATION_DAYS = env_int("KRING_RETENTION_INVITATION_DAYS", 90)
# Where people report accessibility problems (toegankelijkheidsverklaring).
KRING_ACCESSIBILITY_EMAIL = env_str("KRING_ACCESSIBILITY_EMAIL", "toegankelijkheid@localhost")

# The network's public site. Map tiles: PDOK's BRT-Achtergrondkaart by default (open data,
# attribution to Kadaster); empty for a map with markers only. Its host is allowed in img-src.
KRING_MAP_TILES_URL = env_str(
    "KRING_MAP_TILES_URL",
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)
_KADASTER_CREDIT = "Kaartgegevens © Kadaster"
KRING_MAP_TILES_ATTRIBUTION = env_str("KRING_MAP_TILES_ATTRIBUTION", _KADASTER_CREDIT)
# The credit in English (kring.core.languages.map_credit); for the default tiles it is filled in.
KRING_MAP_TILES_ATTRIBUTION_EN = env_str(
    "KRING_MAP_TILES_ATTRIBUTION_EN",
    "Map data © Kadaster" if KRING_MAP_TILES_ATTRIBUTION == _KADASTER_CREDIT else "",
)
KRING_NETWORK_NAME = env_str(
    "KRING_NETWORK_NAME", "Landelijk Samenwerkingsverband Actieve bewoners"
)
# Where people can write to subscribe when the sign-up form is switched off.
KRING_NETWORK_EMAIL = env_str("KRING_NETWORK_EMAIL", "nieuwsbrief@localhost")
KRING_NEWSLETTER_SIGNUP = env_bool("KRING_NEWSLETTER_SIGNUP", True)
KRING_NEWSLETTER_CONFIRM_DAYS = env_int("KRING_NEWSLETTER_CONFIRM_DAYS", 7)
# Throttling: mails per batch and the pause between batches, within a mail server's limits.
KRING_NEWSLETTER_BATCH_SIZE = env_int("KRING_NEWSLETTER_BATCH_SIZE", 50)
KRING_NEWSLETTER_BATCH_PAUSE_SECONDS = env_int("KRING_NEWSLETTER_BATCH_PAUSE_SECONDS", 2)
# The academy (kring.public): how often the worker looks for reminders that are due, and how
# long after a meeting its registrations keep names and addresses (then wiped by retention).
# The editors' mail to everyone registered is sent in batches like the newsletter.
KRING_ACADEMY_REMINDER_INTERVAL_MINUTES = env_int("KRING_ACADEMY_REMINDER_INTERVAL_MINUTES", 15)
KRING_RETENTION_REGISTRATION_DAYS = env_int("KRING_RETENTION_REGISTRATION_DAYS", 365)
# Notices of new asks to residents (kring.notices): at most this many neighbours are told of one
# ask (the best fitting gifts first); immediate notices go out every few minutes, digests at
# the hour given (local time; weekly ones on Monday).
KRING_NOTICES_PER_NEED = env_int("KRING_NOTICES_PER_NEED", 25)
KRING_NOTICES_INTERVAL_MINUTES = env_int("KRING_NOTICES_INTERVAL_MINUTES", 5)
KRING_NOTICES_DIGEST_HOUR = env_int("KRING_NOTICES_DIGEST_HOUR", 7)
# A collective's sign-up (kring.joining): the confirmation link's life, limits per hour per
# visitor's address and per e-mail address, and how long a declined or unconfirmed request
# keeps its contact person's name and address.
KRING_JOIN_CONFIRM_DAYS = env_int("KRING_JOIN_CONFIRM_DAYS", 7)
KRING_JOIN_REQUESTS_PER_HOUR = env_int("KRING_JOIN_REQUESTS_PER_HOUR", 5)
KRING_JOIN_REQUESTS_PER_ADDRESS = env_int("KRING_JOIN_REQUESTS_PER_ADDRESS", 3)
KRING_RETENTION_JOIN_REQUEST_DAYS = env_int("KRING_RETENTION_JOIN_REQUEST_DAYS", 90)
# The contact form on a member's public profile (kring.public): messages per hour per visitor's
# address and per sender's e-mail address, and the seconds before the same visitor or sender
# may write to the same collective again.
KRING_CONTACT_MESSAGES_PER_HOUR = env_int("KRING_CONTACT_MESSAGES_PER_HOUR", 10)
KRING_CONTACT_MESSAGES_PER_ADDRESS = env_int("KRING_CONTACT_MESSAGES_PER_ADDRESS", 5)
KRING_CONTACT_REPEAT_SECONDS = env_int("KRING_CONTACT_REPEAT_SECONDS", 120)
# Messages from a collective to its residents (kring.news): sent in batches like the newsletter.
KRING_NEWS_BATCH_SIZE = env_int("KRING_NEWS_BATCH_SIZE", 50)
KRING_NEWS_BATCH_PAUSE_SECONDS = env_int("KRING_NEWS_BATCH_PAUSE_SECONDS", 2)
# Municipality figures: a count below the threshold is shown as "<10"; shown counts are rounded.
KRING_SUPPRESSION_THRESHOLD = env_int("KRING_SUPPRESSION_THRESHOLD", 10)
KRING_SUPPRESSION_ROUNDING = env_int("KRING_SUPPRESSION_ROUNDING", 5)
KRING_MAX_PUBLICATION_BYTES = env_int("KRING_MAX_PUBLICATION_BYTES", 20 * 1024 * 1024)

# Geocoding typed addresses on the asset form: PDOK Locatieserver's free search, for example
# https://api.pdok.nl/bzk/locatieserver/search/v3_1/free ; empty (the default) switches it off.
KRING_GEOCODER_URL = env_str("KRING_GEOCODER_URL", "")

# REST API: requests per token per minute, counted per web process.
KRING_API_RATE = env_int("KRING_API_RATE", 120)
