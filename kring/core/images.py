"""Uploaded pictures are checked and re-encoded, so no hidden content or metadata (GPS in a
photo of someone's house) is ever served back."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Checked before decoding: a small file can unpack into gigabytes (a decompression bomb).
MAX_PIXELS = 40_000_000


def clean_uploaded_image(upload):
    if upload is None or not hasattr(upload, "read"):
        return upload
    if upload.size > settings.KRING_MAX_IMAGE_BYTES:
        raise ValidationError(
            _("De afbeelding is te groot. Kies een bestand kleiner dan %(mb)s MB.")
            % {"mb": settings.KRING_MAX_IMAGE_BYTES // (1024 * 1024)}
        )
    try:
        upload.seek(0)
        image = Image.open(upload)
        image_format = image.format
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(
                _("De afbeelding heeft te veel beeldpunten. Maak hem kleiner en probeer opnieuw.")
            )
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(
            _("Dit bestand is geen foto of plaatje dat Kring kan lezen. Kies een JPG of PNG.")
        ) from None
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("Kies een foto als JPG, PNG of WEBP."))
    image = ImageOps.exif_transpose(image)
    image.thumbnail((2000, 2000))
    out = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85)
    else:
        image.save(out, image_format)
    name = (upload.name.rsplit(".", 1)[0] or "afbeelding")[:80]
    return SimpleUploadedFile(
        f"{name}.{ALLOWED_FORMATS[image_format]}",
        out.getvalue(),
        content_type=f"image/{ALLOWED_FORMATS[image_format].replace('jpg', 'jpeg')}",
    )
