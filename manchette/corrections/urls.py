from django.conf import settings
from django.urls import path
from django.views.decorators.cache import cache_control

from . import feeds, views

# The same for every reader: Varnish keeps them, and a new notice purges them (services.py).
shared = cache_control(
    public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE, s_maxage=settings.PUBLIC_PAGE_MAX_AGE
)

urlpatterns = [
    path("", views.corrections, name="corrections"),
    path("rss.xml", shared(feeds.CorrectionsFeed()), name="corrections_feed"),
]
