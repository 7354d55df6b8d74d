from django.contrib import admin, messages

from .models import PublicProfile


@admin.register(PublicProfile)
class PublicProfileAdmin(admin.ModelAdmin):
    """Public pages, for staff answering a report: they can see one and take it
    down, never edit what the person wrote. Plan links are private: not here."""

    list_display = ["display_name", "slug", "user", "published", "indexable", "updated"]
    list_filter = ["published", "indexable"]
    search_fields = ["display_name", "slug", "user__email"]
    list_select_related = ["user"]
    fields = ["user", "display_name", "headline", "slug", "published", "indexable", "updated"]
    readonly_fields = fields
    actions = ["unpublish"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Unpublish the selected pages")
    def unpublish(self, request, queryset) -> None:
        count = queryset.update(published=False)
        self.message_user(request, f"{count} page(s) unpublished.", messages.SUCCESS)
