"""What kring.assets announces, for apps on higher floors to react to without this app knowing
them (the search index of kring.matching listens; see docs/architecture.md, "Events and
registries")."""

from django.dispatch import Signal

# Sent by the asset services after assets were created or changed, inside their transaction,
# with ``asset_ids``: the assets whose text, place or visibility may differ now. (The map's
# cells follow every save and delete through Django's own model signals.)
assets_saved = Signal()
