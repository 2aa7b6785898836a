"""What the gift links hold about a reader, for the data export and the account deletion.

A link names its giver and the article. The export lists them (without the token: the
link is a key to the article, not a fact about the reader). Deleting the account deletes
the links, which then stop opening the article: a link a closed account gave no longer
stands for a subscriber. The newsroom's figures (GiftTally) name nobody and stay.
"""

from manchette.accounts.personal_data import Reader, iso

from .models import Gift


def export(reader: Reader) -> dict[str, object]:
    gifts = Gift.objects.filter(giver=reader.user).select_related("article").order_by("created_at", "pk")
    return {
        "gift_links": [
            {
                "article": gift.article.title,
                "url": gift.article.url,
                "offered_at": iso(gift.created_at),
                "expires_at": iso(gift.expires_at),
                "openings": gift.openings,
                "withdrawn_at": iso(gift.withdrawn_at),
            }
            for gift in gifts
        ]
    }


def forget(reader: Reader) -> None:
    Gift.objects.filter(giver=reader.user).delete()
