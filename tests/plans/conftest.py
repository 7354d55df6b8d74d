"""Plans started the way people start them, for the owner and a stranger."""

from __future__ import annotations

import pytest

from careers.models import Track
from plans.models import Plan

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(owner) -> Plan:
    return Plan.start(owner, Track.objects.get(slug="technical"))


@pytest.fixture
def stranger_plan(stranger) -> Plan:
    return Plan.start(stranger, Track.objects.get(slug="technical"))
