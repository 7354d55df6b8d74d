from django.contrib import admin

from . import models


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
        inline(models.Course, "title"),
        inline(models.Industry, "name"),
    ]


class ContentAdmin(admin.ModelAdmin):
    """Shared list settings for the per-row content models."""

    list_editable = ["order"]
    ordering = ["order"]


@admin.register(models.Responsibility)
class ResponsibilityAdmin(ContentAdmin):
    list_display = ["text", "track", "order"]
    list_filter = ["track"]
    search_fields = ["text"]
    prepopulated_fields = {"slug": ("text",)}


@admin.register(models.Skill)
class SkillAdmin(ContentAdmin):
    list_display = ["name", "track", "order"]
    list_filter = ["track"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.Role)
class RoleAdmin(ContentAdmin):
    list_display = ["title", "track", "order"]
    list_filter = ["track"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ("title",)}


@admin.register(models.Course)
class CourseAdmin(ContentAdmin):
    list_display = ["title", "provider", "track", "duration", "level", "order"]
    list_filter = ["track", "provider", "level"]
    search_fields = ["title", "provider", "description"]
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
class FirstStepAdmin(ContentAdmin):
    list_display = ["title", "order"]
    search_fields = ["title", "detail"]
    prepopulated_fields = {"slug": ("title",)}


@admin.register(models.Habit)
class HabitAdmin(ContentAdmin):
    list_display = ["text", "order"]
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


@admin.register(models.Question)
class QuestionAdmin(ContentAdmin):
    list_display = ["text", "kind", "active", "order"]
    list_filter = ["kind", "active"]
    search_fields = ["text"]
    prepopulated_fields = {"slug": ("text",)}
