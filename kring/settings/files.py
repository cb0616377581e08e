"""Files: static files and uploads (where they live, how they are served), upload limits, and
the folders for imports and moving archives, which hold personal data outside MEDIA_ROOT."""

from pathlib import Path

from .env import BASE_DIR, DEBUG, VAR_DIR, env_int, env_str

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "kring" / "static"]
STATIC_ROOT = Path(env_str("KRING_STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("KRING_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Serve static files straight from the apps while developing and testing; production serves the
# collected, hashed and compressed copies from STATIC_ROOT.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded images (stories) are small pictures, not archives.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
KRING_MAX_IMAGE_BYTES = env_int("KRING_MAX_IMAGE_BYTES", 5 * 1024 * 1024)
# Imports: uploaded files (personal data) live outside MEDIA_ROOT and are deleted after the
# import or after KRING_IMPORT_KEEP_HOURS; files with more rows than KRING_IMPORT_BACKGROUND_ROWS
# are imported by the background worker.
KRING_IMPORT_ROOT = Path(env_str("KRING_IMPORT_ROOT", str(VAR_DIR / "imports")))
KRING_IMPORT_MAX_BYTES = env_int("KRING_IMPORT_MAX_BYTES", 200 * 1024 * 1024)
# The CBS wijk- en buurtkaart for the whole country, uploaded in the admin site.
KRING_REGIONS_MAX_BYTES = env_int("KRING_REGIONS_MAX_BYTES", 500 * 1024 * 1024)
KRING_IMPORT_BACKGROUND_ROWS = env_int("KRING_IMPORT_BACKGROUND_ROWS", 2000)
KRING_IMPORT_KEEP_HOURS = env_int("KRING_IMPORT_KEEP_HOURS", 24)
# Moving archives (every resident of a collective) are made by the worker into this folder,
# outside MEDIA_ROOT, and removed after KRING_ARCHIVE_KEEP_HOURS (by the retention run).
KRING_ARCHIVE_ROOT = Path(env_str("KRING_ARCHIVE_ROOT", str(VAR_DIR / "archives")))
KRING_ARCHIVE_KEEP_HOURS = env_int("KRING_ARCHIVE_KEEP_HOURS", 24)
