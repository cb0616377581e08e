"""Open data of a collective's public assets: GeoJSON (RFC 7946) and Open Referral HSDS 3.0.

Only assets the collective marked "openbaar" go in (see selectors.public_assets): never a gift,
never a resident. Identifiers are UUIDs derived from the installation's address and the asset's
number, so the same asset keeps the same identifier in every export."""

import re
import uuid

from django.conf import settings
from django.utils import timezone

from kring.assets.models import Category

HSDS_VERSION = "3.0"
# The Dutch postcode: four digits (not starting with 0) and two letters.
POSTCODE = re.compile(r"\b([1-9]\d{3})\s?([A-Za-z]{2})\b")
EMAIL = re.compile(r"[^@\s,;]+@[^@\s,;]+\.[a-zA-Z]{2,}")
PHONE = re.compile(r"(?:\+31|0)[\d \-]{8,13}\d")


def _uuid(kind: str, pk) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/kring/{kind}/{pk}"))


def _point(asset):
    if asset.latitude is None or asset.longitude is None:
        return None
    # RFC 7946: longitude first, WGS84, at most about 10 cm of precision.
    return {"type": "Point", "coordinates": [round(asset.longitude, 6), round(asset.latitude, 6)]}


def geojson(collective, assets) -> dict:
    features = []
    for asset in assets:
        features.append(
            {
                "type": "Feature",
                "id": _uuid("asset", asset.pk),
                "geometry": _point(asset),
                "properties": {
                    "categorie": asset.category,
                    "soort": str(asset.get_category_display()),
                    "naam": asset.title,
                    "toelichting": asset.description,
                    "adres": asset.address,
                    "website": asset.website,
                    "contact": asset.contact,
                    "openingstijden": asset.opening_hours,
                    "toegankelijkheid": asset.accessibility,
                    "buurt": asset.neighbourhood.name if asset.neighbourhood_id else "",
                    "buurtcode": asset.neighbourhood.code if asset.neighbourhood_id else "",
                    "labels": [t.name for t in asset.tags.all()],
                    "collectief": collective.name,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _address(asset, collective, location_id: str) -> list[dict]:
    if not asset.address.strip():
        return []
    text = asset.address.strip()
    match = POSTCODE.search(text)
    postcode = f"{match.group(1)} {match.group(2).upper()}" if match else ""
    street = text[: match.start()].strip(" ,") if match else text.split(",")[0].strip()
    after = text[match.end() :].strip(" ,") if match else ""
    city = after or collective.public_place or collective.municipality.name
    return [
        {
            "id": _uuid("address", asset.pk),
            "location_id": location_id,
            "address_1": street or text,
            "city": city,
            "state_province": collective.get_public_province_display() or "",
            "postal_code": postcode,
            "country": "NL",
            "address_type": "physical",
        }
    ]


def _phones(asset, **owner) -> list[dict]:
    match = PHONE.search(asset.contact or "")
    if not match:
        return []
    return [{"id": _uuid(f"phone-{next(iter(owner))}", asset.pk), **owner, "number": match.group()}]


def _email(asset) -> str:
    match = EMAIL.search(asset.contact or "")
    return match.group() if match else ""


def _location(asset, collective, *, organization_id: str | None = None) -> dict:
    location_id = _uuid("location", asset.pk)
    location = {
        "id": location_id,
        "location_type": "physical",
        "name": asset.title,
        "description": asset.description,
        "addresses": _address(asset, collective, location_id),
    }
    if organization_id:
        location["organization_id"] = organization_id
    if asset.latitude is not None and asset.longitude is not None:
        location["latitude"] = asset.latitude
        location["longitude"] = asset.longitude
    if asset.neighbourhood_id:
        location["external_identifier"] = asset.neighbourhood.code
        location["external_identifier_type"] = "CBS-buurtcode"
    if asset.category == Category.PLACE:
        if asset.website:
            location["url"] = asset.website
        location["phones"] = _phones(asset, location_id=location_id)
        if asset.opening_hours:
            location["schedules"] = [
                {
                    "id": _uuid("schedule", asset.pk),
                    "location_id": location_id,
                    "description": asset.opening_hours,
                }
            ]
        if asset.accessibility:
            location["accessibility"] = [
                {
                    "id": _uuid("accessibility", asset.pk),
                    "location_id": location_id,
                    "description": asset.accessibility,
                }
            ]
    return location


def _has_place(asset) -> bool:
    return bool(asset.address.strip()) or asset.latitude is not None


def hsds(collective, assets) -> dict:
    """Institutions and associations become an organization with one service (what they do)
    and, when they have an address or a point, a location; places become locations."""
    organizations, services, locations = [], [], []
    for asset in assets:
        if asset.category == Category.PLACE:
            locations.append(_location(asset, collective))
            continue
        organization_id = _uuid("organization", asset.pk)
        service_id = _uuid("service", asset.pk)
        location = _location(asset, collective, organization_id=organization_id)
        organization = {
            "id": organization_id,
            "name": asset.title,
            "description": asset.description,
            "phones": _phones(asset, organization_id=organization_id),
        }
        if asset.website:
            organization["website"] = asset.website
        if _email(asset):
            organization["email"] = _email(asset)
        service = {
            "id": service_id,
            "organization_id": organization_id,
            "name": asset.title,
            "description": asset.description,
            "status": "active",
            "last_modified": asset.updated_at.isoformat(),
        }
        if asset.website:
            service["url"] = asset.website
        if _email(asset):
            service["email"] = _email(asset)
        if _has_place(asset):
            organization["locations"] = [location]
            service["service_at_locations"] = [
                {
                    "id": _uuid("service_at_location", asset.pk),
                    "service_id": service_id,
                    "location_id": location["id"],
                }
            ]
            locations.append(location)
        organizations.append(organization)
        services.append(service)
    return {
        "hsds_version": HSDS_VERSION,
        "publisher": collective.name,
        "created": timezone.now().isoformat(),
        "organizations": organizations,
        "services": services,
        "locations": locations,
    }
