"""Prometheus metrics: what is counted, and who may read /metrics."""

from __future__ import annotations

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select

from academy import create_app
from academy.certificates.badge_images import badge_png_for, badge_svg_for
from academy.certificates.models import Certificate
from academy.config import ConfigurationError
from academy.extensions import db
from tests.certificates.helpers import learner_who_completed
from tests.quizzes.quiz_pages import answers_by_label, enrolled_learner, import_quiz, start

OUTSIDE = "203.0.113.9"  # an address on the internet, outside every allowed network


def metric(client, name: str, **labels) -> float:
    """The value of one sample of /metrics (0 when it was never counted)."""
    response = client.get("/metrics")
    assert response.status_code == 200
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return sample.value
    return 0.0


LIVEZ = {"endpoint": "main.livez", "method": "GET", "status_class": "2xx"}


def test_a_request_is_counted_and_timed_by_endpoint(client):
    before = metric(client, "academy_http_requests_total", **LIVEZ)
    timed = metric(client, "academy_http_request_duration_seconds_count", **LIVEZ)
    assert client.get("/livez").status_code == 200
    assert metric(client, "academy_http_requests_total", **LIVEZ) == before + 1
    assert metric(client, "academy_http_request_duration_seconds_count", **LIVEZ) == timed + 1


def test_paths_and_unknown_methods_never_become_labels(client):
    labels = {"endpoint": "unmatched", "method": "other", "status_class": "4xx"}
    before = metric(client, "academy_http_requests_total", **labels)
    assert client.open("/no/such/page/x1", method="BREW").status_code == 404
    assert metric(client, "academy_http_requests_total", **labels) == before + 1
    exposition = client.get("/metrics").text
    assert "/no/such/page" not in exposition
    assert "BREW" not in exposition


def test_a_graded_quiz_submission_is_counted(client, tmp_path):
    import_quiz(tmp_path)
    enrolled_learner(client)
    passed = metric(client, "academy_quiz_submissions_total", outcome="passed")
    failed = metric(client, "academy_quiz_submissions_total", outcome="failed")
    page = start(client)
    answers = answers_by_label(client.get(page).text, right=True)
    assert client.post(page, data=answers).status_code == 302
    # The same form sent again (a double click): graded once, counted once.
    client.post(page, data=answers)
    assert metric(client, "academy_quiz_submissions_total", outcome="passed") == passed + 1
    assert metric(client, "academy_quiz_submissions_total", outcome="failed") == failed


def test_a_pdf_render_is_counted_and_a_cached_download_is_not(client, sample_course):
    learner_who_completed(client, sample_course)
    certificate = db.session.scalar(select(Certificate))
    url = f"/certificates/{certificate.public_id}.pdf"
    rendered = metric(client, "academy_certificate_renders_total", kind="pdf", outcome="ok")
    timed = metric(client, "academy_certificate_render_seconds_count", kind="pdf")
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # from the stored bytes
    assert metric(client, "academy_certificate_renders_total", kind="pdf", outcome="ok") == (
        rendered + 1
    )
    assert metric(client, "academy_certificate_render_seconds_count", kind="pdf") == timed + 1


def test_badge_renders_are_counted_by_kind(client, sample_course):
    learner_who_completed(client, sample_course)
    record = db.session.scalar(select(Certificate)).as_record()
    png = metric(client, "academy_certificate_renders_total", kind="badge_png", outcome="ok")
    svg = metric(client, "academy_certificate_renders_total", kind="badge_svg", outcome="ok")
    badge_png_for(record)
    badge_svg_for(record)
    assert metric(client, "academy_certificate_renders_total", kind="badge_png", outcome="ok") == (
        png + 1
    )
    assert metric(client, "academy_certificate_renders_total", kind="badge_svg", outcome="ok") == (
        svg + 1
    )


def test_database_errors_are_counted_by_class(make_app, tmp_path):
    broken = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing/dir/x.db")
    client = broken.test_client()
    before = metric(client, "academy_database_errors_total", error="OperationalError")
    assert client.get("/healthz").status_code == 503
    assert metric(client, "academy_database_errors_total", error="OperationalError") == before + 1


@pytest.mark.parametrize("address", ["127.0.0.1", "::1", "::ffff:127.0.0.1"])
def test_this_machine_reads_the_metrics_by_default(client, address):
    response = client.get("/metrics", environ_base={"REMOTE_ADDR": address})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=")
    assert response.headers["Cache-Control"] == "no-store"
    assert "academy_http_requests_total" in response.text


def refused(response) -> bool:
    """A 404 like any missing page, with none of the metrics in it."""
    return response.status_code == 404 and "academy_" not in response.text


def test_other_addresses_get_a_404(client):
    assert refused(client.get("/metrics", environ_base={"REMOTE_ADDR": OUTSIDE}))
    assert refused(client.get("/metrics", environ_base={"REMOTE_ADDR": "10.0.0.5"}))


def test_a_forged_forwarded_for_does_not_pass_without_a_proxy(client):
    # Straight to the app: X-Forwarded-For is whatever the client wrote.
    response = client.get(
        "/metrics",
        headers={"X-Forwarded-For": "127.0.0.1"},
        environ_base={"REMOTE_ADDR": OUTSIDE},
    )
    assert refused(response)


def test_a_proxy_the_app_was_not_told_about_cannot_pass_its_clients(client):
    # nginx on this machine, but ACADEMY_PROXY_COUNT=0: the origin is unknown, so no.
    response = client.get(
        "/metrics",
        headers={"X-Forwarded-For": OUTSIDE},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )
    assert refused(response)


def test_behind_one_proxy_the_client_it_names_is_judged(make_app):
    client = make_app(PROXY_COUNT=1, METRICS_ALLOW="10.0.0.0/8").test_client()
    # The client wrote 10.0.0.7 itself; nginx appended the address it came from.
    forged = client.get(
        "/metrics",
        headers={"X-Forwarded-For": f"10.0.0.7, {OUTSIDE}"},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )
    assert refused(forged)
    from_the_network = client.get(
        "/metrics",
        headers={"X-Forwarded-For": "10.0.0.7"},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )
    assert from_the_network.status_code == 200
    # nginx's own address is not the operator's network once it is a proxy.
    assert refused(client.get("/metrics", headers={"X-Forwarded-For": OUTSIDE}))


def test_an_empty_allow_list_lets_nobody_read(make_app):
    client = make_app(METRICS_ALLOW="").test_client()
    assert refused(client.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"}))


def test_a_mistyped_allow_list_stops_the_start(make_app, monkeypatch, tmp_path):
    monkeypatch.setenv("ACADEMY_METRICS_ALLOW", "10.0.0.0/8, 10.0.0.300")
    monkeypatch.setenv("ACADEMY_INSTANCE_PATH", str(tmp_path / "instance"))
    with pytest.raises(ConfigurationError, match="ACADEMY_METRICS_ALLOW"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
