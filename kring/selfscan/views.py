"""The self-scan pages. Only users of a gemeente reach them, and only for their own gemeente:
everyone else gets 404, so a collective never sees a gemeente's scan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.core.locking import save_or_conflict

from . import selectors, services
from .charts import profile_svg
from .forms import CompareForm, StartRoundForm, ThemeAnswersForm
from .scoring import compare as compare_scores


def _index_context(request, **extra):
    theme_list = list(selectors.themes())
    scan_round = selectors.open_round_of(request.user)
    response = selectors.response_of(request.user, scan_round)
    answered = selectors.my_answers(response)
    progress = [
        (
            theme,
            sum(1 for s in theme.statements.all() if s.pk in answered),
            len(theme.statements.all()),
        )
        for theme in theme_list
    ]
    rounds = list(selectors.rounds_of(request.user).order_by("-started_on", "-pk"))
    return {
        "municipality": request.user.municipality,
        "scan_round": scan_round,
        "response": response,
        "progress": progress,
        "complete": all(done == total for _theme, done, total in progress),
        # "Verder invullen" opens the first theme that still has open statements.
        "next_theme": next(
            (theme for theme, done, total in progress if done < total),
            theme_list[0] if theme_list else None,
        ),
        "rounds": rounds,
        "start_form": StartRoundForm(),
        "compare_form": (
            CompareForm(rounds=rounds, initial={"before": rounds[1].pk, "after": rounds[0].pk})
            if len(rounds) > 1
            else None
        ),
        **extra,
    }


@login_required
def index(request):
    selectors.municipality_of(request.user)
    return render(request, "selfscan/index.html", _index_context(request))


@require_POST
@login_required
def start(request):
    selectors.municipality_of(request.user)
    form = StartRoundForm(request.POST)
    if not form.is_valid():
        context = _index_context(request, start_form=form)
        return render(request, "selfscan/index.html", context, status=400)
    scan_round = services.start_round(user=request.user, name=form.cleaned_data["name"])
    messages.success(request, _("De ronde '%(name)s' is begonnen.") % {"name": scan_round.name})
    return redirect("selfscan:index")


@login_required
def fill(request, theme: str):
    selectors.municipality_of(request.user)
    theme = selectors.theme_by_key(theme)
    scan_round = selectors.open_round_of(request.user)
    if scan_round is None:
        messages.info(request, _("Er is nu geen open ronde. Begin eerst een nieuwe ronde."))
        return redirect("selfscan:index")
    response = selectors.response_of(request.user, scan_round)
    theme_list = list(selectors.themes())
    keys = [t.key for t in theme_list]
    position = keys.index(theme.key)
    next_key = keys[position + 1] if position + 1 < len(keys) else None
    # 0: no answers yet; answers saved in another window meanwhile are not overwritten.
    version = response.version if response is not None else 0
    conflict = None
    if request.method == "POST":
        form = ThemeAnswersForm(request.POST, theme=theme, version=version)
        if form.is_valid():
            try:
                _saved, conflict = save_or_conflict(
                    form,
                    lambda: services.save_answers(
                        user=request.user,
                        scan_round=scan_round,
                        theme=theme,
                        values=form.values(),
                        expected_version=form.expected_version,
                    ),
                )
            except services.ScanError as error:
                form.add_error(None, str(error))
            if conflict is None and not form.errors:
                if "next" in request.POST and next_key:
                    return redirect("selfscan:fill", theme=next_key)
                if "next" in request.POST:
                    return redirect(reverse("selfscan:index") + "#inleveren")
                messages.success(request, _("Uw antwoorden zijn bewaard."))
                return redirect("selfscan:fill", theme=theme.key)
    else:
        answers = selectors.my_answers(response)
        form = ThemeAnswersForm(
            theme=theme,
            initial={f"s{s.pk}": answers.get(s.pk) for s in theme.statements.all()},
            version=version,
        )
    return render(
        request,
        "selfscan/fill.html",
        {
            "theme": theme,
            "form": form,
            "scan_round": scan_round,
            "number": position + 1,
            "count": len(keys),
            "previous_key": keys[position - 1] if position else None,
            "next_key": next_key,
            "conflict": conflict,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def submit(request):
    selectors.municipality_of(request.user)
    scan_round = selectors.open_round_of(request.user)
    if scan_round is None:
        messages.info(request, _("Er is nu geen open ronde. Begin eerst een nieuwe ronde."))
        return redirect("selfscan:index")
    try:
        services.submit_response(
            user=request.user, scan_round=scan_round, theme_list=list(selectors.themes())
        )
    except services.ScanError as error:
        context = _index_context(request, submit_error=str(error))
        return render(request, "selfscan/index.html", context, status=400)
    messages.success(request, _("Dank u. Uw antwoorden tellen nu mee in de uitslag."))
    return redirect("selfscan:results", round=scan_round.pk)


@require_POST
@login_required
def close(request, round: int):
    scan_round = selectors.round_of(request.user, round)
    try:
        services.close_round(user=request.user, scan_round=scan_round)
    except services.ScanError as error:
        messages.info(request, str(error))
    else:
        messages.success(request, _("De ronde is gesloten."))
    return redirect("selfscan:results", round=scan_round.pk)


def _results_context(request, round: int):
    scan_round = selectors.round_of(request.user, round)
    theme_list = list(selectors.themes())
    scores = selectors.round_scores(scan_round, theme_list)
    return {
        "municipality": request.user.municipality,
        "scan_round": scan_round,
        "scores": scores,
        "chart": profile_svg([(scan_round.name, scores)]),
        "printed_on": timezone.localdate(),
    }


@login_required
def results(request, round: int):
    return render(request, "selfscan/results.html", _results_context(request, round))


@login_required
def results_pdf(request, round: int):
    from weasyprint import HTML

    context = _results_context(request, round)
    html = render_to_string("selfscan/results_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"zelfscan-{context['municipality'].code}-{context['scan_round'].started_on}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def compare(request):
    selectors.municipality_of(request.user)
    rounds = list(selectors.rounds_of(request.user))
    form = CompareForm(request.GET or None, rounds=rounds)
    context = {"municipality": request.user.municipality, "form": form, "rounds": rounds}
    if not request.GET:
        return render(request, "selfscan/compare.html", context)
    if not form.is_valid():
        return render(request, "selfscan/compare.html", context, status=400)
    by_pk = {r.pk: r for r in rounds}
    before, after = by_pk[form.cleaned_data["before"]], by_pk[form.cleaned_data["after"]]
    theme_list = list(selectors.themes())
    before_scores = selectors.round_scores(before, theme_list)
    after_scores = selectors.round_scores(after, theme_list)
    context.update(
        before=before,
        after=after,
        changes=compare_scores(before_scores, after_scores),
        chart=profile_svg(
            [(before.name, before_scores), (after.name, after_scores)], ident="vergelijking"
        ),
    )
    return render(request, "selfscan/compare.html", context)
