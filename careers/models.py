"""Career content from the source article, editable by staff in the admin.

Every model has a slug (or key) and a natural key so `loaddata` of the
fixtures updates rows in place instead of duplicating or replacing them, which
keeps every user's progress attached to the same rows.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse


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


class Skill(SluggedContent):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="skills")
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)

    class Meta(SluggedContent.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class Role(SluggedContent):
    """A step of a career ladder: a track's progression, or the general
    leadership ladder when `track` is empty."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="roles", null=True, blank=True)
    title = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)

    class Meta(SluggedContent.Meta):
        pass

    def __str__(self) -> str:
        return self.title


class Course(SluggedContent):
    """A recommended course or certificate; general ones have no track."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="courses", null=True, blank=True)
    title = models.CharField(max_length=200)
    provider = models.CharField(max_length=100)
    url = models.URLField(max_length=300, verbose_name="link")
    duration = models.CharField(max_length=60, blank=True)
    level = models.CharField(max_length=60, blank=True)
    description = models.TextField(blank=True)

    class Meta(SluggedContent.Meta):
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


class FirstStep(SluggedContent):
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)

    class Meta(SluggedContent.Meta):
        pass

    def __str__(self) -> str:
        return self.title


class Habit(SluggedContent):
    """What successful product managers do."""

    text = models.CharField(max_length=200)

    class Meta(SluggedContent.Meta):
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
