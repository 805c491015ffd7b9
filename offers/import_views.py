"""Staff page to import offers from a CSV file or a France Travail JSON export."""

from pathlib import Path

from django import forms
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.views.decorators.http import require_http_methods

from accounts.models import Organisation
from accounts.permissions import staff_required
from offers import imports

EXTENSIONS = {".csv", ".json", ".txt"}


class EmployerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} (SIRET {obj.siret})" if obj.siret else obj.name


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier",
        help_text="CSV (colonnes décrites dans la documentation de l'import) ou JSON de l'API "
        "France Travail « Offres d'emploi v2 » ; 10 Mo au plus.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json,.txt"}),
    )
    format = forms.ChoiceField(
        label="Format",
        required=False,
        choices=[
            ("", "Reconnaître d'après le fichier"),
            ("csv", "CSV"),
            ("json", "JSON France Travail"),
        ],
    )
    employer = EmployerChoiceField(
        label="Employeur de toutes les offres du fichier",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER).order_by("name"),
        required=False,
        empty_label="Celui du SIRET de chaque offre",
        help_text="Sans choix, chaque offre doit donner le SIRET d'un employeur inscrit : "
        "l'import ne crée pas d'employeur.",
    )
    publish = forms.BooleanField(label="Publier les offres importées", required=False)
    dry_run = forms.BooleanField(label="Vérifier seulement, sans rien enregistrer", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_BYTES:
            raise forms.ValidationError(
                f"Le fichier fait {filesizeformat(upload.size)} : 10 Mo au plus. Coupez-le en "
                "plusieurs fichiers."
            )
        if Path(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(
                "Seuls les fichiers CSV (.csv, .txt) et JSON (.json) sont acceptés."
            )
        data = upload.read()
        try:
            imports.read_text(data)  # refuses images, spreadsheets and other binary content
        except imports.ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return data


@staff_required
@require_http_methods(["GET", "POST"])
def offer_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = imports.import_file(
                data["file"],
                name=request.FILES["file"].name,
                fmt=data["format"] or None,
                employer=data["employer"],
                publish=data["publish"],
                dry_run=data["dry_run"],
                by=request.user,
            )
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
    return render(request, "offers/import.html", {"form": form, "report": report})
