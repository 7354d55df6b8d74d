"""The career content in fixtures/ holds every fact of the source article."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from careers.models import (
    Background,
    ContentBlock,
    Course,
    EntryRoute,
    FirstStep,
    Habit,
    Industry,
    Question,
    Responsibility,
    Role,
    Skill,
    Track,
    WorkEnvironment,
)

pytestmark = pytest.mark.django_db

ARTICLE_COURSES = {
    "technical": {
        ("Product Development for Technical Managers Specialization", "University of Colorado Boulder"),
        ("Google Project Management Professional Certificate", "Google"),
    },
    "ux": {
        ("UX Design Professional Certificate", "Google"),
        ("User Experience Research and Design", "University of Michigan"),
        ("UX Research at Scale: Survey, Analytics, Online Testing", "University of Michigan"),
    },
    "strategic": {
        ("Product Analytics and AI", "University of Virginia"),
        ("Product Management: Initial Product Strategy and Plan", "SkillUp EdTech"),
    },
}


def test_three_tracks_in_article_order():
    assert [t.short_name for t in Track.objects.all()] == ["Technical PM", "UX PM", "Strategic PM"]
    # One "perfect for" per track; where the article's table and map disagreed ("team"/"teams"), the map's.
    assert dict(Track.objects.values_list("slug", "perfect_for")) == {
        "technical": "Tech-savvy individuals who love working with engineering teams",
        "ux": "Customer-focused individuals who love design thinking",
        "strategic": "Business-minded individuals who love strategy and market analysis",
    }


def test_each_track_has_its_article_courses():
    for slug, expected in ARTICLE_COURSES.items():
        courses = {(c.title, c.provider) for c in Course.objects.filter(tracks__slug=slug)}
        assert expected <= courses, slug


def test_general_ibm_certificate():
    ibm = Course.objects.get(tracks=None, provider="IBM")
    assert ibm.title == "IBM Product Manager Professional Certificate"
    assert "less than 3 months" in ibm.description
    assert "engage and manage key stakeholders and clients" in ibm.description


@pytest.mark.parametrize(
    ("slug", "responsibilities"),
    [
        (
            "technical",
            [
                "Guide technical product development",
                "Work closely with engineers",
                "Manage technical requirements",
                "Plan feature roadmaps",
            ],
        ),
        (
            "ux",
            ["Conduct user research", "Define user journeys", "Create product specs", "Drive UX improvements"],
        ),
        (
            "strategic",
            [
                "Develop product strategy",
                "Analyze market opportunities",
                "Define business models",
                "Drive growth initiatives",
            ],
        ),
    ],
)
def test_responsibilities(slug, responsibilities):
    assert [r.text for r in Responsibility.objects.filter(track__slug=slug)] == responsibilities


def test_skills_from_article_and_ux_filled_in():
    def names(slug):
        return [s.name for s in Skill.objects.filter(track__slug=slug)]

    assert names("technical") == ["Technical understanding", "System architecture", "Feature prioritization"]
    assert names("strategic") == ["Market analysis", "Business strategy", "Revenue modeling"]
    assert len(names("ux")) >= 3  # the article leaves this list empty


def test_career_progression_in_order():
    def titles(slug):
        return [r.title for r in Role.objects.filter(track__slug=slug)]

    assert titles("technical") == [
        "Associate Technical Product Manager",
        "Senior Technical Product Manager",
        "Director of Technical Products",
    ]
    assert titles("ux")[0] == "Associate Product Manager" and len(titles("ux")) >= 3
    strategic = titles("strategic")
    assert strategic[-2:] == ["Senior PM, Strategy", "Director of Product Strategy"] and len(strategic) >= 3


def test_leadership_ladder_from_chinese_paragraphs():
    ladder = [r.title for r in Role.objects.filter(track__isnull=True)]
    assert ladder == [
        "Senior Product Manager",
        "Head of Product",
        "Director of Product",
        "VP of Product",
        "Chief Product Officer (CPO)",
    ]
    assert [e.title for e in EntryRoute.objects.all()] == ["Internships", "Networking", "Continuous learning"]


def test_industries_per_track():
    def industries(slug):
        return [i.name for i in Industry.objects.filter(track__slug=slug)]

    assert industries("technical") == ["Tech companies", "B2B products"]
    assert industries("ux") == ["Consumer products", "Digital services"]
    assert industries("strategic") == ["Enterprise products", "Startups"]


def test_backgrounds_and_environments():
    assert [(b.name, b.track and b.track.slug, b.advice) for b in Background.objects.all()] == [
        ("Technical Background", "technical", "Technical PM path leverages your engineering knowledge"),
        ("Design Background", "ux", "UX PM path builds on your user-centered skills"),
        ("Business Background", "strategic", "Strategic PM path applies your business acumen"),
        ("New to Product", None, "Start with fundamentals and choose based on interests"),
    ]
    assert [(e.name, e.description) for e in WorkEnvironment.objects.all()] == [
        ("Startups", "Wear multiple hats"),
        ("Tech companies", "Specialized focus"),
        ("Enterprise", "Complex stakeholders"),
        ("Agencies", "Various products"),
    ]


def test_eight_self_discovery_questions():
    questions = [q.text for q in Question.objects.filter(kind=Question.Kind.SCALE)]
    assert len(questions) == 8
    assert questions[0] == "Do you enjoy solving complex problems?"
    assert questions[-1] == "Are you passionate about user needs?"


def test_first_steps_and_habits():
    assert [s.title for s in FirstStep.objects.all()] == [
        "Choose your path based on your background and interests.",
        "Build a portfolio of product cases.",
        "Network with product managers.",
    ]
    assert [h.text for h in Habit.objects.all()] == [
        "Stay current with market trends.",
        "Learn from user feedback.",
        "Build cross-functional skills.",
        "Develop leadership abilities.",
    ]


def test_article_sentences_are_site_copy():
    text = " ".join(ContentBlock.objects.values_list("body", flat=True))
    for sentence in [
        "Product management blends business strategy, user experience, and technology to create successful products.",
        "The field rewards both specialists and versatile leaders.",
        "The field rewards those who can balance user needs, business goals, and technical feasibility.",
        "Begin with the self-discovery questions, then explore the certifications and courses for your chosen path.",
        "competitive pay and career advancement",
        "for reference only",
    ]:
        assert sentence in text


def test_loading_twice_gives_the_same_database():
    def snapshot():
        return {
            model.__name__: sorted(model.objects.values_list("pk", "slug"))
            for model in (Track, Skill, Role, Course, Question, ContentBlock)
        }

    before = snapshot()
    call_command("load_content", verbosity=0)
    assert snapshot() == before


def test_reload_updates_an_edited_row_in_place():
    skill = Skill.objects.get(slug="technical-system-architecture")
    skill.name = "Edited by staff"
    skill.save()
    call_command("load_content", verbosity=0)
    skill.refresh_from_db()  # same row, same pk, fixture text back
    assert skill.name == "System architecture"


def test_fixtures_use_natural_keys_not_ids():
    for path in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"):
        for obj in json.loads(path.read_text()):
            assert "pk" not in obj, f"{path.name}: {obj['model']} has a pk; fixtures must use natural keys"
