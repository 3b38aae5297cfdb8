from pathlib import Path

from django import forms
from django.conf import settings

from core.forms import GovukForm
from network.models import ANCHOR_KINDS, Organisation
from spend.columns import REQUIRED, field_names

SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods", ".zip", ".gz")


class UploadForm(GovukForm):
    error_names = {"buyer": "whose payments these are"}
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

    def __init__(
        self,
        *args,
        headers: list[str],
        header_row: int,
        publisher_warning: str = "",
        buyer_name: str = "the buyer",
        **kwargs,
    ):
        """`publisher_warning`: what the file says of its publisher, when it is not the buyer;
        the person must then say the payments are the buyer's all the same."""
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
        # Below the columns: asked last.
        if publisher_warning:
            self.fields["publisher_confirmed"] = forms.BooleanField(
                label=f"I have checked: these are {buyer_name}'s payments all the same",
                help_text=f"{publisher_warning} Tick only if the file is {buyer_name}'s.",
                error_messages={
                    "required": f"Tick the box to say these are {buyer_name}'s payments all "
                    "the same, or discard the file"
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


class Lm3Form(GovukForm):
    """LM3 survey inputs (RULES.md section 5): R1, R2 of it, R3 of R2."""

    submit_label = "Save the survey figures"
    error_names = {
        "total_spend": "R1, the total spend in the year",
        "local_first_round": "R2, the part of R1 spent locally",
        "local_second_round": "R3, the part of R2 re-spent locally",
        "respondents": "the number of suppliers who answered the survey",
        "notes": "how the survey was done",
    }

    total_spend = forms.DecimalField(
        label="R1: total spend in the year (£)",
        min_value=0.01,
        max_digits=15,
        decimal_places=2,
        help_text="Usually the analysed spend shown on the ledger.",
    )
    local_first_round = forms.DecimalField(
        label="R2: part of R1 spent with local suppliers and local-resident staff (£)",
        min_value=0,
        max_digits=15,
        decimal_places=2,
    )
    local_second_round = forms.DecimalField(
        label="R3: part of R2 that those suppliers and staff re-spend locally (£)",
        min_value=0,
        max_digits=15,
        decimal_places=2,
        help_text="From the supplier and staff survey.",
    )
    respondents = forms.IntegerField(
        label="How many suppliers answered the survey", min_value=0, required=False
    )
    notes = forms.CharField(
        label="How the survey was done", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        r1, r2, r3 = (
            data.get(k) for k in ("total_spend", "local_first_round", "local_second_round")
        )
        if r1 is not None and r2 is not None and r2 > r1:
            self.add_error("local_first_round", "R2 cannot be more than R1, the total spend")
        if r2 is not None and r3 is not None and r3 > r2:
            self.add_error("local_second_round", "R3 cannot be more than R2, the local spend")
        return data


class WithdrawForm(GovukForm):
    submit_label = "Withdraw this import"
    error_names = {"reason": "the reason the import is withdrawn"}

    reason = forms.CharField(
        label="Why is it withdrawn?",
        help_text="For example: the file is another council's, or a corrected file replaces it. "
        "The reason is kept with the import.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the import is withdrawn"},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter why the import is withdrawn")
        return reason
