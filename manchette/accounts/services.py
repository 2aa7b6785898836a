"""Reader account operations: pseudonym, personal data export, account deletion."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import personal_data
from .models import Profile
from .pseudonyms import normalise, skeleton, validate_pseudonym


def profile_of(user: User) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def set_pseudonym(user: User, raw_pseudonym: str) -> Profile:
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


def may_enter_newsroom(user: User) -> bool:
    """Journalists, editors and administrators: whoever Wagtail lets into its admin."""
    return user.is_active and user.has_perm("wagtailadmin.access_admin")


def has_confirmed_address(user: User) -> bool:
    """Whether the account's address is confirmed, as far as we ask for it.

    A reader signs up and confirms their address; an account an administrator created
    (createsuperuser, the newsroom's user admin) has no address on record to confirm,
    the administrator vouched for it.
    """
    from allauth.account.models import EmailAddress

    addresses = EmailAddress.objects.filter(user=user)
    return not addresses.exists() or addresses.filter(verified=True).exists()


def requires_second_factor(user: User) -> bool:
    """Editors and administrators, when the operator asks for NEWSROOM_MFA_REQUIRED."""
    from manchette.newsroom.services import EDITORS

    if not settings.NEWSROOM_MFA_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS).exists()


def has_second_factor(user: User) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def export_personal_data(user: User) -> dict[str, Any]:
    """Everything we hold about the reader, as the GDPR's right of access asks: the account
    here, then what each app holds (its own `privacy.export`, see personal_data)."""
    from allauth.account.models import EmailAddress

    profile = profile_of(user)
    data = {
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
    }
    reader = reader_of(user)
    for module in personal_data.privacy_modules():
        data.update(module.export(reader))
    return data


def reader_of(user: User) -> personal_data.Reader:
    """The account and the addresses it proved: its confirmed ones, or the one an administrator
    gave an account created without any to confirm (as has_confirmed_address has it).

    An address added but never confirmed is not the reader's as far as we know: deleting the
    account must not unsubscribe whoever really owns it from a newsletter.
    """
    from allauth.account.models import EmailAddress

    addresses = EmailAddress.objects.filter(user=user)
    proven = set(addresses.filter(verified=True).values_list("email", flat=True))
    if user.email and not addresses.exists():
        proven.add(user.email)
    return personal_data.Reader(user=user, addresses=frozenset(proven))


def delete_account(user: User) -> None:
    """Removes or anonymises everything that names the reader, in every app.

    Each app's `privacy.prepare_forgetting` runs first, outside the transaction (the payment
    provider stops billing: if it cannot, ProviderError is raised and the account stays);
    then, in one transaction, each app's `privacy.forget` and the account itself. What the
    apps keep, and why (accounting records, a newsletter's count of mails sent), is said in
    their privacy modules and in the README.
    """
    reader = reader_of(user)
    modules = personal_data.privacy_modules()
    for module in modules:
        prepare = getattr(module, "prepare_forgetting", None)
        if prepare is not None:
            prepare(reader)
    with transaction.atomic():
        for module in modules:
            module.forget(reader)
        _erase_account(user)


def _erase_account(user: User) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
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
