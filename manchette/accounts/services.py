"""Reader account operations: pseudonym, personal data export, account deletion."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Profile
from .pseudonyms import normalise, skeleton, validate_pseudonym


def profile_of(user: AbstractBaseUser) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def set_pseudonym(user: AbstractBaseUser, raw_pseudonym: str) -> Profile:
    """Gives the reader this pseudonym, or raises ValidationError in the reader's language."""
    pseudonym = normalise(raw_pseudonym)
    validate_pseudonym(pseudonym)
    key = skeleton(pseudonym)
    taken = _("Ce pseudonyme est déjà pris, ou ressemble trop à celui d'un autre lecteur.")
    if Profile.objects.filter(pseudonym_skeleton=key).exclude(user=user).exists():
        raise ValidationError(taken, code="taken")
    profile = profile_of(user)
    profile.pseudonym, profile.pseudonym_skeleton = pseudonym, key
    try:
        with transaction.atomic():
            profile.save(update_fields=["pseudonym", "pseudonym_skeleton"])
    except IntegrityError:  # another reader took it in the meantime
        raise ValidationError(taken, code="taken") from None
    return profile


def may_enter_newsroom(user: AbstractBaseUser) -> bool:
    """Journalists, editors and administrators: whoever Wagtail lets into its admin."""
    return user.is_active and user.has_perm("wagtailadmin.access_admin")


def has_confirmed_address(user: AbstractBaseUser) -> bool:
    """Whether the account's address is confirmed, as far as we ask for it.

    A reader signs up and confirms their address; an account an administrator created
    (createsuperuser, the newsroom's user admin) has no address on record to confirm,
    the administrator vouched for it.
    """
    from allauth.account.models import EmailAddress

    addresses = EmailAddress.objects.filter(user=user)
    return not addresses.exists() or addresses.filter(verified=True).exists()


def requires_second_factor(user: AbstractBaseUser) -> bool:
    """Editors and administrators, when the operator asks for NEWSROOM_MFA_REQUIRED."""
    from manchette.newsroom.services import EDITORS

    if not settings.NEWSROOM_MFA_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS).exists()


def has_second_factor(user: AbstractBaseUser) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def export_personal_data(user: AbstractBaseUser) -> dict:
    """Everything we hold about the reader, as the GDPR's right of access asks."""
    from allauth.account.models import EmailAddress

    from manchette.subscriptions.services import subscription_history

    profile = profile_of(user)
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "profile": {"pseudonym": profile.pseudonym},
        "subscriptions": subscription_history(user),
        "metered_reads": metered_reads(user),
    }


def metered_reads(user: AbstractBaseUser) -> list[dict]:
    """The premium articles the reader opened with the monthly free quota, month by month.

    An article deleted since keeps its number, with no title or address.
    """
    from manchette.articles.models import ArticlePage
    from manchette.subscriptions.models import MeteredRead

    reads = list(MeteredRead.objects.filter(user=user).order_by("month", "pk"))
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


def delete_account(user: AbstractBaseUser) -> None:
    """Removes the reader's personal data; keeps anonymised billing records.

    French accounting law (Code de commerce, art. L123-22) requires keeping
    accounting records for ten years, so subscription and payment history stay,
    attached to an account that no longer says who it was. What the reader read
    (metered reads) is no accounting record: it goes.

    Subscriptions end first, outside the transaction since the payment provider is
    asked; if it cannot stop one, ProviderError is raised and the account stays.
    """
    from manchette.subscriptions.services import end_all_for

    end_all_for(user)
    _erase_personal_data(user)


@transaction.atomic
def _erase_personal_data(user: AbstractBaseUser) -> None:
    from allauth.account.models import EmailAddress

    from manchette.subscriptions.models import MeteredRead

    MeteredRead.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Profile.objects.filter(user=user).delete()
    User = get_user_model()
    User.objects.filter(pk=user.pk).update(
        username=f"supprime-{user.pk}",
        email="",
        first_name="",
        last_name="",
        is_active=False,
        is_staff=False,
        is_superuser=False,
    )
    user.refresh_from_db()
    user.set_unusable_password()
    user.save(update_fields=["password"])
