from adminsortable2.admin import SortableAdminMixin, SortableTabularInline
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import AdminTextInputWidget
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from . import content_version, models
from .assessment import signed

# --- What every content admin shares ------------------------------------------

POSITION_HELP = _(
    "Lists show rows in this order, smallest number first. Drag the rows on the list (or on the track’s page) to "  # noqa: RUF001
    "reorder them; without JavaScript, type a number here."
)


class ContentAdmin(SortableAdminMixin, TabbedTranslationAdmin):
    """Content that staff edit: put in order by dragging rows on the list
    (django-admin-sortable2), with a link to where it shows on the site, and
    each text in English and Chinese on a tab per language (django-modeltranslation).

    Without JavaScript the drag handles do nothing, so each row's own page keeps
    its position as a number field."""

    list_per_page = 100

    def get_fieldsets(self, request: HttpRequest, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        order = self.default_order_field
        if obj is None:  # a new row goes to the end of its list (sortable2's save_model)
            return [(name, {**opts, "fields": [f for f in opts["fields"] if f != order]}) for name, opts in fieldsets]
        if order in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, (_("Position"), {"fields": [order], "description": POSITION_HELP})]

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # A long one-line text (a title, who a track suits) gets a wide box, on its own page only.
        if (db_field.max_length or 0) >= 150 and type(getattr(field, "widget", None)) is AdminTextInputWidget:
            # Added to modeltranslation's classes, which put the field on its language's tab.
            field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} vLargeTextField".strip()
        return field

    def view_on_site(self, obj) -> str | None:
        """Where the row shows on the site; nowhere once retired."""
        if getattr(obj, "retired", False) or not hasattr(obj, "get_absolute_url"):
            return None
        return obj.get_absolute_url()

    def update_order(self, request: HttpRequest) -> HttpResponse:
        # sortable2 saves a drag with bulk_update(), which sends no signals: the
        # content version must still change, or cached pages keep the old order.
        response = super().update_order(request)
        if response.status_code == 200:
            content_version.bump()
        return response


class OrderedWithinTrackAdmin(ContentAdmin):
    """Content a track lists in its own order (skills, roles, ...): rows are
    dragged on the track's page, or on this list once it shows one track only,
    since dragging a list that mixes tracks would reorder the other tracks too."""

    track_filters = ("track__id__exact", "track__isnull")

    def one_track(self, request: HttpRequest) -> bool:
        return any(key in request.GET for key in self.track_filters)

    def get_ordering(self, request: HttpRequest) -> list[str]:
        # All tracks: grouped by track, each in its order, as the site lists them.
        return ["order", "pk"] if self.one_track(request) else ["track__order", "order", "pk"]

    def get_changelist_instance(self, request: HttpRequest):
        changelist = super().get_changelist_instance(request)
        if not self.one_track(request):
            self.enable_sorting = False
        return changelist

    def changelist_view(self, request: HttpRequest, extra_context=None):
        if not self.one_track(request):
            extra_context = {
                **(extra_context or {}),
                "subtitle": gettext("Choose a track on the right to drag rows into order"),
            }
        return super().changelist_view(request, extra_context)


class TrackContentInline(SortableTabularInline, TranslationTabularInline):
    """A compact row per item on the track's page: short fields only, the rest on
    the item's own page (its "Change" link). Drag rows to reorder them."""

    extra = 0
    show_change_link = True
    view_on_site = False  # the track's page has its own link


class ResponsibilityInline(TrackContentInline):
    model = models.Responsibility
    fields = ["text", "slug"]
    prepopulated_fields = {"slug": ("text",)}


class SkillInline(TrackContentInline):
    model = models.Skill
    fields = ["name", "slug", "retired"]
    prepopulated_fields = {"slug": ("name",)}


class RoleInline(TrackContentInline):
    model = models.Role
    fields = ["title", "slug", "retired"]
    prepopulated_fields = {"slug": ("title",)}


class IndustryInline(TrackContentInline):
    model = models.Industry
    fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.Track)
class TrackAdmin(ContentAdmin):
    list_display = ["short_name", "name", "perfect_for"]
    search_fields = ["name", "short_name", "summary", "perfect_for"]
    prepopulated_fields = {"slug": ("short_name",)}
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug"]}),
        (_("Who it suits"), {"fields": ["perfect_for", "summary"]}),
        (
            _("Courses"),
            {
                "fields": ["course_list"],
                "description": _("A course lists its tracks, its facts and its place in the order on its own page."),
            },
        ),
    ]
    readonly_fields = ["course_list"]
    inlines = [ResponsibilityInline, SkillInline, RoleInline, IndustryInline]

    @admin.display(description=_("Courses of this track"))
    def course_list(self, obj: models.Track) -> str:
        if obj.pk is None:
            return gettext("Add courses to the track on each course’s page, once the track is saved.")  # noqa: RUF001
        courses = obj.courses.order_by("order", "pk")
        retired = gettext(" (retired)")
        items = format_html_join(
            "",
            "<li><a href='{}'>{}</a>{}</li>",
            (
                (reverse("admin:careers_course_change", args=[c.pk]), c.title, retired if c.retired else "")
                for c in courses
            ),
        )
        add = reverse("admin:careers_course_add") + f"?tracks={obj.pk}"
        return format_html("<ul>{}</ul><p><a href='{}'>{}</a></p>", items, add, gettext("Add a course to this track"))


class RetirableAdmin(ContentAdmin):
    """Content that people's progress points at: retired, never deleted while in use."""

    actions = ["retire", "unretire"]

    @admin.action(description=_("Retire: hide from the catalogue, track pages and new plans"))
    def retire(self, request: HttpRequest, queryset: QuerySet) -> None:
        changed = 0
        for obj in queryset.filter(retired=False):  # save() sends the signals that caches rely on
            obj.retired = True
            obj.save(update_fields=["retired"])
            changed += 1
        self.message_user(
            request,
            gettext("Retired %(count)s. People who have them keep them, labelled “no longer offered”.")
            % {"count": changed},
        )

    @admin.action(description=_("Offer again (un-retire)"))
    def unretire(self, request: HttpRequest, queryset: QuerySet) -> None:
        changed = 0
        for obj in queryset.filter(retired=True):
            obj.retired = False
            obj.save(update_fields=["retired"])
            changed += 1
        self.message_user(
            request, gettext("Offered %(count)s again: they appear in the catalogue and in plans.") % {"count": changed}
        )

    def get_deleted_objects(self, objs, request: HttpRequest):
        """Refuse to delete content in use, saying what to do instead, and never
        list people's progress rows to staff."""
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            in_use = [obj for obj in objs if obj.in_use()]
            protected = [
                gettext(
                    "“%(obj)s” is in people's plans, so it cannot be deleted. Retire it instead (the “Retire” action "
                    "on the list, or “Retired” on its page): it then disappears from the catalogue, track pages and "
                    "new plans, and people keep their progress on it."
                )
                % {"obj": obj}
                for obj in in_use
            ]
        return to_delete, model_count, perms_needed, protected

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.in_use():
            self.message_user(
                request,
                gettext(
                    "“%(obj)s” is in people's plans, so it cannot be deleted, and nothing was deleted. Retire it "
                    "instead: tick “Retired” below and save. It then disappears from the catalogue, track pages and "
                    "new plans, and people keep their progress on it."
                )
                % {"obj": obj},
                messages.ERROR,
            )
            return redirect(reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]))
        return super().delete_view(request, object_id, extra_context)


class RetirableWithinTrackAdmin(OrderedWithinTrackAdmin, RetirableAdmin):
    pass


@admin.register(models.Responsibility)
class ResponsibilityAdmin(OrderedWithinTrackAdmin):
    list_display = ["text", "track"]
    list_filter = ["track"]
    list_select_related = ["track"]
    search_fields = ["text"]
    prepopulated_fields = {"slug": ("text",)}


@admin.register(models.Skill)
class SkillAdmin(RetirableWithinTrackAdmin):
    list_display = ["name", "track", "description", "retired"]
    list_filter = ["track", "retired"]
    list_select_related = ["track"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.Role)
class RoleAdmin(RetirableWithinTrackAdmin):
    list_display = ["title", "track", "description", "retired"]
    list_filter = ["track", "retired"]
    list_select_related = ["track"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ("title",)}


@admin.register(models.Course)
class CourseAdmin(RetirableAdmin):
    empty_value_display = _("unknown")  # a fact nobody has checked
    list_display = ["title", "provider", "track_list", "level", "duration", "weekly_effort", "cost_model", "retired"]
    list_filter = ["tracks", "retired", "level", "cost_model", "provider"]
    search_fields = ["title", "provider", "description"]
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = [
        (None, {"fields": ["title", "slug", "provider", "url", "tracks"]}),
        (
            _("Facts from the provider’s page"),  # noqa: RUF001
            {
                "fields": [
                    ("level", "cost_model"),
                    ("duration", "weekly_effort"),
                    "language",
                    "description",
                    "facts_source",
                ],
                "description": _(
                    "Fill in what the provider’s public course page states. Leave a fact empty (or "  # noqa: RUF001
                    "“Unknown”) when the page does not say: the site then shows “unknown”, never a guess."
                ),
            },
        ),
        (_("Offered"), {"fields": ["retired"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("tracks")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "tracks":  # three tracks: boxes to tick, not a two-list picker
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("tracks"))
    def track_list(self, obj: models.Course) -> str:
        return ", ".join(t.short_name for t in obj.tracks.all()) or gettext("Every track")


@admin.register(models.Industry)
class IndustryAdmin(OrderedWithinTrackAdmin):
    list_display = ["name", "track"]
    list_filter = ["track"]
    list_select_related = ["track"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.Background)
class BackgroundAdmin(ContentAdmin):
    list_display = ["name", "track", "advice"]
    list_filter = ["track"]
    list_select_related = ["track"]
    search_fields = ["name", "advice"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.WorkEnvironment)
class WorkEnvironmentAdmin(ContentAdmin):
    list_display = ["name", "description"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.FirstStep)
class FirstStepAdmin(RetirableAdmin):
    list_display = ["title", "retired"]
    list_filter = ["retired"]
    search_fields = ["title", "detail"]
    prepopulated_fields = {"slug": ("title",)}


@admin.register(models.Habit)
class HabitAdmin(RetirableAdmin):
    list_display = ["text", "retired"]
    list_filter = ["retired"]
    search_fields = ["text"]
    prepopulated_fields = {"slug": ("text",)}


@admin.register(models.EntryRoute)
class EntryRouteAdmin(ContentAdmin):
    list_display = ["title", "detail"]
    search_fields = ["title", "detail"]
    prepopulated_fields = {"slug": ("title",)}


@admin.register(models.ContentBlock)
class ContentBlockAdmin(TabbedTranslationAdmin):
    """Site copy, looked up by slug (the pages name the slugs they use), so its order means nothing."""

    list_display = ["slug", "title"]
    search_fields = ["slug", "title", "body"]
    fields = ["slug", "title", "body"]


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
    explanation = gettext(
        "How far each answer moves each track’s score, every other answer unchanged, on the "  # noqa: RUF001
        "scale where every track’s strongest lean is +100: for an agree/disagree question compared with its "  # noqa: RUF001
        "middle answer, for the others compared with an answer that favours no track. Scale answers are also "
        "measured against the person’s own way of answering, so agreeing with everything adds up to "  # noqa: RUF001
        "nothing. The figures use the saved weights of all active questions."
    )
    return format_html(
        "<table><thead><tr><th scope='col'>{}</th>{}</tr></thead><tbody>{}</tbody></table><p class='help'>{}</p>",
        gettext("Answer"),
        head,
        rows,
        explanation,
    )


class AnswerOptionForm(forms.ModelForm):
    """An answer option with one points field per track (see AnswerOptionInline)."""

    tracks: list[models.Track] = []

    class Meta:
        model = models.AnswerOption
        # Each text once per language (modeltranslation leaves the plain "label" out of admin forms).
        fields = [
            "order",
            "label_en",
            "label_zh_hans",
            "slug",
            "phrase_en",
            "phrase_zh_hans",
            "background",
            "industry",
            "environment",
        ]

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


class AnswerOptionInline(SortableTabularInline, TranslationTabularInline):
    model = models.AnswerOption
    extra = 0
    prepopulated_fields = {"slug": ("label",)}
    show_change_link = True
    view_on_site = False
    # The article's row an option points at, by question kind; a scale question's options point at none.
    LINKS = {"background": "background", "industry": "industry", "environment": "environment"}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("weights")

    def get_formset(self, request, obj=None, **kwargs):
        # One "points" column per track, so staff weigh every answer on the question's page.
        tracks = list(models.Track.objects.all())
        points = {
            f"points_{track.slug}": forms.IntegerField(
                label=gettext("%(track)s points") % {"track": track.short_name}, min_value=0, max_value=20, initial=0
            )
            for track in tracks
        }
        kwargs["form"] = type(AnswerOptionForm)(
            "AnswerOptionWeightsForm", (AnswerOptionForm,), {**points, "tracks": tracks}
        )
        kinds = [obj.kind] if obj is not None else list(self.LINKS)
        links = [self.LINKS[kind] for kind in kinds if kind in self.LINKS]
        fields = [f for f in AnswerOptionForm.Meta.fields if f not in self.LINKS.values() or f in links]
        kwargs["fields"] = [*fields, *points]
        return super().get_formset(request, obj, **kwargs)


@admin.register(models.Question)
class QuestionAdmin(WarnsAboutWeights, ContentAdmin):
    list_display = ["text", "kind", "active"]
    readonly_fields = ["effects"]
    list_filter = ["kind", "active"]
    list_editable = ["active"]
    search_fields = ["text"]
    prepopulated_fields = {"slug": ("text",)}
    inlines = [AnswerOptionInline]

    @admin.display(description=_("Effect on the scores"))
    def effects(self, obj: models.Question) -> str:
        if not obj.pk or not obj.active:
            return gettext("Shown once the question is saved and active.")
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
class AnswerOptionAdmin(WarnsAboutWeights, TabbedTranslationAdmin):
    list_display = ["label", "question", "order"]
    readonly_fields = ["effect"]
    list_filter = ["question__kind", "question"]
    list_select_related = ["question"]
    search_fields = ["label", "question__text"]
    prepopulated_fields = {"slug": ("label",)}
    inlines = [OptionWeightInline]

    @admin.display(description=_("Effect on the scores"))
    def effect(self, obj: models.AnswerOption) -> str:
        if not obj.pk or not obj.question.active:
            return gettext("Shown once the answer is saved, for an active question.")
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
