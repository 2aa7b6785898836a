"""Subscribing: the offers page, checkout, and the payment provider's webhook."""

import logging

import stripe
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from manchette.accounts.requests import AuthenticatedRequest
from manchette.audience import funnel
from manchette.audience.models import Action

from . import checkout_pages, entitlements, lifecycle, summaries
from .models import Plan, Subscription
from .providers import stripe_api, stripe_events

logger = logging.getLogger(__name__)


def _contact_link() -> str:
    """The subscription desk's address as a mailto link, for messages that send readers there."""
    address = settings.SUBSCRIPTIONS_CONTACT_EMAIL
    return format_html('<a href="mailto:{}">{}</a>', address, address)


@never_cache
@require_safe
def offers(request: HttpRequest) -> HttpResponse:
    from_article = funnel.article_from(request.GET.get(funnel.FROM_ARTICLE))
    if "formule" not in request.GET:  # with it, the reader is back from signing up: counted already
        funnel.count(request, Action.OFFERS, from_article)
    return render(
        request,
        "subscriptions/offers.html",
        {
            "from_article": from_article,
            "from_gift": from_article is not None and request.GET.get(funnel.FROM_GIFT) == "1",
            "plans": Plan.objects.filter(active=True),
            "current": summaries.billed_subscription(request.user),
            "online_payment": stripe_api.is_configured(),
            "contact_email": settings.SUBSCRIPTIONS_CONTACT_EMAIL,
        },
    )


@login_required
@require_POST
def checkout(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    plan = get_object_or_404(Plan, slug=slug, active=True)
    if summaries.billed_subscription(request.user):
        messages.info(request, _("Vous êtes déjà abonné·e : votre abonnement en cours est ci-dessous."))
        return redirect("accounts:subscription")
    try:
        url = checkout_pages.open_checkout(
            request.user,
            plan,
            success_url=request.build_absolute_uri(reverse("accounts:subscription")),
            cancel_url=request.build_absolute_uri(reverse("subscriptions:offers")),
        )
    except checkout_pages.CheckoutBusy:
        messages.info(
            request, _("Une page de paiement est en train de s'ouvrir pour vous : réessayez dans un instant.")
        )
        return redirect("subscriptions:offers")
    except checkout_pages.PaidMeanwhile:
        messages.info(
            request,
            _("Votre paiement vient d'être reçu : votre abonnement apparaîtra ici dans un instant."),
        )
        return redirect("accounts:subscription")
    except stripe_api.StripeNotConfigured:
        messages.info(
            request,
            format_html(
                _(
                    "Le paiement en ligne n'est pas encore ouvert : contactez notre service "
                    "abonnements, {email}, pour souscrire."
                ),
                email=_contact_link(),
            ),
        )
        return redirect("subscriptions:offers")
    except stripe.StripeError:
        logger.exception("Stripe checkout failed")
        messages.error(
            request, _("Le service de paiement ne répond pas. Veuillez réessayer dans un instant.")
        )
        return redirect("subscriptions:offers")
    # Only the article's id goes with the count: nothing links it to this reader.
    funnel.count_checkout(request)
    return redirect(url)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request: HttpRequest) -> HttpResponse:
    """ "Résilier mon abonnement": the date access ends, then one button to confirm."""
    current = entitlements.current_subscription(request.user)
    if lifecycle.may_undo_cancellation(current):
        return redirect("subscriptions:cancelled")
    if request.method == "POST" and lifecycle.may_cancel(current):
        try:
            lifecycle.cancel_at_period_end(current)
        except lifecycle.ProviderError:
            messages.error(
                request,
                _(
                    "Le service de paiement ne répond pas : votre abonnement n'est pas encore résilié. "
                    "Réessayez dans un instant."
                ),
            )
        else:
            return redirect("subscriptions:cancelled")
    return render(
        request,
        "subscriptions/cancel.html",
        {"tab": "subscription", "current": current, "cancellable": lifecycle.may_cancel(current)},
    )


@never_cache
@login_required
@require_safe
def cancelled(request: HttpRequest) -> HttpResponse:
    current = _cancelled_subscription(request)
    if not current:
        return redirect("accounts:subscription")
    return render(request, "subscriptions/cancelled.html", {"tab": "subscription", "current": current})


def _cancelled_subscription(request: HttpRequest) -> Subscription | None:
    current = entitlements.current_subscription(request.user)
    return current if lifecycle.may_undo_cancellation(current) else None


@never_cache
@login_required
@require_POST
def resume(request: HttpRequest) -> HttpResponse:
    current = _cancelled_subscription(request)
    if not current:
        return redirect("accounts:subscription")
    try:
        lifecycle.undo_cancellation(current)
    except lifecycle.ProviderError:
        messages.error(
            request,
            _(
                "Le service de paiement ne répond pas : votre abonnement reste résilié. "
                "Réessayez dans un instant."
            ),
        )
        return redirect("subscriptions:cancelled")
    messages.success(request, _("Votre abonnement continue : il sera renouvelé à son échéance."))
    return redirect("accounts:subscription")


@never_cache
@login_required
@require_safe
def payment_method(request: HttpRequest) -> HttpResponse:
    """Sends the reader to Stripe's customer portal to change the card a payment failed with."""
    subscription = summaries.billed_subscription(request.user)
    return_url = request.build_absolute_uri(reverse("accounts:subscription"))
    url = subscription and lifecycle.payment_method_url(subscription, return_url)
    if url:
        return redirect(url)
    messages.error(
        request,
        format_html(
            _(
                "La mise à jour du moyen de paiement n'est pas disponible pour le moment : contactez "
                "notre service abonnements, {email}."
            ),
            email=_contact_link(),
        ),
    )
    return redirect("accounts:subscription")


# Stripe signs its calls; a CSRF token cannot exist for them.
@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    if not stripe_api.is_configured():
        return HttpResponse(status=404)
    try:
        event = stripe_api.parse_event(request.body, request.headers.get("Stripe-Signature", ""))
    except (ValueError, stripe.SignatureVerificationError):
        return HttpResponseBadRequest("invalid payload or signature")
    try:
        stripe_events.handle_event(event)
    except stripe_events.NotYetKnown:
        # Not recorded: Stripe retries for three days, by which time the checkout has told us.
        return HttpResponse("subscription not known yet, retry later", status=409)
    return HttpResponse(status=200)
