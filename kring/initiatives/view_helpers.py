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


def form_page(
    request,
    form,
    *,
    title: str,
    back_url: str,
    back_label: str,
    submit: str,
    template: str = "initiatives/simple_form.html",
    **extra,
):
    """The one page layout for the forms: a heading, the form, save or go back (the activity's
    form has its own ``template`` around the same parts)."""
    context = {
        "form": form,
        "title": title,
        "back_url": back_url,
        "back_label": back_label,
        "submit": submit,
        **extra,
    }
    return render(request, template, context, status=form_status(form))
