"""What the wire holds about a person: an editor's choice of alert mails.

The takes and hold decisions an editor made stay, as the newsroom's record of its copy:
they point to the account, which no longer names anyone once deleted.
"""

from manchette.accounts.personal_data import Reader

from .models import AlertSubscription


def export(reader: Reader) -> dict[str, object]:
    alerts = AlertSubscription.objects.filter(user=reader.user).first()
    return {"wire_alerts": None if alerts is None else {"email": alerts.email}}


def forget(reader: Reader) -> None:
    AlertSubscription.objects.filter(user=reader.user).delete()
