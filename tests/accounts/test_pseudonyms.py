"""Public pseudonyms: unicode welcome, invisible tricks and look-alikes of another reader's refused."""

import sys
import unicodedata

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.test import Client

from manchette.accounts.models import Profile
from manchette.accounts.pseudonyms import MAX_LENGTH, normalise, skeleton, validate_pseudonym
from manchette.accounts.services import set_pseudonym

from .conftest import form_errors, new_reader

pytestmark = pytest.mark.django_db

TAKEN = "Ce pseudonyme est déjà pris, ou ressemble trop à celui d'un autre lecteur."
LENGTH = "Votre pseudonyme doit compter entre 3 et 30 caractères."
INVISIBLE = "Votre pseudonyme contient des caractères invisibles ou invalides."
CHARACTERS = (
    "Utilisez des lettres, des chiffres, des espaces, points, tirets ou apostrophes, "
    "en commençant par une lettre ou un chiffre."
)
TOO_SHORT_BARE = "Ce pseudonyme est trop court une fois la ponctuation retirée."
EXPANDS = "Ce pseudonyme est trop long : certains de ses caractères équivalent à plusieurs lettres."
# U+FDFA, one Arabic ligature, is 18 letters once NFKC-normalised: 9 of them overflow the skeleton column.
LIGATURES = "\ufdfa" * 9 + "abc"


def messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Zoé Müller", "Zoé Müller"),
        ("Ærøskøbing-7", "Ærøskøbing-7"),
        ("Jean-Édouard O'Brien", "Jean-Édouard O'Brien"),
        ("L’Écureuil", "L’Écureuil"),
        ("Ελένη", "Ελένη"),
        ("Дмитрий", "Дмитрий"),
        ("李小龍", "李小龍"),
        ("Zoe\u0301 Nfd", "Zoé Nfd"),  # decomposed é is stored composed (NFC)
        ("  Espaces   en   trop  ", "Espaces en trop"),
        ("x" * 30, "x" * 30),
        ("Abc", "Abc"),
    ],
)
def test_valid_unicode_pseudonyms_are_accepted(raw: str, stored: str) -> None:
    reader = new_reader()
    profile = set_pseudonym(reader, raw)
    assert profile.pseudonym == stored
    assert Profile.objects.get(user=reader).pseudonym == stored


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", LENGTH),
        ("ab", LENGTH),
        ("x" * 31, LENGTH),
        ("x" * 10_000, LENGTH),
        ("Ma\u200brie", INVISIBLE),  # zero-width space
        ("Marie\u200d", INVISIBLE),  # zero-width joiner
        ("\u202eeiraM", INVISIBLE),  # right-to-left override
        ("Ma\u00adrie", INVISIBLE),  # soft hyphen
        ("Ma\x07rie", INVISIBLE),  # BEL
        ("Ma\x00rie", INVISIBLE),  # NUL
        ("Ma\x7frie", INVISIBLE),  # DEL
        ("Marie\ue000", INVISIBLE),  # private use
        ("-Marie", CHARACTERS),
        ("_Marie", CHARACTERS),
        ("Marie <3", CHARACTERS),
        ("Marie@home", CHARACTERS),
        ("<script>", CHARACTERS),
        ("Marie 😀", CHARACTERS),
        ("a.b", TOO_SHORT_BARE),
        ("a - b", TOO_SHORT_BARE),
        (LIGATURES, EXPANDS),
    ],
    ids=lambda value: value.encode("unicode_escape").decode()[:20] if isinstance(value, str) else None,
)
def test_invalid_pseudonyms_are_refused_with_a_french_message(raw: str, message: str) -> None:
    reader = new_reader()
    with pytest.raises(ValidationError) as refused:
        set_pseudonym(reader, raw)
    assert messages_of(refused.value) == [message]
    assert not Profile.objects.filter(user=reader, pseudonym__isnull=False).exists()


def test_validator_refuses_characters_whose_skeleton_overflows_the_column() -> None:
    """One character may stand for many letters: the skeleton must still fit its column."""
    column = Profile._meta.get_field("pseudonym_skeleton").max_length
    assert len(LIGATURES) <= MAX_LENGTH
    assert len(skeleton(LIGATURES)) > column
    with pytest.raises(ValidationError) as refused:
        validate_pseudonym(LIGATURES)
    assert messages_of(refused.value) == [EXPANDS]
    assert refused.value.code == "expands"
    validate_pseudonym("\ufdfa" * 6)  # 108 letters: long, but it fits


def test_every_accepted_pseudonym_fits_its_columns() -> None:
    """Of every character that normalises to several, a full-length pseudonym fits or is refused."""
    pseudonym_column = Profile._meta.get_field("pseudonym").max_length
    skeleton_column = Profile._meta.get_field("pseudonym_skeleton").max_length
    expanders = [
        character
        for character in map(chr, range(sys.maxunicode + 1))
        if len(unicodedata.normalize("NFKC", character)) > 1 or len(normalise(character)) > 1
    ]
    assert "\ufdfa" in expanders
    for character in expanders:
        pseudonym = normalise(character * MAX_LENGTH)
        try:
            validate_pseudonym(pseudonym)
        except ValidationError:
            continue
        assert len(pseudonym) <= pseudonym_column, hex(ord(character))
        assert len(skeleton(pseudonym)) <= skeleton_column, hex(ord(character))


@pytest.mark.parametrize(
    "look_alike",
    [
        "Marie",
        "marie",
        "MARIE",
        "Mаrie",  # Cyrillic а
        "M4rie",
        "Mar1e",
        "Ma rie",
        "Ma-rie",
        "M.a.r.i.e",
        "Maríe",
        "Marìe",
        "Mariè",
        "Rnarie",  # "rn" reads as "m"
        "ＭＡＲＩＥ",  # fullwidth
        "Marie\u0301",  # combining accent
    ],
)
def test_look_alikes_of_a_taken_pseudonym_are_refused(look_alike: str) -> None:
    set_pseudonym(new_reader(), "Marie")
    intruder = new_reader()
    with pytest.raises(ValidationError) as refused:
        set_pseudonym(intruder, look_alike)
    assert messages_of(refused.value) == [TAKEN]
    assert Profile.objects.filter(pseudonym_skeleton=skeleton("Marie")).count() == 1


@pytest.mark.parametrize(
    ("taken", "look_alike"),
    [
        ("Marie", "\u039carie"),  # Greek capital Mu: the same glyph as M
        ("Hugo", "\u0397ugo"),  # Greek capital Eta looks like H (its lower case η like n)
        ("Nina", "\u039dina"),  # Greek capital Nu looks like N (its lower case ν like v)
        ("Yves", "\u03a5ves"),  # Greek capital Upsilon looks like Y
        ("Zoé", "\u0396oé"),  # Greek capital Zeta looks like Z
    ],
    ids=["Mu", "Eta", "Nu", "Upsilon", "Zeta"],
)
def test_greek_capitals_that_look_latin_are_look_alikes(taken: str, look_alike: str) -> None:
    """Skeletons case-fold first; Greek capitals whose lower case looks different slip through."""
    set_pseudonym(new_reader(), taken)
    with pytest.raises(ValidationError) as refused:
        set_pseudonym(new_reader(), look_alike)
    assert messages_of(refused.value) == [TAKEN]


@pytest.mark.parametrize("different", ["Marion", "Mariette", "Maria", "Marie2"])
def test_different_pseudonyms_are_not_look_alikes(different: str) -> None:
    set_pseudonym(new_reader(), "Marie")
    assert set_pseudonym(new_reader(), different).pseudonym == different


def test_reader_may_restyle_their_own_pseudonym() -> None:
    reader = new_reader()
    set_pseudonym(reader, "Marie")
    assert set_pseudonym(reader, "MARIE").pseudonym == "MARIE"
    assert Profile.objects.filter(user=reader).count() == 1


def test_a_released_pseudonym_can_be_taken() -> None:
    first, second = new_reader(), new_reader()
    set_pseudonym(first, "Marie")
    set_pseudonym(first, "Autre nom")
    assert set_pseudonym(second, "Marie").pseudonym == "Marie"


def test_skeleton_uniqueness_holds_in_the_database() -> None:
    """Even a write that skips the service cannot create two look-alikes."""
    from django.db import IntegrityError, transaction

    set_pseudonym(new_reader(), "Marie")
    with pytest.raises(IntegrityError), transaction.atomic():
        Profile.objects.create(user=new_reader(), pseudonym="Mаrie", pseudonym_skeleton=skeleton("Mаrie"))


# --------------------------------------------------------------------------- the Mon compte form


def post_pseudonym(client: Client, value: str):
    return client.post("/mon-compte/", {"pseudonym": value})


def test_form_saves_a_unicode_pseudonym(reader_client: Client, reader: AbstractBaseUser) -> None:
    response = post_pseudonym(reader_client, "Zoé Müller")
    assert response.status_code == 302
    page = reader_client.get(response["Location"]).content.decode()
    assert "Votre pseudonyme a été enregistré." in page
    assert 'value="Zoé Müller"' in page
    assert Profile.objects.get(user=reader).pseudonym == "Zoé Müller"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("x" * 31, "Votre pseudonyme doit compter au plus 30 caractères."),
        ("x" * 100_000, "Votre pseudonyme doit compter au plus 30 caractères."),
        ("ab", LENGTH),
        ("Ma\u200brie", INVISIBLE),
        ("Ma\x00rie", "Le caractère nul n’est pas autorisé."),
        ("", "Champ requis."),
        ("<b>Marie</b>", CHARACTERS),
        (LIGATURES, EXPANDS),
    ],
    ids=["31-chars", "100k-chars", "short", "zwsp", "nul", "empty", "html", "ligatures"],
)
def test_form_refuses_bad_pseudonyms_in_french(
    reader_client: Client, reader, value: str, message: str
) -> None:
    response = post_pseudonym(reader_client, value)
    assert response.status_code == 200
    assert message in form_errors(response), form_errors(response)
    assert not Profile.objects.filter(user=reader, pseudonym__isnull=False).exists()


def test_form_refuses_a_look_alike_in_french(reader_client: Client, reader) -> None:
    set_pseudonym(new_reader(), "Marie")
    response = post_pseudonym(reader_client, "Mаrie")
    assert response.status_code == 200
    assert TAKEN in form_errors(response)


def test_pseudonym_is_escaped_on_the_page(reader_client: Client, reader) -> None:
    set_pseudonym(reader, "O'Brien")
    page = reader_client.get("/mon-compte/").content.decode()
    assert "O&#x27;Brien" in page
