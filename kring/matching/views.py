from django.shortcuts import render

from kring.communities.access import CollectiveAccess, collective_view

from .forms import SearchForm
from .selectors import search

LIMIT = 20


@collective_view()
def search_view(request, access: CollectiveAccess):
    form = SearchForm(request.GET or None)
    matches = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        category = form.cleaned_data["category"]
        matches = search(
            collective=access.collective,
            text=form.cleaned_data["q"],
            limit=LIMIT,
            viewer_access=access,
            categories=[category] if category else None,
        )
    status = 400 if form.errors else 200
    return render(
        request, "matching/search.html", {"form": form, "matches": matches}, status=status
    )
