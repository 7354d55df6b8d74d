"""Career content from the source article, editable by staff in the admin.

Every model has a slug (or key) and a natural key so `loaddata` of the
fixtures updates rows in place instead of duplicating or replacing them, which
keeps every user's progress attached to the same rows.
"""

from __future__ import annotations

import copy

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from . import assessment

# A result is written down in each of these, English first (the result's own fields).
RESULT_LANGUAGES = [code for code, _name in settings.LANGUAGES]


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
    perfect_for = models.CharField(
        max_length=200,
        help_text="Who the track suits, completing “Perfect for: …”, e.g. “Tech-savvy individuals who love working "
        "with engineering teams”.",
    )
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

    def get_absolute_url(self) -> str:
        return self.track.get_absolute_url() + "#do-heading"


class Skill(RetirableContent):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="skills")
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)

    class Meta(RetirableContent.Meta):
        pass

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.track.get_absolute_url() + "#skills-heading"

    @property
    def title(self) -> str:
        """What a plan row calls it (courses, roles and first steps have a title field)."""
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

    def get_absolute_url(self) -> str:
        if self.track_id is None:
            return reverse("careers:guide") + "#ladder"
        return self.track.get_absolute_url() + "#progression-heading"


class CourseLevel(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")
    MIXED = "mixed", _("Mixed levels")
    UNKNOWN = "unknown", _("Unknown")


class CostModel(models.TextChoices):
    FREE = "free", _("Free")
    SUBSCRIPTION = "subscription", _("Subscription")
    PAID = "paid", _("Paid")
    FINANCIAL_AID = "financial_aid", _("Financial aid available")
    UNKNOWN = "unknown", _("Unknown")


class Course(RetirableContent):
    """A recommended course or certificate. It can belong to several tracks;
    one with no track is recommended for every track ("general").

    Its facts come from the provider's public course page. A fact nobody has
    checked stays unknown (an empty text, or "Unknown" for level and cost),
    and the site says "unknown" rather than guessing."""

    UNKNOWN = "unknown"

    tracks = models.ManyToManyField(
        Track, related_name="courses", blank=True, help_text="Leave empty for a course recommended for every track."
    )
    title = models.CharField(max_length=200)
    provider = models.CharField(max_length=100, help_text="Who teaches it, written out: “University of Michigan”.")
    url = models.URLField(max_length=300, verbose_name="link", help_text="The provider's public course page.")
    description = models.TextField(blank=True, help_text="What the provider's page says the course teaches.")
    level = models.CharField(max_length=20, choices=CourseLevel.choices, default=CourseLevel.UNKNOWN)
    duration = models.CharField(
        max_length=60, blank=True, help_text="As the provider states it, e.g. “3 months”. Empty: unknown."
    )
    weekly_effort = models.CharField(
        max_length=60,
        blank=True,
        help_text="Hours a week the provider suggests, e.g. “10 hours a week”. Empty: unknown.",
    )
    cost_model = models.CharField("cost", max_length=20, choices=CostModel.choices, default=CostModel.UNKNOWN)
    language = models.CharField(
        max_length=40, blank=True, help_text="The language it is taught in, e.g. “English”. Empty: unknown."
    )
    facts_source = models.CharField(
        "where the facts come from",
        max_length=300,
        blank=True,
        help_text="The page the facts were taken from and the day they were checked, and what could not be "
        "checked, e.g. “Provider\u2019s course page, checked 2026-11-30”.",
    )

    class Meta(RetirableContent.Meta):
        constraints = [
            models.CheckConstraint(condition=models.Q(level__in=CourseLevel.values), name="course_level_valid"),
            models.CheckConstraint(condition=models.Q(cost_model__in=CostModel.values), name="course_cost_model_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.title} by {self.provider}"

    def get_absolute_url(self) -> str:
        """The catalogue, showing the course's first track (or the general courses)."""
        track = next(iter(self.tracks.all()), None)
        return reverse("careers:courses") + f"?track={track.slug if track else 'general'}"

    @property
    def facts(self) -> list[tuple[str, str]]:
        """(label, value) of every fact, "unknown" where nobody has checked it (the
        template says it in the page's language)."""
        return [
            (
                pgettext_lazy("course", "Level"),
                self.get_level_display() if self.level != self.UNKNOWN else self.UNKNOWN,
            ),
            (_("Duration"), self.duration or self.UNKNOWN),
            (_("Weekly effort"), self.weekly_effort or self.UNKNOWN),
            (_("Cost"), self.get_cost_model_display() if self.cost_model != self.UNKNOWN else self.UNKNOWN),
            (pgettext_lazy("course", "Language"), self.language or self.UNKNOWN),
        ]


class Industry(SluggedContent):
    """An industry where a track is in demand."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="industries")
    name = models.CharField(max_length=100)

    class Meta(SluggedContent.Meta):
        verbose_name_plural = "industries"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.track.get_absolute_url() + "#industries-heading"


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

    def get_absolute_url(self) -> str:
        return reverse("careers:guide") + "#background"


class WorkEnvironment(SluggedContent):
    name = models.CharField(max_length=60)
    description = models.CharField(max_length=200)

    class Meta(SluggedContent.Meta):
        pass

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("careers:guide") + "#preferences"


class FirstStep(RetirableContent):
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)

    class Meta(RetirableContent.Meta):
        pass

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("careers:guide") + "#first-steps"


class Habit(RetirableContent):
    """What successful product managers do."""

    text = models.CharField(max_length=200)

    class Meta(RetirableContent.Meta):
        pass

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("careers:guide") + "#habit-heading"

    @property
    def title(self) -> str:
        """What a plan row calls it (courses, roles and first steps have a title field)."""
        return self.text


class EntryRoute(SluggedContent):
    """A way into product management: internships, networking, learning."""

    title = models.CharField(max_length=100)
    detail = models.TextField()

    class Meta(SluggedContent.Meta):
        pass

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("careers:guide") + "#breaking-in"


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

    def get_absolute_url(self) -> str:
        """The guide lists the agree/disagree questions; the others are only asked in the assessment."""
        if self.kind == self.Kind.SCALE:
            return reverse("careers:guide") + "#self-discovery"
        return reverse("careers:assessment")


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

    min_lean = models.PositiveSmallIntegerField(
        "lean needed",
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(assessment.FULL)],
        help_text="Scores run up to +100. The leading track needs at least this score to be recommended at all; "
        "below it the result says “no clear preference yet”. At least 1, so answering every question the same "
        "way can never produce a recommendation.",
    )
    clear_lead = models.PositiveSmallIntegerField(
        "clear lead",
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(assessment.FULL)],
        help_text="How many points the leading track must be ahead of the next one to be called the best fit. "
        "Closer than that, the result is a close call between them.",
    )
    near_tie_margin = models.PositiveSmallIntegerField(
        default=5,
        validators=[MaxValueValidator(50)],
        help_text="Earlier scoring method (v1) only, kept for the record: tracks within this many percentage points "
        "of the top score counted as a near tie.",
    )

    class Meta:
        verbose_name = "assessment settings"
        verbose_name_plural = "assessment settings"

    def __str__(self) -> str:
        return "Assessment settings"

    @classmethod
    def current(cls) -> AssessmentSettings:
        return cls.objects.get_or_create(pk=1)[0]

    def thresholds(self) -> assessment.Thresholds:
        return assessment.Thresholds(min_lean=self.min_lean, clear_lead=self.clear_lead)


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

    options = list(question.options.all())
    advice_title = advice = subject = track = ""
    if option.background:
        advice_title, advice = option.background.name, option.background.advice
        track = option.background.track.slug if option.background.track else ""
    elif option.industry:
        subject, track = option.industry.name, option.industry.track.slug
        advice_title = gettext("Industry: %(industry)s") % {"industry": subject}
        advice = gettext("An industry where %(track)s roles are in demand.") % {
            "track": option.industry.track.short_name
        }
    elif option.environment:
        subject = option.environment.name
        advice_title = gettext("Work environment: %(environment)s") % {"environment": subject}
        advice = option.environment.description
    return assessment.Answer(
        key=question.slug,
        question=question.text,
        kind=question.kind,
        choice=option.label,
        position=options.index(option),
        options=tuple(points_of(o) for o in options),
        explanation=assessment.explain(question.text, question.kind, option.label, option.phrase),
        advice_title=advice_title,
        advice=advice,
        advice_subject=subject,
        advice_track=track,
        fundamentals=bool(option.background and option.background.track_id is None),
    )


def assessment_warnings() -> list[str]:
    """What is lopsided or unreachable in the active questions' weights (for the admin)."""
    tracks = list(Track.objects.all())
    answers = [_snapshot(q, q.options.all()[0], tracks) for q in assessment_questions() if q.options.all()]
    return assessment.balance_warnings(answers, [assessment.TrackRef(t.slug, t.short_name) for t in tracks])


def option_effects() -> dict[int, dict[str, int]]:
    """How far choosing each option of the active questions moves each track's score, by option id
    (see `assessment.answer_effects`)."""
    tracks = list(Track.objects.all())
    questions = [q for q in assessment_questions() if q.options.all()]
    answers = [_snapshot(q, q.options.all()[0], tracks) for q in questions]
    effects = assessment.answer_effects(answers, [assessment.TrackRef(t.slug, t.short_name) for t in tracks])
    return {
        option.pk: {t.slug: assessment.rounded(row[t.slug]) for t in tracks}
        for question, rows in zip(questions, effects, strict=True)
        for option, row in zip(question.options.all(), rows, strict=True)
    }


class AssessmentResult(models.Model):
    """A finished assessment. It keeps what was asked, answered and computed,
    so it reads the same however the questions, weights and scoring change later."""

    SESSION_KEY = "assessment_result"

    class Method(models.TextChoices):
        # The characters as such, not \u escapes: makemessages (xgettext) would keep the escape in the msgid.
        V1 = "v1", _("Earlier method: share of each track’s points")  # noqa: RUF001
        V2 = "v2", _("Preference profile: −100 to +100")  # noqa: RUF001

    class Verdict(models.TextChoices):
        BEST_FIT = assessment.BEST_FIT, _("Best fit")
        CLOSE_CALL = assessment.CLOSE_CALL, _("Close call")
        NO_PREFERENCE = assessment.NO_PREFERENCE, _("No clear preference yet")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessment_results",
        help_text="Empty while the visitor is anonymous; filled in when they sign up or log in.",
    )
    created = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    # The default is the earlier method: rows from before v2 got it in the migration; `record` sets v2.
    method = models.CharField(
        max_length=2,
        choices=Method.choices,
        default=Method.V1,
        help_text="How the result was scored. A result keeps the method it was scored with.",
    )
    verdict = models.CharField(max_length=20, choices=Verdict.choices, blank=True)
    answers = models.JSONField(default=list, help_text="Each question as asked, the answer and its points.")
    scores = models.JSONField(default=list, help_text="The tracks ranked, with their scores.")
    clarity = models.SmallIntegerField(
        null=True, blank=True, help_text="How many points the leading track is ahead of the next (v2)."
    )
    contributions = models.JSONField(
        default=dict,
        blank=True,
        help_text="The answers that moved the result, by the track they pulled towards, and those that counted "
        "for nothing (v2).",
    )
    translations = models.JSONField(
        default=dict,
        blank=True,
        help_text="The result's words in the site's other languages, as they read on the day: answers, scores, "
        "contributions and the recommended track's name by language. Empty for results from before.",
    )
    reasons = models.JSONField(default=list, help_text="The answers that counted most for the recommendation (v1).")
    near_tie = models.BooleanField(default=False)
    near_tie_margin = models.PositiveSmallIntegerField(default=5)
    min_lean = models.PositiveSmallIntegerField(null=True, blank=True, help_text="The settings of the day (v2).")
    clear_lead = models.PositiveSmallIntegerField(null=True, blank=True, help_text="The settings of the day (v2).")
    recommended_track = models.ForeignKey(Track, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recommended_slug = models.SlugField(max_length=80, blank=True)
    recommended_name = models.CharField(max_length=100, blank=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The result this attempt retook, to show what changed.",
    )

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.headline} · {self.created:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("careers:assessment_result", args=[self.pk])

    @classmethod
    def record(
        cls, questions: list[Question], chosen: dict[str, str], user=None, previous: AssessmentResult | None = None
    ) -> AssessmentResult:
        """Score the chosen option slugs (by question slug) and save the result.
        Every question must have a valid answer: see `first_unanswered`."""
        tracks = list(Track.objects.all())
        config = AssessmentSettings.current()
        chosen_options = [next(o for o in q.options.all() if o.slug == chosen[q.slug]) for q in questions]
        # The same answers in every language (the scores are the same; the words are each language's).
        texts = {}
        for language in RESULT_LANGUAGES:
            with translation.override(language):
                refs = [assessment.TrackRef(t.slug, t.short_name) for t in tracks]
                answers = [_snapshot(q, o, tracks) for q, o in zip(questions, chosen_options, strict=True)]
                outcome = assessment.score(answers, refs, config.thresholds())
                notes = assessment.advice_notes(outcome, refs)
                contenders = {s.slug for s in outcome.contenders}
                leaning = None if outcome.verdict == assessment.NO_PREFERENCE else outcome.leader
                track = next((t for t in tracks if leaning and t.slug == leaning.slug), None)
                texts[language] = {
                    "answers": [{**a.to_dict(), "advice_note": n} for a, n in zip(answers, notes, strict=True)],
                    "scores": [{**s.to_dict(), "contender": s.slug in contenders} for s in outcome.scores],
                    "contributions": assessment.grouped_contributions(outcome, refs),
                    "recommended_name": track.short_name if track else "",
                }
        english = texts.pop(settings.LANGUAGE_CODE)
        return cls.objects.create(
            user=user if user and user.is_authenticated else None,
            method=cls.Method.V2,
            verdict=outcome.verdict,
            answers=english["answers"],
            scores=english["scores"],
            clarity=outcome.clarity,
            contributions=english["contributions"],
            translations=texts,
            near_tie=outcome.verdict == assessment.CLOSE_CALL,
            min_lean=config.min_lean,
            clear_lead=config.clear_lead,
            recommended_track=track,
            recommended_slug=track.slug if track else "",
            recommended_name=english["recommended_name"],
            previous=previous if previous and previous.user_id == (user.pk if user else None) else None,
        )

    def in_language(self, language: str) -> AssessmentResult:
        """The result with its words in `language` as they were written on the day, when it
        has them (results from before a language was added read as they were, in English).
        A copy for showing, never saved; the result it retook (when loaded) likewise."""
        shown = copy.copy(self)  # Django copies the instance's state and its cache of related rows
        texts = (self.translations or {}).get(language)
        if texts:
            for name in ("answers", "scores", "contributions", "recommended_name"):
                setattr(shown, name, texts[name])
        if self.previous_id and "previous" in self._state.fields_cache:
            shown.previous = self.previous.in_language(language)
        return shown

    @classmethod
    def adopt_from_session(cls, session, user) -> int:
        """Give the anonymous result kept in this session to the user."""
        pk = session.get(cls.SESSION_KEY)
        if not isinstance(pk, int):
            return 0
        return cls.objects.filter(pk=pk, user__isnull=True).update(user=user)

    @property
    def is_v1(self) -> bool:
        return self.method == self.Method.V1

    @property
    def winner(self) -> dict:
        return self.scores[0]

    @property
    def contenders(self) -> list[dict]:
        """v1: other tracks within the near-tie margin; v2: the tracks a close call is between, leader first."""
        if self.is_v1:
            return [s for s in self.scores[1:] if s.get("close")]
        return [self.scores[0], *(s for s in self.scores[1:] if s.get("contender"))] if self.near_tie else []

    @property
    def v1_close_names(self) -> str:
        """v1 near tie: the winner and the close tracks, "Technical PM (80%) and UX PM (18%)"."""
        # Translators: a track and its share of the points in a list, "UX PM (18%)".
        shares = [
            gettext("%(track)s (%(percent)s%%)") % {"track": s["name"], "percent": s["percent"]}
            for s in [self.winner, *self.contenders]
        ]
        return assessment.names_and(shares)

    @property
    def undecided(self) -> bool:
        if self.is_v1:
            return not self.winner["points"]
        return self.verdict == self.Verdict.NO_PREFERENCE

    @property
    def headline(self) -> str:
        """The result in a few words, as the history lists it."""
        if self.is_v1:
            return self.recommended_name or gettext("No track stood out")
        if self.verdict == self.Verdict.CLOSE_CALL:
            # Translators: between two track names, "UX PM or Strategic PM".
            tracks = pgettext("either track", " or ").join(s["name"] for s in self.contenders)
            return gettext("Close call: %(tracks)s") % {"tracks": tracks}
        if self.verdict == self.Verdict.BEST_FIT:
            return gettext("Best fit: %(track)s") % {"track": self.recommended_name}
        return str(self.get_verdict_display())

    @property
    def shown_scores(self) -> list[tuple[str, str]]:
        """(track, score as shown) in ranking order: percentages for v1, signed points for v2."""
        if self.is_v1:
            return [(s["name"], f"{s['percent']}%") for s in self.scores]
        return [(s["name"], assessment.signed(s["score"])) for s in self.scores]

    @property
    def advice(self) -> list[dict]:
        return [a for a in self.answers if a.get("advice")]

    @property
    def fundamentals_first(self) -> bool:
        return any(a.get("fundamentals") for a in self.answers)

    def stored(self) -> dict:
        return {"method": self.method, "scores": self.scores, "answers": self.answers}

    def changes_since_previous(self) -> dict | None:
        """Scores before -> after and the answers that changed, against the result this one retook."""
        return assessment.changes(self.previous.stored(), self.stored()) if self.previous else None


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
