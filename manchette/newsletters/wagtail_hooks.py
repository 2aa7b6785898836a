from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Signup
from .viewsets import NewslettersGroup, ReadOnlyPolicy

register_permission_policy(Signup, ReadOnlyPolicy(Signup))


@hooks.register("register_admin_viewset")
def register_newsletters() -> NewslettersGroup:
    return NewslettersGroup()
