"""A programme's partner: an organisation of the network, or a name when it is not in the
directory; its kind, its role, and whether it leads."""

from __future__ import annotations

from django import forms

from core.forms import GovukModelForm
from network.models import Organisation
from programmes.forms.common import say
from programmes.models import Partner


class PartnerForm(GovukModelForm):
    submit_label = "Save the partner"

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Organisation in the directory",
        empty_label="Not in the directory",
        help_text="Choose it here, or leave this and give the name below",
    )

    class Meta:
        model = Partner
        fields = ["organisation", "name", "kind", "role", "is_lead"]
        labels = {
            "name": "Name, when not in the directory",
            "kind": "Kind of partner",
            "role": "Role in the programme",
            "is_lead": "This partner leads the programme",
        }
        help_texts = {"role": "For example, lead anchor: chairs the programme board"}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        say(
            self,
            organisation="Choose an organisation from the list, or leave it as not in the directory",
            kind="Choose the kind of partner",
            role="Enter the partner's role in the programme",
        )

    def clean(self):
        data = super().clean()
        organisation, name = data.get("organisation"), (data.get("name") or "").strip()
        data["name"] = name
        if organisation is None and not name:
            self.add_error(
                "name", "Enter the partner's name, or choose its organisation from the directory"
            )
        if organisation is not None and name:
            self.add_error(
                "name", "Leave the name empty when the partner is an organisation in the directory"
            )
        if organisation is not None:
            taken = Partner.objects.filter(programme=self.programme, organisation=organisation)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("organisation", f"{organisation.name} is already a partner")
        return data

    def save(self, commit=True):
        partner = super().save(commit=False)
        partner.programme = self.programme
        if not partner.pk:
            partner.position = self.programme.partners.count()
        if commit:
            partner.save()
        return partner
