"""The second log-in step, its settings page, the lock-out page and the forgotten-password pages
(ask, sent, new password, done; a new password also lifts a lock-out)."""

import math

import segno
from axes.helpers import get_cool_off
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from . import password_reset as reset
from . import services
from .client_ip import client_ip
from .forms import CodeForm, DisableForm, PasswordResetAskForm, RecoveryCodeForm

PENDING_KEY = "kring_security_pending_totp_key"


def safe_next(request, default: str | None = None) -> str:
    """Where to go after this step: only a path on this site, never another host."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home") if default is None else default


def locked_out(request, original_response=None, credentials=None):
    """What axes shows after too many wrong passwords (429: too many requests)."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "security/locked_out.html",
        {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


@require_http_methods(["GET", "POST"])
def password_reset(request):
    """Ask for a link. Every well-formed address gets the same answer (see password_reset)."""
    form = PasswordResetAskForm(request.POST or None)
    if request.method == "POST":
        if reset.too_many_asks(client_ip(request)):
            return render(
                request,
                "security/password_reset/too_many.html",
                {"title": _("Even wachten")},
                status=429,
            )
        if form.is_valid():
            reset.request_reset(email=form.cleaned_data["email"], language=get_language())
            return redirect("password_reset_done")
    return render(
        request,
        "security/password_reset/ask.html",
        {"form": form, "title": _("Wachtwoord vergeten")},
        status=400 if request.method == "POST" else 200,
    )


def password_reset_sent(request):
    return render(request, "security/password_reset/sent.html", {"title": _("Kijk in uw e-mail")})


def password_reset_complete(request):
    return render(
        request, "security/password_reset/done.html", {"title": _("Wachtwoord opgeslagen")}
    )


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password also lifts a lock-out: the owner of the mailbox proved who they are."""

    template_name = "security/password_reset/new_password.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.email.lower())
        return response


@never_cache  # secrets and codes must not stay in a browser's or proxy's cache
@require_http_methods(["GET", "POST"])
@login_required
def verify(request):
    """Step two of logging in: the code from the phone app."""
    if request.user.is_verified():
        return redirect(safe_next(request))
    if not services.has_two_factor(request.user):
        return redirect(safe_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.verify_code(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(safe_next(request))
        form.add_error(
            "code",
            _(
                "Deze code klopt niet. Kijk of de tijd op uw telefoon goed staat en typ de "
                "nieuwste code. Na een paar foute codes moet u steeds langer wachten."
            ),
        )
    return render(
        request,
        "security/verify.html",
        {"form": form, "next": safe_next(request, default=""), "title": _("Code invullen")},
        status=400 if request.method == "POST" else 200,
    )


@never_cache  # secrets and codes must not stay in a browser's or proxy's cache
@require_http_methods(["GET", "POST"])
@login_required
def recovery(request):
    """Lost the phone: log in with one of the recovery codes on paper."""
    if request.user.is_verified():
        return redirect(safe_next(request))
    form = RecoveryCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.verify_code(
            user=request.user, code=form.cleaned_data["code"], recovery=True
        )
        if device is not None:
            otp_login(request, device)
            messages.warning(
                request,
                _(
                    "U bent binnen met een herstelcode. Elke code werkt maar één keer. Zet de "
                    "tweestapsverificatie opnieuw aan met uw nieuwe telefoon."
                ),
            )
            return redirect("security:two_factor")
        form.add_error(
            "code",
            _("Deze herstelcode klopt niet of is al gebruikt. Probeer een andere code."),
        )
    return render(
        request,
        "security/recovery.html",
        {"form": form, "next": safe_next(request, default=""), "title": _("Herstelcode")},
        status=400 if request.method == "POST" else 200,
    )


def _qr_svg(uri: str) -> str:
    # Server-side SVG: no script, no other host. Dark on white, so it scans in dark mode too.
    return segno.make(uri, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", title=_("QR-code voor uw app")
    )


@never_cache  # secrets and codes must not stay in a browser's or proxy's cache
@require_http_methods(["GET", "POST"])
@login_required
def two_factor(request):
    """Turn the second step on (scan, type a code, keep the recovery codes), or off."""
    user = request.user
    if services.has_two_factor(user):
        return _two_factor_on(request)
    hex_key = request.session.get(PENDING_KEY)
    if not hex_key:
        hex_key = request.session[PENDING_KEY] = services.new_secret()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = services.matched_step(hex_key=hex_key, code=form.cleaned_data["code"])
        if step is not None:
            device, codes = services.enable_two_factor(user=user, hex_key=hex_key, step=step)
            del request.session[PENDING_KEY]
            otp_login(request, device)
            return render(
                request,
                "security/recovery_codes.html",
                {
                    "codes": codes,
                    "next": safe_next(request, default=""),
                    "title": _("Herstelcodes"),
                },
            )
        form.add_error(
            "code",
            _(
                "Deze code klopt niet. Scan de QR-code opnieuw of typ de geheime sleutel over, "
                "en vul dan de nieuwste code in."
            ),
        )
    uri = services.provisioning_uri(user=user, hex_key=hex_key)
    return render(
        request,
        "security/enrol.html",
        {
            "form": form,
            "qr_svg": _qr_svg(uri),
            "secret": services.secret_as_text(hex_key),
            "required": services.required() and services.must_use_two_factor(user),
            "next": safe_next(request, default=""),
            "title": _("Tweestapsverificatie"),
        },
        status=400 if request.method == "POST" else 200,
    )


def _two_factor_on(request):
    user = request.user
    form = DisableForm(request.POST or None)
    codes = None
    if request.method == "POST" and form.is_valid():
        code = "".join(form.cleaned_data["code"].split())
        action = request.POST.get("action")
        # Six digits come from the app; anything else is read as a recovery code.
        is_app_code = code.isdigit() and len(code) == 6
        device = services.verify_code(user=user, code=code, recovery=not is_app_code)
        if device is None:
            form.add_error("code", _("Deze code klopt niet. Probeer de nieuwste code uit de app."))
        elif action == "codes":
            codes = services.new_recovery_codes(user=user)
            return render(
                request,
                "security/recovery_codes.html",
                {"codes": codes, "title": _("Herstelcodes")},
            )
        elif action == "disable":
            services.disable_two_factor(user=user)
            messages.success(request, _("De tweestapsverificatie staat nu uit."))
            return redirect("security:two_factor")
    return render(
        request,
        "security/two_factor_on.html",
        {
            "form": form,
            "codes_left": services.recovery_codes_left(user),
            "required": services.required() and services.must_use_two_factor(user),
            "title": _("Tweestapsverificatie"),
        },
        status=400 if request.method == "POST" else 200,
    )
