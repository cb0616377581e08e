import time

from django.conf import settings
from django.db import connection
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the visitor chose another language with the switch. Many Dutch residents
    have a browser set to English; they should still meet Kring in Dutch first."""

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class ServerTimingMiddleware:
    """With KRING_SERVER_TIMING on, every answer says how long the server worked on it
    (`Server-Timing: app;dur=…, cpu;dur=…, db;dur=…`, milliseconds): wall time, this process's
    CPU time and the time spent waiting for database queries (with their number). Browsers show
    it in their developer tools; the load benchmark reads it to tell the server's own cost from
    waiting in a queue on a busy machine."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        database = {"seconds": 0.0, "queries": 0}

        def timed(execute, sql, params, many, context):
            query_started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                database["seconds"] += time.perf_counter() - query_started
                database["queries"] += 1

        started, cpu_started = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(timed):
            response = self.get_response(request)
        wall = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu_started) * 1000
        response["Server-Timing"] = (
            f"app;dur={wall:.1f}, cpu;dur={cpu:.1f}, "
            f'db;dur={database["seconds"] * 1000:.1f};desc="{database["queries"]} queries"'
        )
        return response
