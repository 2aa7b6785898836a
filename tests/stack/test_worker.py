"""The RQ worker (manchette.task_backends.Worker) runs its jobs in its own process: a database
connection that died between two jobs (PostgreSQL restarted) must be replaced, as between two
requests, rather than fail the next job."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from redis import Redis
from rq import Queue
from rq.job import JobStatus

from manchette.task_backends import Worker

from .servers import LOOPBACK, Process


def count_readers() -> int:
    """A job that needs the database."""
    return get_user_model().objects.count()


@pytest.mark.django_db(transaction=True)
def test_a_connection_lost_between_two_jobs_costs_no_job(redis_server: Process, make_user) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no server whose connection can be lost")
    make_user()
    redis = Redis(host=LOOPBACK, port=redis_server.port)
    queue = Queue("default", connection=redis)
    worker = Worker([queue], connection=redis)

    first = queue.enqueue(count_readers)
    worker.work(burst=True)
    assert first.get_status() == JobStatus.FINISHED
    assert connection.connection is not None  # kept for the next job (CONN_MAX_AGE)

    connection.connection.close()  # as PostgreSQL's restart leaves it, Django unaware
    second = queue.enqueue(count_readers)
    worker.work(burst=True)

    assert second.get_status() == JobStatus.FINISHED, second.latest_result().exc_string
    assert second.return_value() == 1
