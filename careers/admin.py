from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from . import models
from .assessment import signed


def inline(model_cls, source_field: str):
    return type(
        f"{model_cls.__name__}Inline",
        (admin.TabularInline,),
        {"model": model_cls, "extra": 0, "ordering": ["order"], "prepopulated_fields": {"slug": (source_field,)}},
    )


@admin.register(models.Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "order", "most_suitable_for"]
    list_editable = ["order"]
    search_fields = ["name", "short_name", "summary", "most_suitable_for", "perfect_for"]
    prepopulated_fields = {"slug": ("short_name",)}
    inlines = [
        inline(models.Responsibility, "text"),
        inline(models.Skill, "name"),
        inline(models.Role, "title"),
        type(
            "CourseTrackInline",
            (admin.TabularInline,),
            {
                "model": models.Course.tracks.through,
                "extra": 0,
                "verbose_name": "course",
                "verbose_name_plural": "courses (edit a course on its own page)",
            },
        ),
        inline(models.Industry, "name"),
    ]


class ContentAdmin(admin.ModelAdmin):
    """Shared list settings for the per-row content models."""

    list_editable = ["order"]
    ordering = ["order"]


class RetirableAdmin(ContentAdmin):
    """Content that people's progress points at: retired, never deleted while in use."""

    actions = ["retire", "unretire"]

    @admin.action(description="Retire: hide from the catalogue, track pages and new plans")
    def retire(self, request: HttpRequest, queryset: QuerySet) -> None:
        changed = 0
        for obj in queryset.filter(retired=False):  # save() sends the signals that caches rely on
            obj.retired = True
            obj.save(update_fields=["retired"])
            changed += 1
        self.message_user(request, f"Retired {changed}. People who have them keep them, labelled “no longer offered”.")

    @admin.action(description="Offer again (un-retire)")
    def unretire(self, request: HttpRequest, queryset: QuerySet) -> None:
        changed = 0
        for obj in queryset.filter(retired=True):
            obj.retired = False
            obj.save(update_fields=["retired"])
            changed += 1
        self.message_user(request, f"Offered {changed} again: they appear in the catalogue and in plans.")

    def get_deleted_objects(self, objs, request: HttpRequest):
        """Refuse to delete content in use, saying what to do instead, and never
        list people's progress rows to staff."""
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            in_use = [obj for obj in objs if obj.in_use()]
            protected = [
                f"“{obj}” is in people's plans, so it cannot be deleted. Retire it instead (the “Retire” action "
                "on the list, or “Retired” on its page): it then disappears from the catalogue, track pages and "
                "new plans, and people keep their progress on it."
                for obj in in_use
            ]
        return to_delete, model_count, perms_needed, protected

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.in_use():
            self.message_user(
                request,
                f"“{obj}” is in people's plans, so it cannot be deleted, and nothing was deleted. Retire it "
                "instead: tick “Retired” below and save. It then disappears from the catalogue, track pages and "
                "new plans, and people keep their progress on it.",
                messages.ERROR,
            )
            return redirect(reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]))
        return super().delete_view(request, object_id, extra_context)


@admin.register(models.Responsibility)
class ResponsibilityAdmin(ContentAdmin):
    list_display = ["text", "track", "order"]
    list_filter = ["track"]
    search_fields = ["text"]
    prepopulated_fields = {"slug": ("text",)}


@admin.register(models.Skill)
class SkillAdmin(RetirableAdmin):
    list_display = ["name", "track", "retired", "order"]
    list_filter = ["track", "retired"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.Role)
class RoleAdmin(RetirableAdmin):
    list_display = ["title", "track", "retired", "order"]
    list_filter = ["track", "retired"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ("title",)}


@admin.register(models.Course)
class CourseAdmin(RetirableAdmin):
    list_display = ["title", "provider", "track_list", "duration", "level", "retired", "order"]
    list_filter = ["tracks", "retired", "provider", "level"]
    search_fields = ["title", "provider", "description"]
    filter_horizontal = ["tracks"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("tracks")

    @admin.display(description="tracks")
    def track_list(self, obj: models.Course) -> str:
        return ", ".join(t.short_name for t in obj.tracks.all()) or "Every track"

    prepopulated_fields = {"slug": ("title",)}


@admin.register(models.Industry)
class IndustryAdmin(ContentAdmin):
    list_display = ["name", "track", "order"]
    list_filter = ["track"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.Background)
class BackgroundAdmin(ContentAdmin):
    list_display = ["name", "track", "advice", "order"]
    list_filter = ["track"]
    search_fields = ["name", "advice"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.WorkEnvironment)
class WorkEnvironmentAdmin(ContentAdmin):
    list_display = ["name", "description", "order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.FirstStep)
class FirstStepAdmin(RetirableAdmin):
    list_display = ["title", "retired", "order"]
    list_filter = ["retired"]
    search_fields = ["title", "detail"]
    prepopulated_fields = {"slug": ("title",)}


@admin.register(models.Habit)
class HabitAdmin(RetirableAdmin):
    list_display = ["text", "retired", "order"]
    list_filter = ["retired"]
    search_fields = ["text"]
    prepopulated_fields = {"slug": ("text",)}


@admin.register(models.EntryRoute)
class EntryRouteAdmin(ContentAdmin):
    list_display = ["title", "order"]
    search_fields = ["title", "detail"]
    prepopulated_fields = {"slug": ("title",)}


@admin.register(models.ContentBlock)
class ContentBlockAdmin(ContentAdmin):
    list_display = ["slug", "title", "order"]
    search_fields = ["slug", "title", "body"]


class WarnsAboutWeights:
    """Every admin page that edits the assessment's weights or thresholds warns,
    while the problem lasts, when the weights leave a track's strongest lean
    (or its strongest lean away) unreachable or lopsided against the others."""

    def _warn_about_weights(self, request) -> None:
        if request.method == "GET":
            for warning in models.assessment_warnings():
                messages.warning(request, warning)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        self._warn_about_weights(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        self._warn_about_weights(request)
        return super().changelist_view(request, extra_context)


def effects_table(options: list[models.AnswerOption]) -> str:
    """What choosing each option adds to each track's score, as a small table."""
    tracks = list(models.Track.objects.all())
    effects = models.option_effects()
    head = format_html_join("", "<th scope='col'>{}</th>", ((t.short_name,) for t in tracks))
    rows = format_html_join(
        "",
        "<tr><th scope='row'>{}</th>{}</tr>",
        (
            (
                option.label,
                format_html_join("", "<td>{}</td>", ((signed(effects[option.pk][t.slug]),) for t in tracks)),
            )
            for option in options
            if option.pk in effects
        ),
    )
    return format_html(
        "<table><thead><tr><th scope='col'>Answer</th>{}</tr></thead><tbody>{}</tbody></table>"
        "<p class='help'>How far each answer moves each track\u2019s score, every other answer unchanged, on the "
        "scale where every track\u2019s strongest lean is +100: for an agree/disagree question compared with its "
        "middle answer, for the others compared with an answer that favours no track. Scale answers are also "
        "measured against the person\u2019s own way of answering, so agreeing with everything adds up to "
        "nothing. The figures use the saved weights of all active questions.</p>",
        head,
        rows,
    )


class AnswerOptionForm(forms.ModelForm):
    """An answer option with one points field per track (see AnswerOptionInline)."""

    tracks: list[models.Track] = []

    class Meta:
        model = models.AnswerOption
        fields = ["order", "label", "slug", "phrase", "background", "industry", "environment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            given = {w.track_id: w.points for w in self.instance.weights.all()}
            for track in self.tracks:
                self.initial[f"points_{track.slug}"] = given.get(track.pk, 0)

    def save_weights(self) -> None:
        for track in self.tracks:
            models.OptionWeight.objects.update_or_create(
                option=self.instance, track=track, defaults={"points": self.cleaned_data[f"points_{track.slug}"]}
            )


class AnswerOptionInline(admin.TabularInline):
    model = models.AnswerOption
    extra = 0
    ordering = ["order"]
    prepopulated_fields = {"slug": ("label",)}
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("weights")

    def get_formset(self, request, obj=None, **kwargs):
        # One "points" column per track, so staff weigh every answer on the question's page.
        tracks = list(models.Track.objects.all())
        points = {
            f"points_{track.slug}": forms.IntegerField(
                label=f"{track.short_name} points", min_value=0, max_value=20, initial=0
            )
            for track in tracks
        }
        kwargs["form"] = type(AnswerOptionForm)(
            "AnswerOptionWeightsForm", (AnswerOptionForm,), {**points, "tracks": tracks}
        )
        kwargs["fields"] = [*AnswerOptionForm.Meta.fields, *points]
        return super().get_formset(request, obj, **kwargs)


@admin.register(models.Question)
class QuestionAdmin(WarnsAboutWeights, ContentAdmin):
    list_display = ["text", "kind", "active", "order"]
    readonly_fields = ["effects"]
    list_filter = ["kind", "active"]
    list_editable = ["order", "active"]
    search_fields = ["text"]
    prepopulated_fields = {"slug": ("text",)}
    inlines = [AnswerOptionInline]

    @admin.display(description="Effect on the scores")
    def effects(self, obj: models.Question) -> str:
        if not obj.pk or not obj.active:
            return "Shown once the question is saved and active."
        return effects_table(list(obj.options.all()))

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is models.AnswerOption:
            deleted = set(formset.deleted_forms)
            for option_form in formset.forms:
                if option_form.instance.pk and option_form not in deleted and option_form.has_changed():
                    option_form.save_weights()


class OptionWeightInline(admin.TabularInline):
    model = models.OptionWeight
    extra = 0
    ordering = ["track__order"]


@admin.register(models.AnswerOption)
class AnswerOptionAdmin(WarnsAboutWeights, admin.ModelAdmin):
    list_display = ["label", "question", "order"]
    readonly_fields = ["effect"]
    list_filter = ["question__kind", "question"]
    list_select_related = ["question"]
    search_fields = ["label", "question__text"]
    prepopulated_fields = {"slug": ("label",)}
    inlines = [OptionWeightInline]

    @admin.display(description="Effect on the scores")
    def effect(self, obj: models.AnswerOption) -> str:
        if not obj.pk or not obj.question.active:
            return "Shown once the answer is saved, for an active question."
        return effects_table([obj])


@admin.register(models.OptionWeight)
class OptionWeightAdmin(WarnsAboutWeights, admin.ModelAdmin):
    list_display = ["option", "question", "track", "points"]
    list_editable = ["points"]
    list_filter = ["track", "option__question"]
    list_select_related = ["option__question", "track"]
    search_fields = ["option__label", "option__question__text"]

    @admin.display(ordering="option__question__order")
    def question(self, obj: models.OptionWeight) -> str:
        return obj.option.question.text


@admin.register(models.AssessmentSettings)
class AssessmentSettingsAdmin(WarnsAboutWeights, admin.ModelAdmin):
    list_display = ["__str__", "min_lean", "clear_lead"]
    fields = ["min_lean", "clear_lead"]  # near_tie_margin only served the earlier scoring method

    def has_add_permission(self, request) -> bool:
        return not models.AssessmentSettings.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.AssessmentResult)
class AssessmentResultAdmin(admin.ModelAdmin):
    """Results are what visitors were told: staff can read them, never rewrite them."""

    list_display = ["created", "user", "method", "verdict", "recommended_name"]
    list_filter = ["method", "verdict", "recommended_track", "created"]
    list_select_related = ["user"]
    search_fields = ["user__email", "recommended_name"]
    date_hierarchy = "created"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
