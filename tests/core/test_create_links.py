"""A page offers a link to create something exactly to the roles whose create page opens: a
coordinator was shown "Describe a challenge" on /challenges/ and got 403 from /challenges/new/.
Walks every list page that offers a create link, for every role."""

import pytest
from django.urls import reverse

from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

# (page, the create page it links to)
PAGES = [
    (reverse("challenges:list"), reverse("challenges:create")),
    (reverse("cases:guide", args=["outcome-based-specification"]), reverse("challenges:create")),
    (reverse("cases:list"), reverse("cases:create")),
    (reverse("cases:list"), reverse("cases:import")),
    (reverse("programmes:list"), reverse("programmes:create")),
    (reverse("network:organisations"), reverse("network:organisation_create")),
    (reverse("socialvalue:commitments"), reverse("socialvalue:contract_add")),
    (reverse("socialvalue:taxonomy"), reverse("socialvalue:local_add")),
    (reverse("spend:imports"), reverse("spend:upload")),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("page", "create"), PAGES)
def test_a_create_link_is_shown_only_to_roles_whose_create_page_opens(
    client_for, role, page, create
):
    client = client_for(role)
    shown = client.get(page)
    if shown.status_code != 200:  # the list page itself is not theirs
        return
    opens = client.get(create).status_code == 200
    assert (f'href="{create}"' in shown.content.decode()) is opens, (role, page, create, opens)


def test_the_coordinator_is_not_offered_to_describe_a_challenge(client_for):
    coordinator = client_for("coordinator")
    assert (
        "Describe a challenge" not in coordinator.get(reverse("challenges:list")).content.decode()
    )
    refused = coordinator.get(reverse("challenges:create"))
    assert refused.status_code == 403
    assert "Challenges belong to an anchor" in refused.content.decode()
