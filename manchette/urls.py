from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from manchette.articles import feeds, views

handler500 = "manchette.articles.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("compte/", include("allauth.urls")),
    path("mon-compte/", include("manchette.accounts.urls")),
    path("abonnement/", include("manchette.subscriptions.urls")),
    path("recherche/", views.search, name="search"),
    path("tags/<slug:slug>/", views.tag, name="tag"),
    path("langue/<str:language>/", views.switch_language, name="switch_language"),
    path("rss.xml", feeds.LatestArticlesFeed(), name="feed"),
    path("rubriques/<slug:slug>/rss.xml", feeds.SectionFeed(), name="section_feed"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("sitemap-news.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_static, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [path("", include(wagtail_urls))]
