"""`crispy_form`: blank "add" forms come from a per-day cache, every other form is rendered afresh."""

import datetime

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form

from plans import forms
from plans.models import NetworkingStep, PortfolioCase
from plans.templatetags.plan_tags import crispy_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("form_class", "model"), [(forms.PortfolioCaseForm, PortfolioCase), (forms.NetworkingStepForm, NetworkingStep)]
)
def test_a_blank_form_renders_as_crispy_does(plan, form_class, model):
    assert crispy_form(form_class(instance=model(plan=plan))) == as_crispy_form(form_class(instance=model(plan=plan)))


def test_a_rejected_form_shows_its_own_values_and_errors(plan):
    crispy_form(forms.NetworkingStepForm(instance=NetworkingStep(plan=plan)))  # the blank one is cached
    data = {"who": "Ana <b>from</b> the meetup", "kind": "coffee_chat", "date": "2026-05-02"}
    rejected = forms.NetworkingStepForm({**data, "follow_up_on": "2026-05-01"}, instance=NetworkingStep(plan=plan))
    assert not rejected.is_valid()
    html = crispy_form(rejected)
    assert "Ana &lt;b&gt;from&lt;/b&gt; the meetup" in html
    assert "The follow-up date cannot be before the date of the step." in html


def test_an_edit_form_shows_the_items_values(plan):
    case = PortfolioCase.objects.create(plan=plan, title="Checkout redesign", problem="Drop-off at payment")
    html = crispy_form(forms.PortfolioCaseForm(instance=case))
    assert 'value="Checkout redesign"' in html and "Drop-off at payment" in html
    assert f"id_portfoliocase{case.pk}_title" in html


def test_the_cache_is_per_day(plan, monkeypatch):
    from plans.templatetags import plan_tags

    days = iter([datetime.date(2026, 3, 1), datetime.date(2026, 3, 2)])
    monkeypatch.setattr(plan_tags.timezone, "localdate", lambda: next(days))
    rendered = []
    monkeypatch.setattr(plan_tags, "as_crispy_form", lambda form: rendered.append(form) or "<form>")
    plan_tags._blank_form.cache_clear()
    crispy_form(forms.PortfolioCaseForm(instance=PortfolioCase(plan=plan)))
    crispy_form(forms.PortfolioCaseForm(instance=PortfolioCase(plan=plan)))
    assert len(rendered) == 2
