"""Messages from the collective: write, preview, test mail, confirm, report; the paper copies
for residents without an e-mail address; the one-click unsubscribe link."""

from django.contrib import messages as flash
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.core.locking import save_or_conflict

from . import mail, selectors, services
from .forms import MessageForm
from .models import Message, MessageStatus


def _message(access: CollectiveAccess, pk: int) -> Message:
    try:
        return selectors.message(access, pk)
    except Message.DoesNotExist:
        raise Http404 from None


@collective_view(role=Role.BUILDER)
def index(request, access: CollectiveAccess):
    return render(request, "news/index.html", {"items": selectors.messages(access)[:100]})


@collective_view(role=Role.BUILDER)
@require_http_methods(["GET", "POST"])
def edit(request, access: CollectiveAccess, pk: int | None = None):
    message = _message(access, pk) if pk else Message(collective=access.collective)
    if message.status != MessageStatus.DRAFT:
        return redirect("news:report", access.collective.slug, message.pk)
    form = MessageForm(
        request.POST or None,
        instance=message,
        neighbourhoods=access.collective.working_area.order_by("name"),
        tags=selectors.tag_choices(access),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = save_or_conflict(
            form,
            lambda: services.save_message(
                access=access,
                message=form.save(commit=False),
                neighbourhoods=form.cleaned_data["neighbourhoods"],
                tags=form.cleaned_data["tags"],
                expected_version=form.expected_version,
            ),
        )
        if saved is not None:
            return redirect("news:preview", access.collective.slug, saved.pk)
    return render(
        request,
        "news/edit.html",
        {"form": form, "message": message, "conflict": conflict},
        status=400 if request.method == "POST" else 200,
    )


@collective_view(role=Role.BUILDER)
def preview(request, access: CollectiveAccess, pk: int):
    message = _message(access, pk)
    found = selectors.recipients(access, message)
    context = mail.context_for(message, name=_("(naam van de ontvanger)"), unsubscribe="#afmelden")
    return render(
        request,
        "news/preview.html",
        {
            "message": message,
            "subject": mail.subject_for(message),
            "mail": context,
            "found": found,
            "is_draft": message.status == MessageStatus.DRAFT,
        },
    )


@require_POST
@collective_view(role=Role.BUILDER)
def test_mail(request, access: CollectiveAccess, pk: int):
    message = _message(access, pk)
    if not request.user.email:
        flash.error(request, _("Uw inlog heeft geen e-mailadres. Een proefmail kan niet."))
    else:
        address = services.send_test(access=access, message=message)
        flash.success(
            request, _("De proefmail is verstuurd naar %(address)s.") % {"address": address}
        )
    return redirect("news:preview", access.collective.slug, message.pk)


@collective_view(role=Role.BUILDER)
@require_http_methods(["GET", "POST"])
def send(request, access: CollectiveAccess, pk: int):
    message = _message(access, pk)
    if message.status != MessageStatus.DRAFT:
        return redirect("news:report", access.collective.slug, message.pk)
    found = selectors.recipients(access, message)
    if request.method == "POST":
        if found.by_mail == 0:
            flash.error(request, _("Er is niemand om dit bericht per e-mail naar te sturen."))
            return redirect("news:preview", access.collective.slug, message.pk)
        count = services.start_sending(access=access, message=message)
        flash.success(
            request,
            _("Het bericht gaat nu naar %(count)s mensen. Dit overzicht laat zien hoe het gaat.")
            % {"count": count},
        )
        return redirect("news:report", access.collective.slug, message.pk)
    return render(request, "news/send.html", {"message": message, "found": found})


@collective_view(role=Role.BUILDER)
def report(request, access: CollectiveAccess, pk: int):
    message = _message(access, pk)
    found = selectors.recipients(access, message)
    return render(
        request,
        "news/report.html",
        {
            "message": message,
            "counts": selectors.report(message),
            "rows": selectors.delivery_rows(message),
            "on_paper": found.on_paper,
        },
    )


@collective_view(role=Role.BUILDER)
def paper_pdf(request, access: CollectiveAccess, pk: int):
    """One page per resident without an e-mail address, to print and bring round."""
    from weasyprint import HTML

    message = _message(access, pk)
    on_paper = selectors.recipients(access, message).on_paper
    pages = [
        mail.context_for(message, name=resident.name, unsubscribe="") | {"resident": resident}
        for resident in on_paper
    ]
    html = render_to_string(
        "news/paper.html",
        {"message": message, "pages": pages, "printed_on": timezone.localdate()},
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bericht-{message.pk}-op-papier.pdf"'
    return response


@collective_view(role=Role.BUILDER)
def door_list(request, access: CollectiveAccess, pk: int):
    message = _message(access, pk)
    on_paper = selectors.recipients(access, message).on_paper
    return render(request, "news/doors.html", {"message": message, "on_paper": on_paper})


@csrf_exempt  # RFC 8058: the mail program posts without a form of ours
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET shows a button (a link checker must not unsubscribe anyone); POST unsubscribes,
    from that button or from the mail program's one-click header."""
    try:
        services.read_unsubscribe(token)
    except services.InvalidLink:
        return render(request, "news/link_invalid.html", status=404)
    if request.method == "GET":
        return render(request, "news/unsubscribe.html")
    try:
        name = services.unsubscribe(token=token)
    except services.InvalidLink:
        return render(request, "news/link_invalid.html", status=404)
    return render(request, "news/unsubscribed.html", {"collective_name": name})
