from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Subscription
from .viewsets import SubscriptionPermissionPolicy, SubscriptionsGroup

register_permission_policy(Subscription, SubscriptionPermissionPolicy(Subscription))


@hooks.register("register_admin_viewset")
def register_subscriptions() -> SubscriptionsGroup:
    return SubscriptionsGroup()
