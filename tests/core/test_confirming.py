"""The shared confirmation page (core/confirming.py, core/templates/confirm_page.html): only the
page's own POST counts as confirmed, and the page says what happens, warns, and offers Cancel."""

from django import forms
from django.test import RequestFactory

from core.confirming import Confirmation, confirmation_page, confirmed

factory = RequestFactory()


def test_only_a_post_carrying_the_confirmation_is_confirmed():
    assert confirmed(factory.post("/x/", {"confirm": "yes"}))
    assert not confirmed(factory.post("/x/", {}))
    assert not confirmed(factory.post("/x/", {"confirm": "no"}))
    assert not confirmed(factory.get("/x/", {"confirm": "yes"}))  # a link cannot confirm


def _page(**extra):
    request = factory.get("/things/1/remove/")
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    confirmation = Confirmation(
        heading="Remove this thing?",
        button="Yes, remove the thing",
        cancel_url="/things/1/",
        what_happens=("The thing leaves every list.",),
        warning="You cannot undo this.",
        fields={"kind": "thing"},
        destructive=True,
        **extra,
    )
    return confirmation_page(request, confirmation)


def test_the_page_says_what_happens_warns_and_posts_the_confirmation_with_a_cancel_link(rf, db):
    html = _page(action_url="/things/1/remove/").content.decode()
    assert "<title>Remove this thing?" in html and ">Remove this thing?</h1>" in html
    assert '<p class="govuk-body">The thing leaves every list.</p>' in html
    assert 'class="govuk-warning-text"' in html and "You cannot undo this.</strong>" in html
    assert '<form method="post" action="/things/1/remove/" novalidate>' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<input type="hidden" name="confirm" value="yes">' in html
    assert '<input type="hidden" name="kind" value="thing">' in html
    assert 'class="govuk-button govuk-button--warning"' in html
    assert ">Yes, remove the thing</button>" in html
    assert '<a class="govuk-link" href="/things/1/">Cancel</a>' in html


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Why is it removed?")


def test_a_form_the_action_needs_is_shown_with_its_errors(db):
    request = factory.post("/things/1/remove/", {"confirm": "yes", "reason": ""})
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    form = ReasonForm(request.POST)
    assert not form.is_valid()
    confirmation = Confirmation(heading="Remove this thing?", button="Yes", cancel_url="/things/")
    html = confirmation_page(request, confirmation, form=form).content.decode()
    assert "<title>Error: Remove this thing?" in html
    assert "govuk-error-summary" in html and "Why is it removed?" in html
    assert html.count("<form") == 1  # the form's fields sit inside the confirmation's own form
