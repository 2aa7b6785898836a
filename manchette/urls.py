from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from manchette.articles import feeds, views
from manchette.website import views as website

handler500 = "manchette.website.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("compte/", include("allauth.urls")),
    path("mon-compte/", include("manchette.accounts.urls")),
    path("abonnement/", include("manchette.subscriptions.urls")),
    path("recherche/", views.search, name="search"),
    path("tags/<slug:slug>/", views.tag, name="tag"),
    path("langue/<str:language>/", website.switch_language, name="switch_language"),
    path("rss.xml", feeds.LatestArticlesFeed(), name="feed"),
    path("rubriques/<slug:slug>/rss.xml", feeds.SectionFeed(), name="section_feed"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("sitemap-news.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", website.robots_txt, name="robots_txt"),
    path("favicon.ico", website.favicon),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", website.media),
    ]

urlpatterns += [path("", include(wagtail_urls))]
