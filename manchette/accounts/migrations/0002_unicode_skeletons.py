"""Pseudonym skeletons recomputed with Unicode's confusables (UTS #39).

Two pseudonyms taken before may now share a skeleton: the older keeps it and the other
keeps its pseudonym without one, since the look-alike class is already held.
"""

from django.db import migrations


def recompute(apps, schema_editor) -> None:
    from manchette.accounts.pseudonyms import skeleton

    Profile = apps.get_model("accounts", "Profile")
    profiles = list(Profile.objects.exclude(pseudonym=None).order_by("created_at", "pk"))
    Profile.objects.filter(pk__in=[profile.pk for profile in profiles]).update(pseudonym_skeleton=None)
    held: set[str] = set()
    for profile in profiles:
        key = skeleton(profile.pseudonym)
        profile.pseudonym_skeleton = None if key in held else key
        held.add(key)
        profile.save(update_fields=["pseudonym_skeleton"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
