"""``GET /healthz``: does the application reach its database and its broker?"""

import redis
from django.conf import settings
from django.db import connection as default_connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def check_database(connection=default_connection) -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as error:  # any failure means unhealthy; the reason is reported
        return f"erreur : {type(error).__name__}"


def check_broker() -> str:
    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_timeout=1, socket_connect_timeout=1
        )
        try:
            client.ping()
        finally:
            client.close()
        return "ok"
    except Exception as error:
        return f"erreur : {type(error).__name__}"


@never_cache
@require_GET
def healthz(request):
    report = {"database": check_database(), "broker": check_broker()}
    healthy = all(value == "ok" for value in report.values())
    return JsonResponse(report, status=200 if healthy else 503)
