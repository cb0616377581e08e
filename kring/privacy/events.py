"""What privacy announces to apps above it. Those apps keep their own records about a resident
(for example who got which message); they listen here and remove or unlink them, so privacy
never imports them."""

from django.dispatch import Signal

# Sent inside the erasure's transaction, after the resident's own record was emptied; the
# receiver gets ``resident`` (its number still valid) and must not fail the erasure lightly.
resident_erased = Signal()

# Sent by apply_retention with ``dry_run``; each receiver removes (or, in a dry run, counts) its
# own old personal data and returns (what, how many, after how long) for the report.
retention_due = Signal()
