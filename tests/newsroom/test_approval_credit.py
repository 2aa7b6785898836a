"""Issue 15, point 10: an approval says the page is live wherever the editor approves it,
and the status panel credits the editor who put it online, not the journalist who wrote it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from manchette.articles.models import ArticlePage
from manchette.newsroom.services import EDITORS, JOURNALISTS
from tests.conftest import Newsroom

from .admin_forms import article_form

LIVE = "« Le budget approuvé » est approuvé et en ligne."


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def journalist(make_user):
    return make_user(JOURNALISTS, first_name="Julien", last_name="Robert")


@pytest.fixture
def editor(make_user):
    return make_user(EDITORS, first_name="Élise", last_name="Marchand")


@pytest.fixture
def submitted(journalist, newsroom: Newsroom) -> ArticlePage:
    from wagtail.test.utils.form_data import inline_formset

    section = newsroom.section()
    form = article_form(
        title="Le budget approuvé",
        slug="le-budget-approuve",
        authors=inline_formset([{"author": newsroom.author().pk}]),
        **{"action-submit": "action-submit"},
    )
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk])
    assert _logged_in(journalist).post(url, form).status_code == 302
    return ArticlePage.objects.child_of(section).get()


def _approve_from_the_dashboard(client: Client, article: ArticlePage):
    task_state = article.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk])
    # As the dashboard's pop-up sends it: a script's request, answered with where to go next.
    return client.post(f"{url}?next=/admin/", {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_approving_from_the_dashboard_says_the_page_is_live(editor, submitted: ArticlePage) -> None:
    client = _logged_in(editor)
    answer = _approve_from_the_dashboard(client, submitted)
    assert answer.json()["step"] == "success"
    assert ArticlePage.objects.get(pk=submitted.pk).live
    dashboard = client.get("/admin/")
    assert LIVE in _messages(dashboard)
    assert LIVE not in _messages(client.get("/admin/")), "said once"


def test_the_status_panel_credits_the_approver(editor, journalist, submitted: ArticlePage) -> None:
    client = _logged_in(editor)
    _approve_from_the_dashboard(client, submitted)
    edit_form = reverse("wagtailadmin_pages:edit", args=[submitted.pk])
    html = _logged_in(journalist).get(edit_form).content.decode()
    credits = re.findall(r"par ([A-ZÉ][\w-]+ [A-Z][\w-]+)", html)
    assert "Élise Marchand" in credits, credits
    assert "Julien Robert" not in credits, credits


def test_a_page_not_approved_announces_nothing(editor, submitted: ArticlePage) -> None:
    assert LIVE not in _messages(_logged_in(editor).get("/admin/"))
