"""Subscribing: the offers page, checkout, and the payment provider's webhook."""

import logging

import stripe
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import services
from .models import Plan
from .providers import stripe as stripe_provider

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def offers(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "subscriptions/offers.html",
        {
            "plans": Plan.objects.filter(active=True),
            "current": services.current_subscription(request.user),
            "online_payment": stripe_provider.is_configured(),
        },
    )


@login_required
@require_POST
def checkout(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_object_or_404(Plan, slug=slug, active=True)
    if services.current_subscription(request.user):
        messages.info(request, _("Vous êtes déjà abonné·e : votre abonnement en cours est ci-dessous."))
        return redirect("accounts:subscription")
    try:
        url = stripe_provider.create_checkout_session(
            request.user,
            plan,
            success_url=request.build_absolute_uri(reverse("accounts:subscription")),
            cancel_url=request.build_absolute_uri(reverse("subscriptions:offers")),
        )
    except stripe_provider.StripeNotConfigured:
        messages.info(
            request,
            _(
                "Le paiement en ligne n'est pas encore ouvert : contactez notre service "
                "abonnements pour souscrire."
            ),
        )
        return redirect("subscriptions:offers")
    except stripe.StripeError:
        logger.exception("Stripe checkout failed")
        messages.error(
            request, _("Le service de paiement ne répond pas. Veuillez réessayer dans un instant.")
        )
        return redirect("subscriptions:offers")
    return redirect(url)


# Stripe signs its calls; a CSRF token cannot exist for them.
@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    if not stripe_provider.is_configured():
        return HttpResponse(status=404)
    try:
        event = stripe_provider.parse_event(request.body, request.headers.get("Stripe-Signature", ""))
    except (ValueError, stripe.SignatureVerificationError):
        return HttpResponseBadRequest("invalid payload or signature")
    stripe_provider.handle_event(event)
    return HttpResponse(status=200)
