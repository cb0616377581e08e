"""Finding a point for a typed address. The default geocoder is PDOK Locatieserver (the Dutch
government's free address service); it is used only when KRING_GEOCODER_URL is set. Tests put a
recording in its place with ``set_geocoder``."""

import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.conf import settings

logger = logging.getLogger(__name__)
_POINT = re.compile(r"POINT\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)")


@dataclass(frozen=True)
class Result:
    label: str
    latitude: float
    longitude: float


class Geocoder(ABC):
    """The interface: an address in, the best matches out (an empty list when nothing fits)."""

    @abstractmethod
    def geocode(self, address: str) -> list[Result]: ...


class NoGeocoder(Geocoder):
    """Used when no geocoder is configured: typing an address finds nothing."""

    def geocode(self, address: str) -> list[Result]:
        return []


class PdokGeocoder(Geocoder):
    """PDOK Locatieserver's free search (``…/search/v3_1/free``); answers in WGS84."""

    def __init__(self, url: str, *, timeout: float = 4.0, rows: int = 5):
        self.url = url
        self.timeout = timeout
        self.rows = rows

    def geocode(self, address: str) -> list[Result]:
        address = " ".join(address.split())[:200]
        if not address:
            return []
        query = urllib.parse.urlencode(
            {"q": address, "rows": self.rows, "fl": "weergavenaam,centroide_ll", "fq": "type:adres"}
        )
        try:
            with urllib.request.urlopen(f"{self.url}?{query}", timeout=self.timeout) as answer:
                data = json.load(answer)
        except (urllib.error.URLError, TimeoutError, ValueError, OSError) as error:
            logger.warning("geocoder did not answer: %s", error)
            return []
        return parse_pdok(data)


def parse_pdok(data: dict) -> list[Result]:
    results = []
    for doc in (data.get("response") or {}).get("docs") or []:
        match = _POINT.search(doc.get("centroide_ll") or "")
        if not match:
            continue
        lon, lat = float(match.group(1)), float(match.group(2))
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            results.append(Result(doc.get("weergavenaam", ""), lat, lon))
    return results


_override: Geocoder | None = None


def set_geocoder(geocoder: Geocoder | None) -> None:
    """Replace the configured geocoder (tests); None goes back to the configuration."""
    global _override
    _override = geocoder


def get_geocoder() -> Geocoder:
    if _override is not None:
        return _override
    url = getattr(settings, "KRING_GEOCODER_URL", "")
    return PdokGeocoder(url) if url else NoGeocoder()
