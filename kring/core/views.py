from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .auth_forms import EmailAuthenticationForm


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "core/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": _("Inloggen")}


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def bad_request(request, exception=None):
    reason = getattr(request, "bad_request_reason", "")
    return render(request, "400.html", {"reason": reason}, status=400)


def server_error(request):
    return render(request, "500.html", status=500)
