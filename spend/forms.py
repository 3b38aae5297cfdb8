from pathlib import Path

from django import forms
from django.conf import settings

from core.forms import GovukForm
from network.models import ANCHOR_KINDS, Organisation
from spend.columns import REQUIRED, field_names

SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods", ".zip", ".gz")


class UploadForm(GovukForm):
    submit_label = "Upload and check the columns"

    file = forms.FileField(
        label="Payment file",
        help_text="CSV (any delimiter), XLSX, XLS or ODS, also inside a .zip or .gz, up to "
        f"{settings.SPEND_UPLOAD_MAX_BYTES // (1024 * 1024)} MB.",
    )

    def __init__(self, *args, choose_buyer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if choose_buyer:
            self.fields["buyer"] = forms.ModelChoiceField(
                label="Whose payments are these?",
                queryset=Organisation.objects.filter(kind__in=ANCHOR_KINDS).order_by("name"),
                empty_label="Choose an anchor",
            )
            self.order_fields(["buyer", "file"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.SPEND_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                f"The file must be smaller than {settings.SPEND_UPLOAD_MAX_BYTES // (1024 * 1024)} MB"
            )
        if upload.size == 0:
            raise forms.ValidationError("The file is empty (0 bytes)")
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(
                "The file must be a CSV, XLSX, XLS or ODS file, or a .zip or .gz of one"
            )
        upload.name = Path(upload.name).name[-200:]
        return upload


class MappingForm(GovukForm):
    """Which column holds each field: one question per field, the file's columns as answers."""

    submit_label = "Import these payments"

    def __init__(self, *args, headers: list[str], header_row: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        self.fields["header_row"] = forms.IntegerField(
            label="Header row",
            help_text="The number of the record that names the columns (1 is the first line)",
            min_value=1,
            initial=header_row,
        )
        choices = [("", "Not in this file")] + [
            (header, header) for header in dict.fromkeys(h for h in headers if h)
        ]
        for name, spec in field_names().items():
            self.fields[name] = forms.ChoiceField(
                label=spec["label"] + ("" if name in REQUIRED else " (optional)"),
                choices=choices,
                required=name in REQUIRED,
                error_messages={
                    "required": f"Choose the column that holds the {spec['label'].lower()}"
                },
            )

    def clean(self):
        data = super().clean()
        chosen = [(name, data.get(name)) for name in field_names() if data.get(name)]
        columns = [column for _name, column in chosen]
        for name, column in chosen:
            if columns.count(column) > 1:
                self.add_error(name, f"“{column}” is chosen for more than one field")
        return data

    def mapping(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[name] for name in field_names() if self.cleaned_data.get(name)
        }
