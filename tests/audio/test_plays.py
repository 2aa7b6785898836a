"""Issue 24: a subscriber starting an article's audio version adds one play to that article's
count for the day; the byte ranges that follow, probes, HEAD requests and robots add nothing,
and the count names no listener."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from manchette.audience.models import Action, DailyActions
from manchette.audio import services, views
from manchette.audio.models import ArticleAudio
from tests.audio.test_listening import _audio_folder, _module_audio, audio  # noqa: F401 (fixtures)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
ROBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def _plays(audio: ArticleAudio) -> int:  # noqa: F811
    return sum(DailyActions.objects.filter(object_id=audio.article_id, action=Action.AUDIO_PLAY)
               .values_list("count", flat=True))


@pytest.fixture
def listener(subscriber) -> Client:
    client = Client(HTTP_USER_AGENT=BROWSER)
    client.force_login(subscriber)
    return client


def test_a_play_counts_once_whatever_the_ranges_that_follow(
    audio: ArticleAudio, subscriber, listener: Client, monkeypatch  # noqa: F811
) -> None:
    monkeypatch.setattr(views, "MOST_BYTES_PER_ANSWER", 1000)
    url = services.listening_url(audio, subscriber)
    assert listener.get(url, HTTP_RANGE="bytes=0-1").status_code == 206  # Safari's probe
    assert _plays(audio) == 0
    assert listener.get(url, HTTP_RANGE="bytes=0-").status_code == 206  # play pressed
    for following in ("bytes=1000-", "bytes=2000-", "bytes=-300"):  # the next parts, a jump
        assert listener.get(url, HTTP_RANGE=following).status_code == 206
    assert listener.head(url).status_code == 200
    assert _plays(audio) == 1

    assert listener.get(url).status_code == 200  # played again, without Range this time
    assert _plays(audio) == 2
    row = DailyActions.objects.get(object_id=audio.article_id, action=Action.AUDIO_PLAY)
    assert {field.name for field in DailyActions._meta.get_fields()} == {"id", "object_id", "day", "action",
                                                                        "count"}
    assert subscriber.email not in str(list(DailyActions.objects.values())) and row.count == 2


def test_robots_and_refused_links_count_no_play(audio: ArticleAudio, subscriber, make_user) -> None:  # noqa: F811
    url = services.listening_url(audio, subscriber)
    robot = Client(HTTP_USER_AGENT=ROBOT)
    robot.force_login(subscriber)
    assert robot.get(url, HTTP_RANGE="bytes=0-").status_code == 206
    stranger = Client(HTTP_USER_AGENT=BROWSER)
    stranger.force_login(make_user())
    assert stranger.get(url, HTTP_RANGE="bytes=0-").status_code == 403
    assert _plays(audio) == 0


def test_the_player_asks_for_nothing_before_play(audio: ArticleAudio, listener: Client) -> None:  # noqa: F811
    # With preload="metadata" the browser would fetch bytes=0- on every page view: a play counted
    # for each subscriber who only opened the article.
    player = BeautifulSoup(listener.get(audio.article.url).content, "html.parser").select_one("audio")
    assert player["src"].startswith("/audio/ecouter/") and player["preload"] == "none"
