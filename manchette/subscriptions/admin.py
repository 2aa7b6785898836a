"""Staff manage plans and subscriptions here: grant, extend or revoke (the manual provider)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Plan, Subscription, SubscriptionEvent


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "price_cents", "currency", "period", "active"]
    list_filter = ["active", "period"]
    prepopulated_fields = {"slug": ["name"]}


class SubscriptionEventInline(admin.TabularInline):
    model = SubscriptionEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "detail", "at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "plan", "status", "current_period_end", "provider"]
    list_filter = ["status", "provider", "plan"]
    search_fields = ["user__email", "provider_subscription_id", "provider_customer_id"]
    raw_id_fields = ["user"]
    inlines = [SubscriptionEventInline]
    actions = ["extend_one_period", "revoke"]

    def get_readonly_fields(self, request, obj=None):
        # Once created, a subscription changes only through the actions, which keep its history.
        if obj:
            return [
                "user",
                "plan",
                "status",
                "current_period_end",
                "provider",
                "provider_customer_id",
                "provider_subscription_id",
            ]
        return ["provider", "status"]

    def get_fields(self, request, obj=None):
        if obj:
            return super().get_fields(request, obj)
        return ["user", "plan", "current_period_end"]

    def save_model(self, request, obj, form, change):
        if change:
            return
        granted = services.grant(
            obj.user,
            obj.plan,
            obj.current_period_end,
            note=_("Offert par %(staff)s") % {"staff": request.user.get_username()},
        )
        obj.pk = granted.pk

    @admin.action(description=_("Prolonger d'une période"))
    def extend_one_period(self, request, queryset):
        count = _change_each(queryset, services.extend)
        message = ngettext("%d abonnement prolongé.", "%d abonnements prolongés.", count) % count
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Retirer l'abonnement maintenant"))
    def revoke(self, request, queryset):
        count = failed = 0
        for subscription in queryset:
            try:
                services.revoke(subscription)
                count += 1
            except services.ProviderError:
                failed += 1
        if count:
            message = ngettext("%d abonnement retiré.", "%d abonnements retirés.", count) % count
            self.message_user(request, message, messages.SUCCESS)
        if failed:
            message = ngettext(
                "%d abonnement n'a pas pu être arrêté chez Stripe (injoignable ou mal configuré) : "
                "réessayez.",
                "%d abonnements n'ont pas pu être arrêtés chez Stripe (injoignable ou mal configuré) : "
                "réessayez.",
                failed,
            )
            self.message_user(request, message % failed, messages.ERROR)


def _change_each(queryset, change) -> int:
    # Through the services, one by one: each change locks its row and leaves a history line.
    count = 0
    for subscription in queryset:
        change(subscription)
        count += 1
    return count
