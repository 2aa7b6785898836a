from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class SubscriptionsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.is_staff and request.user.has_perm("subscriptions.change_subscription")


@hooks.register("register_admin_menu_item")
def register_subscriptions_menu_item() -> MenuItem:
    # Subscriptions are managed in Django's admin, where grant/extend/revoke actions live.
    return SubscriptionsMenuItem(
        _("Abonnements"), reverse("admin:subscriptions_subscription_changelist"), icon_name="user", order=900
    )
