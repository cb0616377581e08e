"""Pages for the network's editors (User.is_network_editor): news, publications, academy
meetings, plaatjes and the newsletter. Everyone else gets 403."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kring.core.locking import save_or_conflict

from .forms import (
    ArticleForm,
    EditorImageForm,
    MeetingForm,
    NewsletterForm,
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
from .services.academy import save_meeting
from .services.content import (
    delete_public_item,
    save_article,
    save_editor_image,
    save_picture,
    save_publication,
)
from .services.newsletter import save_newsletter, start_sending


def network_editor_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_network_editor:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


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


def _edit(request, *, form_class, instance, title, save, multipart=False):
    form = form_class(request.POST or None, request.FILES or None, instance=instance)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = save_or_conflict(form, lambda: save(form))
        if saved is not None:
            messages.success(request, _("Opgeslagen."))
            return redirect("editorial:index")
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


@network_editor_required
def newsletter_edit(request, pk: int | None = None):
    instance = get_object_or_404(Newsletter, pk=pk) if pk else None
    if instance is not None and instance.status != NewsletterStatus.DRAFT:
        return redirect("editorial:newsletter_report", pk=instance.pk)

    def save(form):
        return save_newsletter(
            editor=request.user,
            newsletter=form.save(commit=False),
            expected_version=form.expected_version,
        )

    title = gettext_lazy("Nieuwsbrief bewerken") if pk else gettext_lazy("Nieuwe nieuwsbrief")
    return _edit(request, form_class=NewsletterForm, instance=instance, title=title, save=save)


@require_POST
@network_editor_required
def newsletter_send(request, pk: int):
    newsletter = get_object_or_404(Newsletter, pk=pk)
    count = start_sending(editor=request.user, newsletter=newsletter)
    if count:
        messages.success(
            request,
            _("De nieuwsbrief gaat naar %(count)s abonnees. Hieronder ziet u hoe het gaat.")
            % {"count": count},
        )
    else:
        messages.info(request, _("Deze nieuwsbrief is al verstuurd of er zijn geen abonnees."))
    return redirect("editorial:newsletter_report", pk=newsletter.pk)


@network_editor_required
def newsletter_report(request, pk: int):
    newsletter = get_object_or_404(Newsletter, pk=pk)
    deliveries = newsletter.deliveries.aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        failed=Count("pk", filter=~Q(error="")),
    )
    return render(
        request,
        "public/editorial/report.html",
        {
            "newsletter": newsletter,
            "counts": deliveries,
            "waiting": deliveries["total"] - deliveries["sent"] - deliveries["failed"],
            "problems": newsletter.deliveries.exclude(error="")
            .select_related("subscriber")
            .order_by("pk")[:100],
            "confirmed": Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).count(),
        },
    )
