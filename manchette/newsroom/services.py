"""The newsroom's groups, their rights, and the review workflow.

Journalists write and submit for review; editors review, publish, unpublish and
schedule. Everything here is idempotent: it runs after every migration.
"""

from django.contrib.auth.models import AnonymousUser, Group, Permission, User
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Revision,
    Workflow,
    WorkflowPage,
    WorkflowState,
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


# Pages an approval put online, kept for the approver's next admin page: approving from the
# dashboard's pop-up answers the browser with a redirect, and only the page it lands on can
# say so. Kept in the cache, shared by every web process; a lost notice costs one message.
_WENT_LIVE_KEY = "newsroom:went-live:{user_id}"
_WENT_LIVE_SECONDS = 10 * 60


def note_approval(workflow_state: WorkflowState, approver: User | None) -> None:
    """Remembers, for the approver, a page whose newest revision the approval put online.

    An approval of a revision scheduled for later leaves an older one live: nothing to say.
    """
    went_live = Page.objects.filter(
        pk=int(workflow_state.object_id), live=True, live_revision_id=F("latest_revision_id")
    )
    title = went_live.values_list("title", flat=True).first()
    if approver is None or title is None:
        return
    key = _WENT_LIVE_KEY.format(user_id=approver.pk)
    cache.set(key, [*cache.get(key, []), title], _WENT_LIVE_SECONDS)


def approvals_gone_live(user: User | AnonymousUser) -> list[str]:
    """The titles of the pages the user's approvals put online since last asked, once."""
    key = _WENT_LIVE_KEY.format(user_id=user.pk)
    titles = cache.get(key, [])
    if titles:
        cache.delete(key)
    return titles


def publisher_of(revision: Revision) -> PageLogEntry | None:
    """Who published a revision and when: the approver, not the revision's author."""
    return (
        PageLogEntry.objects.filter(action="wagtail.publish", revision=revision)
        .select_related("user")
        .order_by("-timestamp")
        .first()
    )
