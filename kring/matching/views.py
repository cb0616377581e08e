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
    # The results that rest only on a loose link (Match.sure) are shown apart, below the
    # others: their scores do not tell them from the good ones, so the list is not cut off.
    sure = [m for m in matches if m.sure] if matches else []
    loose = [m for m in matches if not m.sure] if matches else []
    status = 400 if form.errors else 200
    return render(
        request,
        "matching/search.html",
        {"form": form, "matches": matches, "sure_matches": sure, "loose_matches": loose},
        status=status,
    )
