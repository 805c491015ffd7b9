"""``{% slot "name" %}``: the parts other apps registered for this place (``vitrine.slots``)."""

from django import template
from django.utils.safestring import mark_safe

from vitrine import slots

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name: str) -> str:
    engine = context.template.engine
    parts = [engine.get_template(t).render(context) for t in slots.templates(name)]
    return mark_safe("".join(parts))  # noqa: S308 - each part is a template, escaped when rendered
