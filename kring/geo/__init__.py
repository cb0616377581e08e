"""Gemeente, wijk and buurt with their CBS codes and boundaries (GeoJSON, point-in-polygon with
shapely), the CBS region import (``cbs.py`` reads, ``shapes.py`` prepares boundaries,
``services.import_regions`` writes; the admin's upload runs in the background) and the
geocoder interface (``geocoding.py``: PDOK's locatieserver or none, chosen by a setting; tests
set their own with ``set_geocoder``). It imports only ``kring.core``."""
