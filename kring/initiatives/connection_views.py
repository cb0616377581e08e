"""The connections log: who met whom, through what, and what came of it."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kring.communities import parts
from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.core import audit, versioning

from . import selectors, services
from .forms import (
    ConnectionFilterForm,
    ConnectionForm,
)
from .notes import introduction_text, send_links
from .view_helpers import PAGE_SIZE, confirm_page, form_page


@collective_view(role=Role.BUILDER)
def connection_index(request, access: CollectiveAccess):
    def context():
        filters = ConnectionFilterForm(request.GET or None, access=access)
        criteria = filters.cleaned_data if filters.is_valid() else {}
        connections = selectors.connection_log(
            access,
            kind=criteria.get("kind") or "",
            initiative=criteria.get("initiative"),
            resident=criteria.get("resident"),
            since=criteria.get("since"),
            until=criteria.get("until"),
        )
        outcomes = selectors.outcome_counts(connections)
        paginator = Paginator(selectors.log_rows(connections), PAGE_SIZE)
        paginator.count = outcomes["all"]  # counted with the outcomes: one query less
        page = paginator.get_page(request.GET.get("page"))
        return {"filters": filters, "page": page, "outcomes": outcomes}, not filters.errors

    # The log (or its results while filtering, htmx) kept while nothing it shows changes: the
    # connections, the residents' names, the titles of initiatives and needs (and the filter's
    # initiatives), who recorded them, and the titles of the assets they name (an asset added
    # is named only by a connection recorded after it: changed or deleted assets count).
    return parts.list_page(
        request,
        access,
        part="initiatives:connections",
        context=context,
        results="initiatives/_connections.html",
        whole="initiatives/_connections_body.html",
        page="initiatives/connections.html",
        shows=(
            versioning.COLLECTIVE,
            versioning.CONNECTIONS,
            versioning.PEOPLE,
            versioning.INITIATIVES,
            versioning.USERS,
            versioning.ASSETS_CHANGED,
        ),
    )


@collective_view(role=Role.BUILDER)
def connection_create(request, access: CollectiveAccess):
    form = ConnectionForm(request.POST or None, access=access)
    if request.method == "POST" and form.is_valid():
        services.record_connection(access=access, connection=form.save(commit=False))
        messages.success(request, _("De verbinding is vastgelegd."))
        return redirect("initiatives:connections", access.collective.slug)
    return form_page(
        request,
        form,
        title=_("Verbinding vastleggen"),
        back_url=reverse("initiatives:connections", args=[access.collective.slug]),
        back_label=_("Verbindingen"),
        submit=_("Vastleggen"),
    )


@collective_view(role=Role.BUILDER)
def connection_view(request, access: CollectiveAccess, pk: int):
    connection = selectors.connection_detail(access, pk)
    if connection.other_resident_id:
        audit.record(
            access=access,
            action=audit.Action.VIEW,
            target=connection,
            summary=f"connection of resident {connection.other_resident_id}",
        )
    text = introduction_text(connection, sender=request.user)
    return render(
        request,
        "initiatives/connection.html",
        {"connection": connection, "text": text, "links": send_links(connection, text)},
    )


@collective_view(role=Role.BUILDER)
def connection_delete(request, access: CollectiveAccess, pk: int):
    connection = selectors.connection_detail(access, pk)
    if request.method == "POST":
        services.delete_connection(access=access, connection=connection)
        messages.success(request, _("De verbinding is verwijderd."))
        return redirect("initiatives:connections", access.collective.slug)
    return confirm_page(request, str(connection), connection.get_absolute_url())
