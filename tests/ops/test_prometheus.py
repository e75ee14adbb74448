"""deploy/prometheus/: the configuration and alerts pass promtool, the alerts fire on made-up
series, and a real Prometheus scrapes a real app server and sees a comment posted to it.
Without Debian's prometheus package these skip (fail under CI=true)."""

import subprocess
from pathlib import Path

import httpx
import pytest
import yaml
from django.urls import reverse

from tests.deploy.tools import DEPLOY, free_port, hidden_value, stop, tool, wait_until
from tests.factories import ArticleFactory
from tests.ops.appserver import gunicorn

PROMETHEUS = DEPLOY / "prometheus"
CONFIG = PROMETHEUS / "prometheus.yml"
ALERTS = PROMETHEUS / "alerts.yml"


def promtool(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool("promtool", "prometheus"), *args], capture_output=True, text=True, timeout=60
    )


def test_the_configuration_and_its_alerts_pass_promtool():
    config = promtool("check", "config", str(CONFIG))
    rules = promtool("check", "rules", str(ALERTS))

    assert config.returncode == 0, config.stdout + config.stderr
    assert rules.returncode == 0, rules.stdout + rules.stderr


ALERT_TESTS = """
rule_files: [{alerts}]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'newsroom_comments_oldest_pending_age_seconds{{instance="a"}}'
        values: '600+60x40'
      - series: 'newsroom_http_requests_total{{view="articles:detail", status="200"}}'
        values: '0+100x20'
      - series: 'newsroom_http_requests_total{{view="articles:detail", status="500"}}'
        values: '0+10x20'
      - series: 'newsroom_tasks{{status="failed", instance="a"}}'
        values: '0 0 0 0 0 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1'
    alert_rule_test:
      - eval_time: 10m
        alertname: NewsroomCommentWaiting
        exp_alerts: []
      - eval_time: 25m
        alertname: NewsroomCommentWaiting
        exp_alerts:
          - exp_labels: {{severity: warning}}
            exp_annotations:
              summary: "A comment has waited 35m 0s for a moderator"
      - eval_time: 15m
        alertname: NewsroomServerErrors
        exp_alerts:
          - exp_labels: {{severity: critical}}
            exp_annotations:
              summary: "9.091% of answers are server errors"
      - eval_time: 3m
        alertname: NewsroomTaskFailed
        exp_alerts: []
      - eval_time: 8m
        alertname: NewsroomTaskFailed
        exp_alerts:
          - exp_labels: {{severity: warning}}
            exp_annotations:
              summary: "Tasks failed: see the admin's task list"
      - eval_time: 34m
        alertname: NewsroomTaskFailed
        exp_alerts: []
"""


def test_the_alerts_fire_on_a_waiting_comment_server_errors_and_a_failed_task(tmp_path):
    tests = tmp_path / "alerts_test.yml"
    tests.write_text(ALERT_TESTS.format(alerts=ALERTS))

    result = promtool("test", "rules", str(tests))

    assert result.returncode == 0, result.stdout + result.stderr


# --- a real Prometheus scraping a real app server -----------------------------------------


def scrape_config(app: str, folder: Path) -> Path:
    """The repository's configuration, scraping `app` every second, alerting nowhere."""
    config = yaml.safe_load(CONFIG.read_text())
    config["global"] = {"scrape_interval": "1s", "evaluation_interval": "1s"}
    config["rule_files"] = [str(ALERTS)]
    config.pop("alerting")
    job = next(job for job in config["scrape_configs"] if job["job_name"] == "newsroom")
    job["static_configs"] = [{"targets": [app.removeprefix("http://")]}]
    job["scrape_timeout"] = "1s"
    path = folder / "prometheus.yml"
    path.write_text(yaml.safe_dump(config))
    return path


def query(api: str, expression: str) -> float | None:
    answer = httpx.get(f"{api}/api/v1/query", params={"query": expression}, timeout=5)
    answer.raise_for_status()  # 503 while Prometheus starts: wait_until asks again
    result = answer.json()["data"]["result"]
    return float(result[0]["value"][1]) if result else None


def post_a_comment(base: str, article) -> None:
    """As a reader's browser: the story page, then its form (no token for readers: the
    browser's Sec-Fetch-Site says where the post comes from)."""
    with httpx.Client(base_url=base, timeout=10) as browser:
        page = browser.get(article.get_absolute_url()).text
        answer = browser.post(
            reverse("comments:post", kwargs={"slug": article.slug}),
            data={
                "name": "Lan",
                "email": "lan@example.com",
                "body": "Bài viết rất hay, cảm ơn tòa soạn.",
                "rendered": hidden_value(page, "rendered"),
                "website": "",
            },
            headers={"Sec-Fetch-Site": "same-origin", "Origin": base},
        )
        assert answer.status_code == 302, answer.text[-2000:]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_prometheus_scrapes_the_app_and_sees_a_comment_posted(tmp_path, section):
    binary = tool("prometheus", "prometheus")
    article = ArticleFactory(section=section, title="Giá cà phê tăng mạnh")
    metrics_dir = tmp_path / "multiproc"
    metrics_dir.mkdir()

    with gunicorn(tmp_path, workers=2, PROMETHEUS_MULTIPROC_DIR=str(metrics_dir)) as app:
        port = free_port()
        api = f"http://127.0.0.1:{port}"
        log = tmp_path / "prometheus.log"
        with log.open("w") as out:
            prometheus = subprocess.Popen(
                [binary, f"--config.file={scrape_config(app, tmp_path)}",
                 f"--storage.tsdb.path={tmp_path / 'tsdb'}",
                 f"--web.listen-address=127.0.0.1:{port}"],
                stdout=out, stderr=out,
            )  # fmt: skip
        try:
            wait_until(
                lambda: query(api, 'up{job="newsroom"}') == 1, 60, "the scrape", prometheus, log
            )
            posted = 'sum(newsroom_comments_posted_total{job="newsroom"})'
            seen = wait_until(lambda: (n := query(api, posted)) is not None and [n], 30, "counts")
            post_a_comment(app, article)
            wait_until(
                lambda: query(api, posted) == seen[0] + 1, 30, "the posted comment", prometheus, log
            )
            pending = query(api, 'max(newsroom_comments_pending{job="newsroom"})')
            rules = httpx.get(f"{api}/api/v1/rules", timeout=5).json()["data"]["groups"]
        finally:
            stop(prometheus)

    assert pending == 1
    loaded = {rule["name"] for group in rules for rule in group["rules"]}
    assert {"NewsroomCommentWaiting", "NewsroomServerErrors", "NewsroomTaskFailed"} <= loaded
