"""What privacy announces to apps above it, so privacy never imports them. (An erasure asks
each app for its part through ``kring.core.erasure`` instead: that registry is checked by a
test for every model that points at a resident.)"""

from django.dispatch import Signal

# Sent by apply_retention with ``dry_run``; each receiver removes (or, in a dry run, counts) its
# own old personal data and returns (what, how many, after how long) for the report.
retention_due = Signal()
