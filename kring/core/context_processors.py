def kring(request):
    """What every page needs: the collective being looked at, if any, and the user's role in it."""
    access = getattr(request, "access", None)
    return {"access": access, "collective": access.collective if access else None}
