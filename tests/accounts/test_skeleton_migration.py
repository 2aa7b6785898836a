"""Migration 0002: skeletons of pseudonyms taken before are recomputed with Unicode's confusables."""

import importlib

import pytest
from django.apps import apps

from manchette.accounts.models import Profile
from manchette.accounts.pseudonyms import skeleton

from .conftest import new_reader

pytestmark = pytest.mark.django_db

recompute = importlib.import_module("manchette.accounts.migrations.0002_unicode_skeletons").recompute


def taken_before(pseudonym: str, old_skeleton: str) -> Profile:
    return Profile.objects.create(user=new_reader(), pseudonym=pseudonym, pseudonym_skeleton=old_skeleton)


def test_skeletons_are_recomputed_and_the_older_of_two_look_alikes_keeps_its_own() -> None:
    first = taken_before("Lecteur curieux", "old-1")
    look_alike = taken_before("Lecteur cսrieսx", "old-2")  # Armenian, unseen by the old table
    other = taken_before("Marie", "old-3")

    recompute(apps, None)

    for profile in (first, look_alike, other):
        profile.refresh_from_db()
    assert first.pseudonym_skeleton == skeleton("Lecteur curieux")
    assert other.pseudonym_skeleton == skeleton("Marie")
    # The look-alike keeps its pseudonym; the class is held by the older one.
    assert look_alike.pseudonym == "Lecteur cսrieսx"
    assert look_alike.pseudonym_skeleton is None
