"""The address a person picks for their page: its shape, reserved words, and one owner per address."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sharing.forms import PublicProfileForm
from sharing.models import RESERVED_SLUGS, PublicProfile, validate_public_slug
from tests.security.db_state import changed_tables, db_state

# The words the integrator's brief names, at the least.
MUST_BE_RESERVED = ["admin", "accounts", "account", "plan", "static", "api", "share", "portfolio", "www", "login"]


@pytest.mark.parametrize("slug", ["ana-lee", "pm2026", "abc", "a-b-c", "x" * 40, "2nd-career"])
def test_accepts_letters_digits_and_single_hyphens(slug):
    validate_public_slug(slug)


@pytest.mark.parametrize(
    ("slug", "code"),
    [
        ("ab", "length"),
        ("x" * 41, "length"),
        ("", "length"),
        ("-ana", "invalid"),
        ("ana-", "invalid"),
        ("ana--lee", "invalid"),
        ("Ana", "invalid"),  # stored lower-case: the form lowers what is typed
        ("ana_lee", "invalid"),
        ("ana lee", "invalid"),
        ("ana.lee", "invalid"),
        ("ana/lee", "invalid"),
        ("анна", "invalid"),
        ("ana\x00", "invalid"),
    ],
)
def test_refuses_other_shapes(slug, code):
    with pytest.raises(ValidationError) as refused:
        validate_public_slug(slug)
    assert refused.value.code == code


@pytest.mark.parametrize("slug", MUST_BE_RESERVED)
def test_refuses_reserved_words(slug):
    with pytest.raises(ValidationError, match="is reserved for the site") as refused:
        validate_public_slug(slug)
    assert refused.value.code == "reserved"


def first_segments(patterns=None, prefix: str = "") -> set[str]:
    """The first path segment of every URL the site answers."""
    found = set()
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver) and not route:
            found |= first_segments(entry.url_patterns, route)
        elif isinstance(entry, URLResolver | URLPattern) and route:
            found.add(route.split("/")[0].strip("^$"))
    return found


def test_every_path_of_the_site_is_reserved():
    # Should pages ever move from /p/<name>/ to /<name>/, no name could shadow a page of the site.
    segments = {s for s in first_segments() if len(s) >= 3 and "<" not in s}
    assert {"plan", "accounts", "account", "share", "shared-plan", "admin", "guide", "assessment"} <= segments
    assert segments <= RESERVED_SLUGS, sorted(segments - RESERVED_SLUGS)


# --- Through the form -----------------------------------------------------------------


def form_for(user, slug: str, instance=None) -> PublicProfileForm:
    data = {"display_name": "Ana Lee", "headline": "", "slug": slug}
    return PublicProfileForm(data, instance=instance, user=user)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["ADMIN", " Admin ", "Www", "PORTFOLIO"])
def test_the_form_lowers_what_is_typed_and_still_refuses_reserved_words(owner, slug):
    form = form_for(owner, slug)
    assert not form.is_valid()
    assert "is reserved for the site" in form.errors["slug"][0]


@pytest.mark.django_db
def test_the_form_stores_the_address_lower_case(owner):
    form = form_for(owner, "  Ana-Lee ")
    assert form.is_valid(), form.errors
    assert form.save().slug == "ana-lee"


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["ana-lee", "ANA-LEE", "Ana-Lee"])
def test_refuses_an_address_someone_else_has(owner, stranger, slug):
    PublicProfile.objects.create(user=stranger, display_name="Another Ana", slug="ana-lee")
    form = form_for(owner, slug)
    assert not form.is_valid()
    assert form.errors["slug"] == ["That address is taken. Choose another."]


@pytest.mark.django_db
def test_keeping_ones_own_address_is_fine(owner):
    mine = PublicProfile.objects.create(user=owner, display_name="Ana", slug="ana-lee")
    assert form_for(owner, "ana-lee", instance=mine).is_valid()


@pytest.mark.django_db
def test_an_empty_address_means_the_random_one(owner, stranger):
    PublicProfile.objects.create(user=stranger, display_name="Another", slug=None)
    form = form_for(owner, "")
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.slug is None and saved.url == f"/p/t/{saved.token}/"


@pytest.mark.django_db
def test_an_address_taken_while_the_form_was_checked_is_refused_cleanly(owner_client, stranger):
    # Two people saving the same address at the same moment: the database's unique index decides.
    PublicProfile.objects.create(user=stranger, display_name="Another Ana", slug="ana-lee")
    before = db_state()
    with (
        mock.patch.object(PublicProfileForm, "clean_slug", lambda form: "ana-lee"),
        mock.patch.object(PublicProfileForm, "validate_unique", lambda form: None),
    ):
        response = owner_client.post(
            reverse("sharing:profile"), {"display_name": "Ana Lee", "headline": "", "slug": "ana-lee"}
        )
    assert response.status_code == 422
    assert "Your page was not saved" in response.content.decode()
    assert changed_tables(before, db_state()) == []
