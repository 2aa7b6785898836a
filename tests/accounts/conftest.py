"""Fixtures for readers' accounts: verified readers, logged-in clients, form errors."""

import html
import re

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpResponse
from django.test import Client

from tests.subscriptions.conftest import (  # noqa: F401 - fixtures shared with the subscription tests
    PASSWORD,
    Plans,
    new_reader,
    plans,
)

_ERRORLIST = re.compile(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.S)
_FIELD_ERROR = re.compile(r'<p class="field__error"[^>]*>(.*?)</p>', re.S)
_ITEM = re.compile(r"<li>(.*?)</li>", re.S)


def form_errors(response: HttpResponse) -> list[str]:
    """The error messages a form page shows, as plain text."""
    page = response.content.decode()
    errors = [item for block in _ERRORLIST.findall(page) for item in _ITEM.findall(block)]
    errors += _FIELD_ERROR.findall(page)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", error)).split()) for error in errors]


def page_text(response: HttpResponse) -> str:
    """The visible text of a page, entities decoded and spaces collapsed."""
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture
def reader(db) -> AbstractBaseUser:
    """A reader whose address is confirmed; password PASSWORD."""
    return new_reader(email="zoe@example.test")


@pytest.fixture
def reader_client(reader: AbstractBaseUser) -> Client:
    client = Client()
    client.force_login(reader)
    return client
