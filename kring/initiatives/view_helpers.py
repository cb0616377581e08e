"""What the initiatives app's pages share: the status of a form page, the confirmation page and
the plain form page."""

from django.shortcuts import render

PAGE_SIZE = 30


def form_status(form, status: int = 400) -> int:
    return status if form.errors else 200


def confirm_page(request, name: str, cancel_url: str):
    return render(
        request, "initiatives/confirm_delete.html", {"name": name, "cancel_url": cancel_url}
    )


def form_page(request, form, *, title: str, back_url: str, back_label: str, submit: str, **extra):
    """The one page layout for the smaller forms: a heading, the form, save or go back."""
    context = {
        "form": form,
        "title": title,
        "back_url": back_url,
        "back_label": back_label,
        "submit": submit,
        **extra,
    }
    return render(request, "initiatives/simple_form.html", context, status=form_status(form))
