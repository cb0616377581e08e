"""The public sign-up of a collective and the editors' decision on it."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kring.core.decorators import network_editor_required
from kring.security.client_ip import client_ip

from . import services
from .forms import TERMS_TEXT, DeclineForm, JoinRequestForm
from .models import JoinRequest, RequestStatus


@require_http_methods(["GET", "POST"])
def join(request):
    if request.method == "GET":
        return render(request, "joining/join.html", {"form": JoinRequestForm()})
    form = JoinRequestForm(request.POST)
    if "show_buurten" in request.POST:
        # Only the gemeente changed: show its buurten, keep what was typed, no errors yet.
        form = JoinRequestForm(initial=request.POST.dict())
        return render(request, "joining/join.html", {"form": form})
    if form.is_spam:
        return redirect("joining:sent")
    if not form.is_valid():
        # Typing errors cost nothing: only a request that would be stored (and mailed) counts.
        return render(request, "joining/join.html", {"form": form}, status=400)
    if services.too_many(ip=client_ip(request), email=form.cleaned_data["contact_email"]):
        return render(request, "joining/too_many.html", {"title": _("Even wachten")}, status=429)
    services.submit_request(
        join_request=form.save(commit=False),
        working_area=form.cleaned_data["working_area"],
        terms_text=TERMS_TEXT,
    )
    return redirect("joining:sent")


def sent(request):
    return render(request, "joining/sent.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    # A mail scanner that opens the link only sees a button; confirming takes a click.
    if request.method == "GET":
        return render(request, "joining/confirm.html", {"token": token})
    try:
        join_request = services.confirm_request(token=token)
    except services.InvalidLink:
        return render(request, "joining/link_invalid.html", status=404)
    return render(request, "joining/confirmed.html", {"join_request": join_request})


@network_editor_required
def requests(request):
    waiting = JoinRequest.objects.filter(status=RequestStatus.WAITING).select_related(
        "municipality"
    )
    decided = JoinRequest.objects.filter(
        status__in=[RequestStatus.APPROVED, RequestStatus.DECLINED]
    ).select_related("municipality")[:50]
    return render(request, "joining/requests.html", {"waiting": waiting, "decided": decided})


@network_editor_required
@require_http_methods(["GET", "POST"])
def detail(request, pk: int):
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("municipality", "collective"),
        pk=pk,
        status__in=[RequestStatus.WAITING, RequestStatus.APPROVED, RequestStatus.DECLINED],
    )
    form = DeclineForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "approve":
                services.approve_request(editor=request.user, join_request=join_request)
                messages.success(
                    request,
                    _(
                        "Goedgekeurd. Het collectief is aangemaakt en de contactpersoon is uitgenodigd."
                    ),
                )
                return redirect("joining:requests")
            if request.POST.get("decision") == "decline" and form.is_valid():
                services.decline_request(
                    editor=request.user,
                    join_request=join_request,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("Afgewezen. De contactpersoon krijgt een mail."))
                return redirect("joining:requests")
        except services.NotDecidable:
            messages.error(request, _("Over deze aanmelding is al besloten."))
            return redirect("joining:detail", pk=join_request.pk)
        status = 400
    return render(
        request,
        "joining/detail.html",
        {
            "join_request": join_request,
            "buurten": join_request.working_area.order_by("name"),
            "form": form,
        },
        status=status,
    )


@network_editor_required
@require_POST
def erase_contact(request, pk: int):
    join_request = get_object_or_404(JoinRequest, pk=pk)
    services.erase_contact(editor=request.user, join_request=join_request)
    messages.success(request, _("De naam en het e-mailadres van de contactpersoon zijn gewist."))
    return redirect("joining:detail", pk=join_request.pk)
