"""Assets: the six ABCD categories in one table, with history; written only through
``kring.assets.services``, which announce saved assets (``signals.assets_saved``).

Assets in one table

The six categories share one `Asset` table so that overview counts, lists, search and the map
read one place. Category-specific fields are empty for other categories;
`kring/assets/forms.py:CATEGORY_FIELDS` decides which fields a form shows, and check constraints
keep the rules that matter (a gift has a resident and a kind; coordinates come in pairs and in
range). django-simple-history keeps each asset's history with who changed it.
"""
