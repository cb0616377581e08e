"""Inzage on paper: everything kept about a resident as a PDF (WeasyPrint), the same for a
buurtmaker acting on a request and for the resident through their own door."""

from django.template.loader import render_to_string

from .selectors import export_sections


def export_pdf(*, data: dict, resident, request) -> bytes:
    """The PDF of ``data`` (from ``services.export_resident``); ``request`` gives the page's
    language and the base for its links."""
    from weasyprint import HTML  # heavy: loaded only when a PDF is made

    html = render_to_string(
        "privacy/export_pdf.html",
        {"data": data, "sections": export_sections(data), "resident": resident},
        request=request,
    )
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
