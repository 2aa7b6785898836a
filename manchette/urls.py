from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from manchette.accounts.views import NewsroomLoginView
from manchette.articles import feeds, views
from manchette.website import views as website

handler500 = "manchette.website.views.server_error"

# Feeds and sitemaps are the same for every reader: a shared cache may keep them (Varnish
# drops them when an article is published, see manchette/website/purging.py).
shared = cache_control(
    public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE, s_maxage=settings.PUBLIC_PAGE_MAX_AGE
)

urlpatterns = [
    # The newsroom signs in on its own page but through the readers' limits and second
    # factor, and resets its passwords through the readers' form (manchette/accounts).
    path("admin/login/", NewsroomLoginView.as_view(), name="wagtailadmin_login"),
    re_path(r"^admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("django-admin/login/", RedirectView.as_view(pattern_name="wagtailadmin_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("compte/", include("allauth.urls")),
    path("mon-compte/", include("manchette.accounts.urls")),
    path("abonnement/", include("manchette.subscriptions.urls")),
    path("audio/", include("manchette.audio.urls")),
    path("commentaires/", include("manchette.comments.urls")),
    path("newsletters/", include("manchette.newsletters.urls")),
    path("mesure/", include("manchette.audience.urls")),
    path("", include("manchette.gifts.urls")),
    path("direct/", include("manchette.live.urls")),
    path("rectificatifs/", include("manchette.corrections.urls")),
    path("recherche/", views.search, name="search"),
    path("tags/<slug:slug>/", views.tag, name="tag"),
    path("auteurs/<slug:slug>/", views.author, name="author"),
    path("langue/<str:language>/", website.switch_language, name="switch_language"),
    path("rss.xml", shared(feeds.LatestArticlesFeed()), name="feed"),
    path("rubriques/<slug:slug>/rss.xml", shared(feeds.SectionFeed()), name="section_feed"),
    path("sitemap.xml", shared(sitemap), name="sitemap"),
    path("sitemap-news.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", website.robots_txt, name="robots_txt"),
    path("favicon.ico", website.favicon),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", website.media),
    ]

urlpatterns += [
    # Wagtail's page pattern, leaving its own /_util/ views (password form, login) to it.
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", website.serve_page),
    path("", include(wagtail_urls)),
]
