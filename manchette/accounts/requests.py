"""The request a view behind login_required receives: its user is a signed-in account."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedRequest(HttpRequest):
    """For annotations only: login_required has already turned anonymous visitors away."""

    user: User
