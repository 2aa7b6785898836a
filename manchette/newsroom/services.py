"""The newsroom's groups, their rights, and the review workflow.

Journalists write and submit for review; editors review, publish, unpublish and
schedule. Everything here is idempotent: it runs after every migration.
"""

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

JOURNALISTS = "Journalistes"
EDITORS = "Éditeurs"
REVIEW_WORKFLOW = "Relecture par les éditeurs"
REVIEW_TASK = "Validation par un éditeur"
ROOT_TITLE = "Tous les sites"
ROOT_COLLECTION = "Photothèque"

_PAGE_RIGHTS = {
    JOURNALISTS: ["add_page", "change_page"],
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
}
_IMAGE_RIGHTS = ["add_image", "change_image", "choose_image"]
_SNIPPET_RIGHTS = {
    JOURNALISTS: ["view_author", "view_agency"],
    EDITORS: [
        "view_author",
        "add_author",
        "change_author",
        "view_agency",
        "add_agency",
        "change_agency",
    ],
}


@transaction.atomic
def ensure_newsroom() -> None:
    root = Page.get_first_root_node()
    if root is None:
        return
    # Wagtail names the tree's and the image library's roots "Root": the newsroom sees them
    # in the page breadcrumbs and the image forms.
    Page.objects.filter(pk=root.pk, title="Root").update(title=ROOT_TITLE, draft_title=ROOT_TITLE)
    Collection.objects.filter(depth=1, name="Root").update(name=ROOT_COLLECTION)
    editors = _ensure_group(EDITORS, root)
    _ensure_group(JOURNALISTS, root)
    _ensure_review_workflow(root, editors)


def _ensure_group(name: str, root: Page) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="articles", codename__in=_SNIPPET_RIGHTS[name]),
    )
    for codename in _PAGE_RIGHTS[name]:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    collection = Collection.get_first_root_node()
    for codename in _IMAGE_RIGHTS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label="wagtailimages", codename=codename),
        )
    return group


def _ensure_review_workflow(root: Page, editors: Group) -> None:
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    task, created = GroupApprovalTask.objects.get_or_create(name=REVIEW_TASK)
    if created:
        task.groups.set([editors])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


@transaction.atomic
def publish_due_pages() -> None:
    """Publishes scheduled revisions that are due and unpublishes expired pages.

    Wagtail's own command does the work, acting only on what is still due. Two workers
    running it at once would both see the same due revision and publish it twice, so
    runs take turns: each holds a lock on the root page's row until it commits, and the
    next one then finds nothing left to do (SQLite's write transactions take turns anyway).
    """
    list(Page.objects.select_for_update().filter(depth=1).values_list("pk", flat=True))
    call_command("publish_scheduled", verbosity=0)
