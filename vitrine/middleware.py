"""Requests no page can answer, refused before any view reads them."""

from django.http import HttpResponseBadRequest, JsonResponse

NULL_MESSAGE = "L'adresse contient un caractère nul : elle ne peut pas être lue."


class RefuseNullCharacters:
    """A NUL character in the query string ("?q=a%00b") is no text anyone typed, and PostgreSQL
    refuses it in a query: answer 400 with a message, whichever view would have read it. (Form
    fields and the API's serializers already refuse it in request bodies.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, value in _pairs(request.GET)):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": NULL_MESSAGE}, status=400)
            return HttpResponseBadRequest(NULL_MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _pairs(query):
    for key, values in query.lists():
        for value in values:
            yield key, value
