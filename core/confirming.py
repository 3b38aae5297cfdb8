"""Confirmation pages before an action that cannot be undone or reaches many people (the GOV.UK
confirmation pattern): the page says what will happen and what cannot be undone, its primary
button posts `confirm=yes` with the CSRF token, and "Cancel" goes back without changing anything.

A view asks `confirmed(request)`: only a POST carrying `confirm=yes` acts. A GET, or a POST from
an older form without the field, is answered with the confirmation page instead."""

from __future__ import annotations

from dataclasses import dataclass, field

from crispy_forms_gds.helper import FormHelper
from django.shortcuts import render

CONFIRM_FIELD = "confirm"


@dataclass(frozen=True)
class Confirmation:
    heading: str  # the question: "Publish this challenge?"
    button: str  # the primary button: "Yes, publish the challenge"
    cancel_url: str
    caption: str = ""
    what_happens: tuple[str, ...] = ()  # paragraphs saying what the action does
    warning: str = ""  # what cannot be undone, in the warning text
    fields: dict[str, str] = field(default_factory=dict)  # hidden fields the action needs
    destructive: bool = False  # a red button, for removing or stopping something
    cancel_label: str = "Cancel"
    action_url: str = ""  # where the form posts; the same address when empty


def confirmed(request) -> bool:
    """Whether this request is the confirmation page's own POST."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "yes"


def confirmation_page(request, confirmation: Confirmation, form=None, status: int = 200):
    """The confirmation page; `form` adds fields the action needs (a reason), shown above the
    button with their errors in the GOV.UK pattern."""
    helper = None
    if form is not None:
        # The fields only: the confirmation's own form and button carry them. The error summary
        # reads the form's helper, so it is this one.
        helper = FormHelper(form)
        helper.form_tag = False
        helper.label_size = "s"
        form.helper = helper
    return render(
        request,
        "confirm_page.html",
        {"confirmation": confirmation, "form": form, "form_helper": helper},
        status=status,
    )
