"""Uploads served by Kring itself (make demo, DEBUG only; production lets the web server serve
var/media with the same rules, see README). Only the three picture types Kring makes itself are
shown inline; anything else, SVG and HTML included, is a download, never a page."""

import mimetypes
import posixpath

from django.utils.http import content_disposition_header
from django.views.static import serve

INLINE_TYPES = {"image/jpeg", "image/png", "image/webp"}


def serve_media(request, path, document_root=None):
    response = serve(request, path, document_root=document_root)
    content_type, _encoding = mimetypes.guess_type(path)
    if content_type not in INLINE_TYPES:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=posixpath.basename(path)
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
