"""What every change of the app checks first: the objects belong to the acting collective."""

from kring.communities.access import CollectiveAccess


def same_collective(access: CollectiveAccess, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.collective_id != access.collective.pk:
            raise ValueError(f"{obj._meta.label} {obj.pk} belongs to another collective")
