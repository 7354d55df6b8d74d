"""Career content from the source article, editable by staff in the admin.

Every model has a slug (or key) and a natural key so `loaddata` of the
fixtures updates rows in place instead of duplicating or replacing them, which
keeps every user's progress attached to the same rows.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from . import assessment


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class SluggedContent(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = SlugManager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class RetirableQuerySet(models.QuerySet):
    def offered(self) -> RetirableQuerySet:
        """What the catalogue, track pages and new plans show."""
        return self.filter(retired=False)


class RetirableContent(SluggedContent):
    """Content that people's progress points at. It is never deleted while
    someone uses it (their rows PROTECT it): staff retire it instead, which
    hides it from the catalogue, track pages and new plans and keeps it,
    labelled "no longer offered", in the plans that have it."""

    retired = models.BooleanField(
        default=False,
        help_text="Retired content disappears from the catalogue, track pages and new plans; "
        "people who have it in their plan keep it, labelled “no longer offered”.",
    )

    objects = SlugManager.from_queryset(RetirableQuerySet)()

    class Meta(SluggedContent.Meta):
        abstract = True

    def in_use(self) -> bool:
        """Whether anyone's progress points at it (then it can only be retired)."""
        relations = [
            field
            for field in self._meta.get_fields(include_hidden=True)  # hidden: related_name="+"
            if field.one_to_many and field.auto_created and field.on_delete is models.PROTECT
        ]
        return any(r.related_model._default_manager.filter(**{r.field.name: self}).exists() for r in relations)


class Track(SluggedContent):
    name = models.CharField(max_length=100, help_text="Full name, e.g. “The Technical Product Manager”.")
    short_name = models.CharField(max_length=40, help_text="Short label, e.g. “Technical PM”.")
    most_suitable_for = models.CharField(max_length=200)
    perfect_for = models.CharField(max_length=200)
    summary = models.TextField(help_text="A paragraph introducing the track.")

    class Meta(SluggedContent.Meta):
        pass

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("careers:track", args=[self.slug])


class Responsibility(SluggedContent):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="responsibilities")
    text = models.CharField(max_length=200)

    class Meta(SluggedContent.Meta):
        verbose_name_plural = "responsibilities"

    def __str__(self) -> str:
        return self.text


class Skill(RetirableContent):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="skills")
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)

    class Meta(RetirableContent.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class Role(RetirableContent):
    """A step of a career ladder: a track's progression, or the general
    leadership ladder when `track` is empty."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="roles", null=True, blank=True)
    title = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)

    class Meta(RetirableContent.Meta):
        pass

    def __str__(self) -> str:
        return self.title


class Course(RetirableContent):
    """A recommended course or certificate. It can belong to several tracks;
    one with no track is recommended for every track ("general")."""

    tracks = models.ManyToManyField(
        Track, related_name="courses", blank=True, help_text="Leave empty for a course recommended for every track."
    )
    title = models.CharField(max_length=200)
    provider = models.CharField(max_length=100)
    url = models.URLField(max_length=300, verbose_name="link")
    duration = models.CharField(max_length=60, blank=True)
    level = models.CharField(max_length=60, blank=True)
    description = models.TextField(blank=True)

    class Meta(RetirableContent.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.title} by {self.provider}"


class Industry(SluggedContent):
    """An industry where a track is in demand."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="industries")
    name = models.CharField(max_length=100)

    class Meta(SluggedContent.Meta):
        verbose_name_plural = "industries"

    def __str__(self) -> str:
        return self.name


class Background(SluggedContent):
    name = models.CharField(max_length=60)
    track = models.ForeignKey(
        Track,
        on_delete=models.SET_NULL,
        related_name="backgrounds",
        null=True,
        blank=True,
        help_text="The track this background leads to; empty for “New to Product”.",
    )
    advice = models.CharField(max_length=300)

    class Meta(SluggedContent.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class WorkEnvironment(SluggedContent):
    name = models.CharField(max_length=60)
    description = models.CharField(max_length=200)

    class Meta(SluggedContent.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class FirstStep(RetirableContent):
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)

    class Meta(RetirableContent.Meta):
        pass

    def __str__(self) -> str:
        return self.title


class Habit(RetirableContent):
    """What successful product managers do."""

    text = models.CharField(max_length=200)

    class Meta(RetirableContent.Meta):
        pass

    def __str__(self) -> str:
        return self.text


class EntryRoute(SluggedContent):
    """A way into product management: internships, networking, learning."""

    title = models.CharField(max_length=100)
    detail = models.TextField()

    class Meta(SluggedContent.Meta):
        pass

    def __str__(self) -> str:
        return self.title


class ContentBlock(SluggedContent):
    """A titled paragraph of site copy, looked up by slug in views."""

    title = models.CharField(max_length=200, blank=True)
    body = models.TextField()

    class Meta(SluggedContent.Meta):
        pass

    def __str__(self) -> str:
        return self.title or self.slug


class Question(SluggedContent):
    """An assessment question. Scale questions are the article's eight
    self-discovery questions; the others ask for background, industry and
    work environment."""

    class Kind(models.TextChoices):
        SCALE = "scale", "Agree / disagree scale"
        BACKGROUND = "background", "Background"
        INDUSTRY = "industry", "Industry"
        ENVIRONMENT = "environment", "Work environment"

    text = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SCALE)
    help_text = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)

    class Meta(SluggedContent.Meta):
        pass

    def __str__(self) -> str:
        return self.text


# --- Self-discovery assessment ------------------------------------------------


class AnswerOptionManager(models.Manager):
    def get_by_natural_key(self, question_slug: str, slug: str):
        return self.get(question__slug=question_slug, slug=slug)


class AnswerOption(models.Model):
    """One answer a question offers, with its points towards each track.

    Options of the background, industry and environment questions point at the
    article's rows so a result can quote the article's advice for them."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    slug = models.SlugField(max_length=80)
    order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=100, help_text="What the visitor picks, e.g. “Strongly agree”.")
    phrase = models.CharField(
        max_length=200,
        blank=True,
        help_text="How the answer reads in a result's explanation, after “You”: “strongly agreed” for a scale "
        "question (followed by “that …”), “have a technical background” for the others. "
        "Empty: the result quotes the question and the answer.",
    )
    background = models.ForeignKey(Background, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    industry = models.ForeignKey(Industry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    environment = models.ForeignKey(WorkEnvironment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = AnswerOptionManager()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "slug"], name="unique_option_slug_per_question")]

    def __str__(self) -> str:
        return self.label

    def natural_key(self) -> tuple[str, str]:
        return (self.question.slug, self.slug)

    natural_key.dependencies = ["careers.question"]


class OptionWeightManager(models.Manager):
    def get_by_natural_key(self, question_slug: str, option_slug: str, track_slug: str):
        return self.get(option__question__slug=question_slug, option__slug=option_slug, track__slug=track_slug)


class OptionWeight(models.Model):
    """Points an answer gives a track; a missing row counts as zero."""

    option = models.ForeignKey(AnswerOption, on_delete=models.CASCADE, related_name="weights")
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(20)])

    objects = OptionWeightManager()

    class Meta:
        ordering = ["option", "track__order"]
        constraints = [models.UniqueConstraint(fields=["option", "track"], name="unique_weight_per_option_track")]

    def __str__(self) -> str:
        return f"{self.option}: {self.points} {self.track}"

    def natural_key(self) -> tuple[str, str, str]:
        return (*self.option.natural_key(), self.track.slug)

    natural_key.dependencies = ["careers.answeroption", "careers.track"]


class AssessmentSettings(models.Model):
    """Site-wide assessment settings: a single row, created on first use."""

    near_tie_margin = models.PositiveSmallIntegerField(
        default=5,
        validators=[MaxValueValidator(50)],
        help_text="Tracks whose scores are within this many percentage points of the top score count as a near "
        "tie: the result then recommends comparing them.",
    )

    class Meta:
        verbose_name = "assessment settings"
        verbose_name_plural = "assessment settings"

    def __str__(self) -> str:
        return "Assessment settings"

    @classmethod
    def current(cls) -> AssessmentSettings:
        return cls.objects.get_or_create(pk=1)[0]


def assessment_questions() -> list[Question]:
    """The active questions in step order, with what scoring and advice need."""
    options = AnswerOption.objects.select_related("background__track", "industry__track", "environment")
    return list(
        Question.objects.filter(active=True).prefetch_related(
            Prefetch("options", options), Prefetch("options__weights", OptionWeight.objects.select_related("track"))
        )
    )


def _snapshot(question: Question, option: AnswerOption, tracks: list[Track]) -> assessment.Answer:
    def points_of(opt: AnswerOption) -> dict[str, int]:
        given = {w.track.slug: w.points for w in opt.weights.all()}
        return {t.slug: given.get(t.slug, 0) for t in tracks}

    every_option = [points_of(o) for o in question.options.all()]
    advice_title = advice = ""
    if option.background:
        advice_title, advice = option.background.name, option.background.advice
    elif option.industry:
        advice_title = f"Industry: {option.industry.name}"
        advice = f"An industry where {option.industry.track.short_name} roles are in demand."
    elif option.environment:
        advice_title, advice = f"Work environment: {option.environment.name}", option.environment.description
    return assessment.Answer(
        question=question.text,
        choice=option.label,
        explanation=assessment.explain(question.text, question.kind, option.label, option.phrase),
        points=points_of(option),
        max_points={t.slug: max((p[t.slug] for p in every_option), default=0) for t in tracks},
        advice_title=advice_title,
        advice=advice,
        fundamentals=bool(option.background and option.background.track_id is None),
    )


class AssessmentResult(models.Model):
    """A finished assessment. It keeps what was asked, answered and computed,
    so it reads the same however the questions and weights change later."""

    SESSION_KEY = "assessment_result"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessment_results",
        help_text="Empty while the visitor is anonymous; filled in when they sign up or log in.",
    )
    created = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    answers = models.JSONField(default=list, help_text="Each question as asked, the answer and its points.")
    scores = models.JSONField(default=list, help_text="The tracks ranked, with points and percentages.")
    reasons = models.JSONField(default=list, help_text="The answers that counted most for the recommendation.")
    near_tie = models.BooleanField(default=False)
    near_tie_margin = models.PositiveSmallIntegerField(default=5)
    recommended_track = models.ForeignKey(Track, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recommended_slug = models.SlugField(max_length=80)
    recommended_name = models.CharField(max_length=100)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.recommended_name} · {self.created:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("careers:assessment_result", args=[self.pk])

    @classmethod
    def record(cls, questions: list[Question], chosen: dict[str, str], user=None) -> AssessmentResult:
        """Score the chosen option slugs (by question slug) and save the result.
        Every question must have a valid answer: see `first_unanswered`."""
        tracks = list(Track.objects.all())
        margin = AssessmentSettings.current().near_tie_margin
        answers = []
        for question in questions:
            option = next(o for o in question.options.all() if o.slug == chosen[question.slug])
            answers.append(_snapshot(question, option, tracks))
        outcome = assessment.score(answers, [assessment.TrackRef(t.slug, t.short_name) for t in tracks], margin)
        winner = outcome.winner
        return cls.objects.create(
            user=user if user and user.is_authenticated else None,
            answers=[a.to_dict() for a in answers],
            scores=[s.to_dict() for s in outcome.scores],
            reasons=[r.to_dict() for r in outcome.reasons],
            near_tie=outcome.near_tie,
            near_tie_margin=margin,
            recommended_track=next(t for t in tracks if t.slug == winner.slug),
            recommended_slug=winner.slug,
            recommended_name=winner.name,
        )

    @classmethod
    def adopt_from_session(cls, session, user) -> int:
        """Give the anonymous result kept in this session to the user."""
        pk = session.get(cls.SESSION_KEY)
        if not isinstance(pk, int):
            return 0
        return cls.objects.filter(pk=pk, user__isnull=True).update(user=user)

    @property
    def winner(self) -> dict:
        return self.scores[0]

    @property
    def contenders(self) -> list[dict]:
        """Other tracks within the near-tie margin of the recommended one."""
        return [s for s in self.scores[1:] if s.get("close")]

    @property
    def undecided(self) -> bool:
        return not self.winner["points"]

    @property
    def advice(self) -> list[dict]:
        return [a for a in self.answers if a.get("advice")]

    @property
    def fundamentals_first(self) -> bool:
        return any(a.get("fundamentals") for a in self.answers)


def first_unanswered(questions: list[Question], chosen: dict[str, str]) -> int | None:
    """The 1-based step of the first question without a valid answer, if any."""
    for number, question in enumerate(questions, start=1):
        if chosen.get(question.slug) not in {o.slug for o in question.options.all()}:
            return number
    return None


class ContentVersion(models.Model):
    """One row whose token changes whenever staff change career content.

    Caches of content (rendered fragments, a plan's synced rows) are keyed by
    the token, so every process sees a change at once, whatever cache backend
    it has. A random token, not a counter: a rolled-back or restored database
    can never bring back a token whose cached content is stale."""

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token


class LoadedContent(models.Model):
    """A piece of content that `load_content` loaded from the fixtures, so the
    next load can tell content the fixtures dropped from content staff added."""

    model = models.CharField(max_length=100)  # "careers.course"
    slug = models.SlugField(max_length=80)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "slug"], name="one_record_per_loaded_content")]

    def __str__(self) -> str:
        return f"{self.model} {self.slug}"
