"""A person with a plan, cases in every state, and a stranger with their own."""

from __future__ import annotations

import pytest

from careers.models import Track
from plans.models import NetworkingStep, Plan, PortfolioCase
from sharing.models import PublicProfile
from tests.conftest import make_user


@pytest.fixture
def plan(owner) -> Plan:
    return Plan.start(owner, Track.objects.get(slug="technical"))


@pytest.fixture
def cases(owner, plan) -> dict[str, PortfolioCase]:
    """The owner's cases by state: two Published, one Drafting, one Idea."""
    track = plan.track

    def case(title: str, status: str, **fields) -> PortfolioCase:
        return PortfolioCase.objects.create(user=owner, track=track, title=title, status=status, **fields)

    return {
        "shown": case(
            "Checkout redesign",
            "published",
            problem="Carts were abandoned at the payment step.",
            action="Ran five usability tests and simplified the form.",
            outcome="Conversion up 12 %.",
            link="https://example.com/cases/checkout",
        ),
        "not_chosen": case("Published but not chosen", "published"),
        "drafting": case("Half-written pricing case", "drafting"),
        "idea": case("Idea about onboarding", "idea"),
    }


@pytest.fixture
def profile(owner, cases) -> PublicProfile:
    """A published page at /p/ana-lee/ that lists the shown case and, by mistake, the drafting one."""
    page = PublicProfile.objects.create(
        user=owner, display_name="Ana Lee", headline="Teacher moving into product management", slug="ana-lee"
    )
    page.cases.set([cases["shown"], cases["drafting"]])
    page.published = True
    page.save()
    return page


@pytest.fixture
def stranger_plan(stranger) -> Plan:
    plan = Plan.start(stranger, Track.objects.get(slug="ux"))
    PortfolioCase.objects.create(user=stranger, title="Stranger's published case", status="published")
    NetworkingStep.objects.create(user=stranger, who="Stranger's contact", notes="Stranger's private note")
    return plan


@pytest.fixture
def private_owner(db):
    """An owner whose email and username are distinctive, to search pages for them."""
    return make_user("zhang.wei.private@example.com")
