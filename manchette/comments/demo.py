"""The demo's comment section: the editor moderates, the charter is written, a short debate.

Loaded by `load_demo` with the demo accounts; running it again changes nothing.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from manchette.articles.models import ArticlePage

from . import moderation, posting
from .models import Comment, CommentSettings
from .signals import MODERATORS

# The demo's second article (the lead's page is kept for the browser tests' own comments).
ARTICLE_SLUG = "norvege-tromso-ferries-electriques"
THREAD = (
    "Les ferries électriques, c'est bien, mais qui paie les bornes de recharge du port ? "
    "L'article ne le dit pas."
)
FOLLOW_UP = (
    "Réponse à moi-même : le conseil municipal publie le budget annexe du port, "
    "à lire ici https://exemple.fr/budget-port."
)

CHARTER = (
    "<p>Les commentaires sont ouverts aux abonnés, signés de leur pseudonyme. Ils sont relus par la "
    "rédaction, avant ou après leur publication.</p>"
    "<p>Sont refusés : les injures et attaques personnelles, les propos haineux ou discriminatoires, "
    "la publicité et les messages répétés, les hors-sujets, les fausses informations manifestes, "
    "les atteintes à la vie privée et tout contenu illégal. L'auteur d'un commentaire refusé voit le "
    "motif du refus.</p>"
    "<p>Plusieurs refus en peu de temps suspendent le droit de commenter ; une exclusion peut suivre.</p>"
)
TERMS = (
    "<p>En publiant un commentaire, vous en restez l'auteur et autorisez sa diffusion sous l'article. "
    "Vous pouvez le modifier pendant cinq minutes et le supprimer à tout moment.</p>"
    "<p>Signalez un commentaire qui enfreint la charte : la rédaction l'examinera.</p>"
)


@transaction.atomic
def load_demo_comments(editor_username: str, subscriber_email: str) -> int:
    """The editor joins the moderators; the charter and terms; one thread on a demo article."""
    User = get_user_model()
    editor = User.objects.filter(username=editor_username).first()
    author = User.objects.filter(email=subscriber_email).first()
    article = ArticlePage.objects.filter(slug=ARTICLE_SLUG).first()
    if editor is None or author is None or article is None:
        return 0
    editor.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    rules = CommentSettings.load()
    if not rules.charter and not rules.terms:
        rules.charter, rules.terms = CHARTER, TERMS
        rules.save(update_fields=["charter", "terms"])
    if Comment.objects.filter(article=article, author=author).exists():
        return 0
    thread = posting.post_comment(author, article, THREAD)
    moderation.approve(editor, thread.pk)
    # Held (a link): the demo's moderation queue has something to look at.
    posting.post_comment(author, article, FOLLOW_UP, reply_to=thread.pk)
    return 2
