from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from careers.admin import ContentAdmin

from . import models


@admin.register(models.SuggestedStep)
class SuggestedStepAdmin(ContentAdmin):
    list_display = ["title", "kind", "detail"]
    list_filter = ["kind"]
    search_fields = ["title", "detail"]
    prepopulated_fields = {"slug": ("title",)}


@admin.register(models.Target)
class TargetAdmin(TabbedTranslationAdmin):
    list_display = ["slug", "value", "help_text"]
    list_editable = ["value"]


class ReadOnlyProgressInline(admin.TabularInline):
    """Progress belongs to the user: staff can look (for support) but not edit."""

    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class SkillInline(ReadOnlyProgressInline):
    model = models.SkillRating
    fields = ["skill", "rating"]


class MilestoneInline(ReadOnlyProgressInline):
    model = models.MilestoneProgress
    fields = ["role", "reached", "target_date"]


@admin.register(models.Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["user", "track", "status", "created", "archived_at"]
    list_filter = ["status", "track"]
    search_fields = ["user__email", "user__username"]
    list_select_related = ["user", "track"]
    readonly_fields = ["user", "track", "status", "created", "archived_at"]
    inlines = [SkillInline, MilestoneInline]

    def has_add_permission(self, request) -> bool:
        # Plans are started by their users from a track page.
        return False
