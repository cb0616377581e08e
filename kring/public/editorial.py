"""Pages for the network's editors (User.is_network_editor): news, publications, academy
meetings, plaatjes and the newsletter. Everyone else gets 403."""

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST

from kring.core import bulkmail
from kring.core.bulkmail import DeliveryStatus
from kring.core.decorators import network_editor_required
from kring.core.locking import EditConflict, save_or_conflict

from . import mail as public_mail
from .forms import (
    ArticleForm,
    EditorImageForm,
    MeetingForm,
    NewsletterForm,
    NewsletterSendForm,
    PictureForm,
    PublicationForm,
)
from .models import (
    Article,
    EditorImage,
    Meeting,
    Newsletter,
    NewsletterStatus,
    Picture,
    Publication,
    RegistrationStatus,
    Subscriber,
    SubscriberStatus,
)
from .services import newsletter as newsletter_service
from .services.academy import save_meeting
from .services.content import (
    delete_public_item,
    save_article,
    save_editor_image,
    save_picture,
    save_publication,
)


@network_editor_required
def index(request):
    return render(
        request,
        "public/editorial/index.html",
        {
            "articles": Article.objects.all()[:30],
            "publications": Publication.objects.all()[:30],
            "meetings": Meeting.objects.annotate(
                taken=Count(
                    "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
                ),
                waiting=Count(
                    "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
                ),
            ).order_by("-starts_at")[:30],
            "pictures": Picture.objects.all()[:30],
            "newsletters": Newsletter.objects.all()[:30],
            "subscribers": Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).count(),
        },
    )


@network_editor_required
def image_upload(request):
    """Pictures for rich text. The editor's picture button posts here with fetch and gets JSON
    back; without JavaScript this is a page with an upload form and the recent pictures, each
    with the HTML to paste in a text."""
    wants_json = "application/json" in request.headers.get("Accept", "")
    form = EditorImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            image = save_editor_image(editor=request.user, upload=form.cleaned_data["image"])
            if wants_json:
                return JsonResponse({"url": image.image.url}, status=201)
            messages.success(request, _("De afbeelding is toegevoegd."))
            return redirect("editorial:image_upload")
        if wants_json:
            errors = [str(e) for e in form.errors.get("image", [])] or [_("Kies een afbeelding.")]
            return JsonResponse({"error": errors[0]}, status=400)
    return render(
        request,
        "public/editorial/images.html",
        {"form": form, "images": EditorImage.objects.all()[:30]},
        status=400 if form.errors else 200,
    )


DELETABLE = {
    "article": (Article, gettext_lazy("Nieuwsbericht verwijderen")),
    "publication": (Publication, gettext_lazy("Publicatie verwijderen")),
    "meeting": (Meeting, gettext_lazy("Bijeenkomst verwijderen")),
}


@network_editor_required
def delete(request, kind: str, pk: int):
    """A confirmation page that says what goes (files, registrations); POST deletes."""
    model, title = DELETABLE[kind]
    item = get_object_or_404(model, pk=pk)
    if request.method == "POST":
        result = delete_public_item(editor=request.user, item=item)
        messages.success(
            request,
            _("'%(title)s' is verwijderd.") % {"title": item.title}
            + (
                " "
                + _("Ook %(count)s aanmeldingen zijn verwijderd.")
                % {"count": result["registrations"]}
                if result["registrations"]
                else ""
            ),
        )
        return redirect("editorial:index")
    return render(
        request,
        "public/editorial/delete.html",
        {
            "item": item,
            "kind": kind,
            "title": title,
            "registrations": item.registrations.count() if kind == "meeting" else 0,
            "linked_articles": item.articles.count() if kind == "publication" else 0,
        },
    )


def _edit(request, *, form_class, instance, title, save, multipart=False, saved_url=None):
    form = form_class(request.POST or None, request.FILES or None, instance=instance)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = save_or_conflict(form, lambda: save(form))
        if saved is not None:
            messages.success(request, _("Opgeslagen."))
            return redirect(saved_url(saved) if saved_url else "editorial:index")
    return render(
        request,
        "public/editorial/form.html",
        {
            "form": form,
            "title": title,
            "multipart": multipart,
            "instance": instance,
            "kind": instance._meta.model_name if instance is not None else "",
            "conflict": conflict,
        },
        status=400 if request.method == "POST" else 200,
    )


@network_editor_required
def article_edit(request, pk: int | None = None):
    instance = get_object_or_404(Article, pk=pk) if pk else None

    def save(form):
        return save_article(
            editor=request.user,
            article=form.save(commit=False),
            theme_names=form.cleaned_data["theme_names"],
            collectives=form.cleaned_data["collectives"],
            publications=form.cleaned_data["publications"],
            expected_version=form.expected_version,
        )

    title = gettext_lazy("Nieuwsbericht bewerken") if pk else gettext_lazy("Nieuw bericht")
    return _edit(
        request, form_class=ArticleForm, instance=instance, title=title, save=save, multipart=True
    )


@network_editor_required
def publication_edit(request, pk: int | None = None):
    instance = get_object_or_404(Publication, pk=pk) if pk else None

    def save(form):
        return save_publication(
            editor=request.user,
            publication=form.save(commit=False),
            theme_names=form.cleaned_data["theme_names"],
            expected_version=form.expected_version,
        )

    title = gettext_lazy("Publicatie bewerken") if pk else gettext_lazy("Nieuwe publicatie")
    return _edit(
        request,
        form_class=PublicationForm,
        instance=instance,
        title=title,
        save=save,
        multipart=True,
    )


@network_editor_required
def meeting_edit(request, pk: int | None = None):
    instance = get_object_or_404(Meeting, pk=pk) if pk else None

    def save(form):
        return save_meeting(
            editor=request.user,
            meeting=form.save(commit=False),
            expected_version=form.expected_version,
        )

    title = gettext_lazy("Bijeenkomst bewerken") if pk else gettext_lazy("Nieuwe bijeenkomst")
    return _edit(request, form_class=MeetingForm, instance=instance, title=title, save=save)


@network_editor_required
def picture_edit(request, pk: int | None = None):
    instance = get_object_or_404(Picture, pk=pk) if pk else None

    def save(form):
        return save_picture(
            editor=request.user,
            picture=form.save(commit=False),
            theme_names=form.cleaned_data["theme_names"],
            expected_version=form.expected_version,
        )

    title = gettext_lazy("Plaatje bewerken") if pk else gettext_lazy("Nieuw plaatje")
    return _edit(
        request, form_class=PictureForm, instance=instance, title=title, save=save, multipart=True
    )


def _newsletter(pk: int) -> Newsletter:
    return get_object_or_404(Newsletter, pk=pk)


@network_editor_required
def newsletter_edit(request, pk: int | None = None):
    instance = _newsletter(pk) if pk else None
    if instance is not None and instance.status != NewsletterStatus.DRAFT:
        return redirect("editorial:newsletter_report", pk=instance.pk)

    def save(form):
        try:
            return newsletter_service.save_newsletter(
                editor=request.user,
                newsletter=form.save(commit=False),
                expected_version=form.expected_version,
            )
        except newsletter_service.NotDraft:
            # Scheduled or sent by someone else while this form was open: shown as a conflict.
            raise EditConflict(Newsletter.objects.get(pk=instance.pk)) from None

    title = gettext_lazy("Nieuwsbrief bewerken") if pk else gettext_lazy("Nieuwe nieuwsbrief")
    return _edit(
        request,
        form_class=NewsletterForm,
        instance=instance,
        title=title,
        save=save,
        saved_url=lambda saved: reverse("editorial:newsletter_preview", args=[saved.pk]),
    )


@network_editor_required
def newsletter_preview(request, pk: int):
    """The issue as the mail will look: the HTML version (in a frame, as a mail program shows
    it) and the text version, with the test mail and the way on to sending."""
    newsletter = _newsletter(pk)
    parts = public_mail.newsletter_parts(newsletter, unsubscribe="")
    return render(
        request,
        "public/editorial/newsletter_preview.html",
        {
            "newsletter": newsletter,
            "parts": parts,
            "from_email": settings.DEFAULT_FROM_EMAIL,
            "confirmed": newsletter_service.confirmed_subscribers().count(),
            "is_draft": newsletter.status == NewsletterStatus.DRAFT,
        },
    )


# The mail's own HTML, shown in the preview's frame: its inline styles are the mail's (mail
# programs need them), nothing in it may run, and only the preview page may frame it.
@network_editor_required
@xframe_options_sameorigin
@csp_replace(
    {
        "style-src": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", settings.SITE_URL],
        "script-src": ["'none'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'none'"],
    }
)
def newsletter_preview_mail(request, pk: int):
    newsletter = _newsletter(pk)
    parts = public_mail.newsletter_parts(newsletter, unsubscribe="")
    return HttpResponse(parts["html"], content_type="text/html; charset=utf-8")


@require_POST
@network_editor_required
def newsletter_test(request, pk: int):
    newsletter = _newsletter(pk)
    if not request.user.email:
        messages.error(request, _("Uw inlog heeft geen e-mailadres. Een proefmail kan niet."))
    else:
        address = newsletter_service.send_test(editor=request.user, newsletter=newsletter)
        messages.success(
            request,
            _("De proefmail is verstuurd naar %(address)s. Het onderwerp begint met [Proef].")
            % {"address": address},
        )
    return redirect("editorial:newsletter_preview", pk=newsletter.pk)


def _shown_version(request, newsletter: Newsletter) -> int:
    """The version the editor saw in the preview (its link carries it), else the current."""
    try:
        return int(request.GET.get("versie", ""))
    except ValueError:
        return newsletter.version


@network_editor_required
@require_http_methods(["GET", "POST"])
def newsletter_send(request, pk: int):
    """The confirmation: how many confirmed subscribers will get it, now or at a chosen time.
    The services refuse an issue that is not a draft, or that changed since the preview."""
    newsletter = _newsletter(pk)
    if newsletter.status != NewsletterStatus.DRAFT:
        messages.info(request, _("Deze nieuwsbrief is al ingepland of verstuurd."))
        return redirect("editorial:newsletter_report", pk=newsletter.pk)
    can_schedule = newsletter_service.can_schedule()
    form = NewsletterSendForm(
        request.POST or None,
        can_schedule=can_schedule,
        initial={"version": _shown_version(request, newsletter)},
    )
    confirmed = newsletter_service.confirmed_subscribers().count()
    if request.method == "POST" and form.is_valid():
        try:
            if can_schedule and form.later:
                newsletter_service.schedule_sending(
                    editor=request.user,
                    newsletter=newsletter,
                    when=form.cleaned_data["send_at"],
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(
                    request,
                    _(
                        "De nieuwsbrief is ingepland. U kunt dit nog annuleren tot het versturen begint."
                    ),
                )
            else:
                count = newsletter_service.start_sending(
                    editor=request.user,
                    newsletter=newsletter,
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(
                    request,
                    ngettext(
                        "De nieuwsbrief gaat naar %(count)s abonnee. Hieronder ziet u hoe het gaat.",
                        "De nieuwsbrief gaat naar %(count)s abonnees. Hieronder ziet u hoe het gaat.",
                        count,
                    )
                    % {"count": count},
                )
            return redirect("editorial:newsletter_report", pk=newsletter.pk)
        except EditConflict:
            form.add_error(
                None,
                _(
                    "Iemand heeft de nieuwsbrief aangepast nadat u het voorbeeld zag. Bekijk het "
                    "voorbeeld opnieuw voordat u verstuurt."
                ),
            )
        except newsletter_service.NotDraft:
            messages.info(request, _("Deze nieuwsbrief is al ingepland of verstuurd."))
            return redirect("editorial:newsletter_report", pk=newsletter.pk)
        except newsletter_service.NothingToSend:
            form.add_error(None, _("Er zijn nog geen bevestigde abonnees. Versturen kan nog niet."))
        except newsletter_service.NotInFuture:
            form.add_error("send_at", _("Kies een dag en tijd in de toekomst."))
        except newsletter_service.CannotSchedule:
            form.add_error(None, _("Inplannen kan hier niet. Verstuur de nieuwsbrief nu."))
    return render(
        request,
        "public/editorial/newsletter_send.html",
        {"newsletter": newsletter, "form": form, "confirmed": confirmed},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@network_editor_required
def newsletter_cancel(request, pk: int):
    newsletter = _newsletter(pk)
    if newsletter_service.cancel_schedule(editor=request.user, newsletter=newsletter):
        messages.success(
            request, _("Het inplannen is geannuleerd. De nieuwsbrief is weer een concept.")
        )
        return redirect("editorial:newsletter_preview", pk=newsletter.pk)
    messages.info(request, _("Annuleren kan niet meer: het versturen is al begonnen."))
    return redirect("editorial:newsletter_report", pk=newsletter.pk)


@network_editor_required
def newsletter_report(request, pk: int):
    newsletter = _newsletter(pk)
    return render(
        request,
        "public/editorial/report.html",
        {
            "newsletter": newsletter,
            "counts": bulkmail.report(newsletter.deliveries.all()),
            "problems": newsletter.deliveries.filter(
                status__in=[DeliveryStatus.FAILED, DeliveryStatus.SKIPPED]
            )
            .select_related("subscriber")
            .order_by("pk")[:100],
            "confirmed": newsletter_service.confirmed_subscribers().count(),
        },
    )
