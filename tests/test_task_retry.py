"""A moderators' alert that cannot be sent is not lost: a real worker, a real SMTP connection
refused on loopback, the task queued again later, and delivered once a mail server answers."""

import email
import email.policy
import socket
import socketserver
import threading
import time

import pytest
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from comments import tasks
from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.workers import wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("database_queue"),
]
MODERATOR = "kiemduyet@example.com"


class SMTPSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to take one message and keep its bytes in `server.received`."""

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 sink")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in {b"EHLO", b"HELO"}:
                self.reply("250 sink")
            elif verb == b"DATA":
                self.reply("354 go on")
                lines = []
                while (data := self.rfile.readline()) not in {b".\r\n", b""}:
                    lines.append(data)
                self.server.received.append(b"".join(lines))
                self.reply("250 kept")
            elif verb == b"QUIT":
                self.reply("221 bye")
                return
            else:
                if verb == b"RCPT":
                    self.server.recipients.append(line.decode().strip().lower())
                self.reply("250 ok")


@pytest.fixture
def smtp_port(monkeypatch):
    """A loopback port nobody listens on (yet); the workers started after this send there."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    monkeypatch.setenv("EMAIL_HOST", "127.0.0.1")
    monkeypatch.setenv("EMAIL_PORT", str(port))
    monkeypatch.setenv("TASKS_RETRY_SECONDS", "2")
    return port


@pytest.fixture
def mail_worker(smtp_port, start_worker):
    """Start a worker whose mail goes to `smtp_port` (set up before the worker's environment)."""
    return start_worker


@pytest.fixture
def smtp_sink(smtp_port):
    """Start a mail server on `smtp_port`: call it when the mail may go through."""
    servers = []

    def start():
        socketserver.ThreadingTCPServer.allow_reuse_address = True
        server = socketserver.ThreadingTCPServer(("127.0.0.1", smtp_port), SMTPSink)
        server.received, server.recipients = [], []
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def wait_for_retry(result_id, runs=1, seconds=30):
    """The task once it failed `runs` times and is queued again."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        stored = DBTaskResult.objects.get(pk=result_id)
        if stored.status == TaskResultStatus.READY and len(stored.worker_ids) == runs:
            return stored
        time.sleep(0.05)
    raise AssertionError(f"task {result_id} is {stored.status} after {stored.worker_ids}")


def held_comment():
    return CommentFactory(body="Đợi duyệt giúp tôi", status=Comment.Status.PENDING)


def test_an_alert_refused_by_the_mail_server_is_retried_later_and_delivered(mail_worker, smtp_sink):
    result = tasks.alert_moderators.enqueue(held_comment().pk, [MODERATOR])
    mail_worker()

    waiting = wait_for_retry(result.id)

    assert waiting.exception_class_path == "builtins.ConnectionRefusedError"
    assert "Connection refused" in waiting.traceback
    assert waiting.run_after > timezone.now()  # later, not at once
    sink = smtp_sink()
    delivered = wait_for(result.id, TaskResultStatus.SUCCESSFUL, seconds=30)
    assert len(delivered.worker_ids) == 2
    assert delivered.return_value is True
    assert sink.recipients == [f"rcpt to:<{MODERATOR}>"]
    message = email.message_from_bytes(sink.received[0], policy=email.policy.default)
    assert "1 bình luận đang chờ duyệt" in message["Subject"]
    assert "Đợi duyệt giúp tôi" in message.get_body().get_content()


@pytest.fixture
def two_attempts(monkeypatch):
    monkeypatch.setenv("TASKS_RETRY_ATTEMPTS", "2")
    monkeypatch.setenv("TASKS_RETRY_SECONDS", "1")


def test_an_alert_stops_being_retried_after_its_last_attempt(two_attempts, mail_worker):
    result = tasks.alert_moderators.enqueue(held_comment().pk, [MODERATOR])
    mail_worker()

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        stored = DBTaskResult.objects.get(pk=result.id)
        if stored.status == TaskResultStatus.FAILED and len(stored.worker_ids) == 2:
            break
        time.sleep(0.05)
    time.sleep(2.5)  # past the next delay: it stays failed, left to the admin's retry

    stored = DBTaskResult.objects.get(pk=result.id)
    assert stored.status == TaskResultStatus.FAILED
    assert len(stored.worker_ids) == 2
    assert stored.exception_class_path == "builtins.ConnectionRefusedError"
