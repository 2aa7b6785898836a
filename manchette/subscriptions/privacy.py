"""What subscriptions hold about a reader, for the data export and the account deletion.

Kept on deletion, attached to the anonymised account: each subscription's plan, dates,
status, provider and the provider's subscription reference, and its history's kinds and
dates. French accounting law (Code de commerce, art. L123-22) keeps accounting records ten
years; the invoices themselves are at the payment provider, which the subscription
reference finds. Gone: what the reader read with the free quota (no accounting record),
the provider's customer reference (only ever used to open the reader's card page), the
open Checkout page, and the free-text notes of the history (a note may name the reader).
"""

import stripe

from manchette.accounts.personal_data import Reader

from . import checkout_pages, lifecycle, summaries
from .models import CheckoutPage, MeteredRead, Subscription, SubscriptionEvent
from .providers import stripe_api


def export(reader: Reader) -> dict[str, list[dict]]:
    return {
        "subscriptions": summaries.subscription_history(reader.user),
        "metered_reads": metered_reads(reader),
    }


def metered_reads(reader: Reader) -> list[dict]:
    """The premium articles the reader opened with the monthly free quota, month by month.

    An article deleted since keeps its number, with no title or address.
    """
    from manchette.articles.models import ArticlePage

    reads = list(MeteredRead.objects.filter(user=reader.user).order_by("month", "pk"))
    articles = ArticlePage.objects.in_bulk({read.article_id for read in reads})
    return [
        {
            "article_id": read.article_id,
            "title": articles[read.article_id].title if read.article_id in articles else None,
            "url": articles[read.article_id].url if read.article_id in articles else None,
            "month": read.month.strftime("%Y-%m"),
        }
        for read in reads
    ]


def prepare_forgetting(reader: Reader) -> None:
    """Closes the reader's open Checkout page, then stops every running subscription at its
    provider; ProviderError if either cannot be done (the account then stays, as it was).

    The page first: paid after the deletion, it would start billing an account that no
    longer exists. Paid meanwhile, its subscription is on its way from Stripe: the reader
    tries again once it has arrived, and it is stopped with the others.
    """
    page = CheckoutPage.objects.filter(user=reader.user).exclude(url="").first()
    if page is not None:
        try:
            closed = stripe_api.expire_checkout_session(page.session_id)
        except (stripe.StripeError, stripe_api.StripeNotConfigured) as error:
            raise lifecycle.ProviderError(page) from error
        if not closed:
            raise lifecycle.ProviderError(page)
        checkout_pages.checkout_closed(page.session_id)
    lifecycle.end_all_for(reader.user)


def forget(reader: Reader) -> None:
    MeteredRead.objects.filter(user=reader.user).delete()
    CheckoutPage.objects.filter(user=reader.user).delete()
    Subscription.objects.filter(user=reader.user).exclude(provider_customer_id="").update(
        provider_customer_id=""
    )
    SubscriptionEvent.objects.filter(subscription__user=reader.user).exclude(detail="").update(detail="")
