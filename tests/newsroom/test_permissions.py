"""The newsroom's groups and review workflow: journalists write and submit, editors publish."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask
from wagtail.test.utils.form_data import inline_formset

from manchette.articles.models import ArticlePage, SectionPage
from manchette.newsroom.services import EDITORS, JOURNALISTS, REVIEW_TASK, REVIEW_WORKFLOW, ensure_newsroom
from tests.conftest import Newsroom, paragraph

from .admin_forms import article_form


@pytest.fixture
def section(newsroom: Newsroom) -> SectionPage:
    return newsroom.section("Politique", slug="politique")


@pytest.fixture
def draft(newsroom: Newsroom, section: SectionPage) -> ArticlePage:
    return newsroom.article(
        section,
        title="Brouillon sur le budget",
        standfirst="Un chapô de brouillon.",
        body=[paragraph("Le budget est adopté.")],
        live=False,
    )


@pytest.fixture
def journalist(make_user):
    return make_user(JOURNALISTS, username="journaliste")


@pytest.fixture
def editor(make_user):
    return make_user(EDITORS, username="editrice")


# --------------------------------------------------------------------------- set up by migrate


def test_groups_exist_after_migrate(db) -> None:
    assert set(Group.objects.filter(name__in=[JOURNALISTS, EDITORS]).values_list("name", flat=True)) == {
        JOURNALISTS,
        EDITORS,
    }


def test_review_workflow_is_on_the_root_page_and_assigned_to_editors(db) -> None:
    root = Page.get_first_root_node()
    workflow = WorkflowPage.objects.get(page=root).workflow
    assert workflow.name == REVIEW_WORKFLOW
    assert workflow.active
    links = WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order")
    tasks = [link.task.specific for link in links]
    assert len(tasks) == 1
    assert isinstance(tasks[0], GroupApprovalTask)
    assert tasks[0].name == REVIEW_TASK
    assert list(tasks[0].groups.values_list("name", flat=True)) == [EDITORS]


def test_every_article_goes_through_the_review_workflow(draft: ArticlePage) -> None:
    assert draft.get_workflow() == Workflow.objects.get(name=REVIEW_WORKFLOW)


def test_setting_up_the_newsroom_again_changes_nothing(db) -> None:
    def counts() -> tuple[int, ...]:
        return (
            Group.objects.count(),
            GroupPagePermission.objects.count(),
            Workflow.objects.count(),
            WorkflowTask.objects.count(),
            WorkflowPage.objects.count(),
            GroupApprovalTask.objects.count(),
        )

    before = counts()
    ensure_newsroom()
    ensure_newsroom()
    assert counts() == before


# --------------------------------------------------------------------------- rights


def test_journalist_can_write_and_submit_but_not_publish(
    journalist, section: SectionPage, draft: ArticlePage
) -> None:
    perms = draft.permissions_for_user(journalist)
    assert perms.can_edit()
    assert perms.can_submit_for_moderation()
    assert not perms.can_publish()
    assert not perms.can_unpublish()
    assert section.permissions_for_user(journalist).can_add_subpage()
    assert journalist.has_perm("wagtailadmin.access_admin")
    assert not journalist.has_perm("articles.add_author")


def test_editor_can_publish_unpublish_and_schedule(editor, draft: ArticlePage, newsroom: Newsroom) -> None:
    perms = draft.permissions_for_user(editor)
    assert perms.can_edit()
    assert perms.can_publish()
    live = newsroom.article(draft.get_parent().specific)
    assert live.permissions_for_user(editor).can_unpublish()
    assert editor.has_perm("wagtailadmin.access_admin")
    assert editor.has_perm("articles.add_author") and editor.has_perm("articles.change_agency")


def test_reader_without_group_has_no_newsroom_access(make_user, draft: ArticlePage, client: Client) -> None:
    reader = make_user()
    assert not draft.permissions_for_user(reader).can_edit()
    client.force_login(reader)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


# --------------------------------------------------------------------------- through the admin


def _edit_form(article: ArticlePage, title: str, **actions: str) -> dict:
    link = article.article_authors.get()
    return article_form(
        title=title,
        slug=article.slug,
        kicker=article.kicker,
        standfirst=article.standfirst,
        authors=inline_formset([{"id": link.pk, "author": link.author_id}], initial=1),
        body_html="<p>Le budget adopté en première lecture.</p>",
        **actions,
    )


def _edit(client: Client, article: ArticlePage, title: str, **actions: str):
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    return client.post(url, _edit_form(article, title, **actions))


def test_journalist_publishing_through_the_admin_only_saves_a_draft(
    journalist, draft: ArticlePage, client: Client
) -> None:
    client.force_login(journalist)
    response = _edit(client, draft, "Le budget adopté", **{"action-publish": "action-publish"})
    assert response.status_code == 302, response.context and response.context["form"].errors

    page = ArticlePage.objects.get(pk=draft.pk)
    assert not page.live
    assert page.first_published_at is None
    assert page.has_unpublished_changes
    latest = page.get_latest_revision_as_object()
    assert latest.title == "Le budget adopté"  # the edit was kept, as a draft
    assert Client().get(draft.url).status_code == 404


def test_editor_publishes_through_the_admin(editor, draft: ArticlePage, client: Client) -> None:
    client.force_login(editor)
    response = _edit(client, draft, "Le budget adopté", **{"action-publish": "action-publish"})
    assert response.status_code == 302, response.context and response.context["form"].errors

    page = ArticlePage.objects.get(pk=draft.pk)
    assert page.live
    assert page.title == "Le budget adopté"
    assert page.first_published_at is not None
    assert Client().get(page.url).status_code == 200


def test_journalist_submits_and_an_editor_approves_and_publishes(
    journalist, editor, draft: ArticlePage, client: Client
) -> None:
    client.force_login(journalist)
    response = _edit(client, draft, "Le budget soumis", **{"action-submit": "action-submit"})
    assert response.status_code == 302, response.context and response.context["form"].errors

    page = ArticlePage.objects.get(pk=draft.pk)
    state = page.current_workflow_state
    assert state is not None and state.workflow.name == REVIEW_WORKFLOW
    task_state = state.current_task_state
    assert task_state.task.name == REVIEW_TASK
    assert not page.live
    assert Client().get(draft.url).status_code == 404  # nothing is public before review

    # The journalist cannot approve their own submission.
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    client.post(url)
    assert not ArticlePage.objects.get(pk=draft.pk).live

    reviewer = Client()
    reviewer.force_login(editor)
    response = reviewer.post(url)
    assert response.status_code in {200, 302}
    page = ArticlePage.objects.get(pk=draft.pk)
    assert page.live
    assert page.title == "Le budget soumis"
    assert page.current_workflow_state is None
