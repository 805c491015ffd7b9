"""Form rendering shared by every app: labels, help and errors tied to their inputs for screen
readers (``aria-describedby``, ``aria-invalid``)."""

from django.forms.renderers import TemplatesSetting


class Renderer(TemplatesSetting):
    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"
