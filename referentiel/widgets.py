"""The autocomplete widget that every form reuses for job titles and skills.

The visible text box is named ``<name>_text``; the chosen code travels in ``<name>`` (a hidden
input, or one hidden input per chip when ``multiple``). Without JavaScript, only the text is sent
and the field (``referentiel.fields``) takes it when it names one choice without doubt.
"""

from collections.abc import Callable, Iterable

from django import forms
from django.urls import reverse


class TypedText(str):
    """What the person typed, when no suggestion was chosen."""


class Autocomplete(forms.Widget):
    template_name = "widgets/autocomplete.html"

    def __init__(
        self,
        source: str,
        *,
        labels: Callable[[Iterable[str]], dict[str, str]],
        multiple: bool = False,
        boost_from: str | None = None,
        placeholder: str = "",
        attrs=None,
    ):
        super().__init__(attrs)
        self.source = source
        self.labels = labels
        self.multiple = multiple
        self.boost_from = boost_from
        self.placeholder = placeholder

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        aria = {
            k: v for k, v in widget["attrs"].items() if k.startswith("aria-") or k == "required"
        }
        widget.update(
            source=reverse(self.source),
            multiple=self.multiple,
            boost_from=self.boost_from,
            placeholder=self.placeholder,
            input_attrs={k: ("required" if v is True else v) for k, v in aria.items()},
        )
        if self.multiple:
            codes = [str(v) for v in (value or []) if v and not isinstance(v, TypedText)]
            labels = self.labels(codes)
            widget["chosen"] = [{"value": c, "label": labels[c]} for c in codes if c in labels]
            # A text typed but not taken (the form says why) stays in the box.
            typed = [v for v in (value or []) if isinstance(v, TypedText)]
            widget["text"] = typed[0] if typed else ""
        elif isinstance(value, TypedText):
            widget["value"], widget["text"] = "", value
        elif value:
            widget["text"] = self.labels([str(value)]).get(str(value), "")
        else:
            widget["text"] = ""
        return context

    def format_value(self, value):
        return value

    def value_from_datadict(self, data, files, name):
        text = (data.get(f"{name}_text") or "").strip()
        if self.multiple:
            values = (
                list(data.getlist(name)) if hasattr(data, "getlist") else list(data.get(name) or [])
            )
            return [*values, TypedText(text)] if text else values
        code = (data.get(name) or "").strip()
        if code:
            return code
        return TypedText(text) if text else None

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_text" not in data

    def id_for_label(self, id_):
        return id_

    class Media:
        js = ["js/autocomplete.js"]
