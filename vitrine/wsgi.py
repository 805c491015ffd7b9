import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vitrine.settings")
application = get_wsgi_application()

# A web worker (gunicorn imports this module in each one) prepares the job-title suggestion.
from referentiel.suggestions import warm_in_background  # noqa: E402

warm_in_background()
