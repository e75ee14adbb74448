"""What would leave for Sentry carries no email or IP address, and the settings wire the scrubbing
in whenever SENTRY_DSN is set."""

import json

from newsroom.infra.sentry_scrub import before_send, before_send_transaction
from tests.ops.production import run_production


def django_error_event():
    """An event as sentry-sdk's Django integration builds it for a failed comment post."""
    return {
        "level": "error",
        "platform": "python",
        "server_name": "web-1",
        "release": "2.75.0",
        "timestamp": "2026-12-06T01:40:00.000Z",
        "request": {
            "url": "https://baokontum.vn/binh-luan/gia-ca-phe/",
            "method": "POST",
            "query_string": "email=lan.nguyen%40example.vn&from=203.0.113.50",
            "data": {
                "name": "Nguyễn Thị Lan",
                "email": "lan.nguyen@example.vn",
                "body": "Liên hệ tôi: lan.nguyen@example.vn hoặc Lan.Nguyen+bao@Gmail.COM",
            },
            "headers": {
                "Host": "baokontum.vn",
                "User-Agent": "Mozilla/5.0",
                "X-Forwarded-For": "203.0.113.50, 10.0.0.2",
                "X-Real-Ip": "203.0.113.50",
                "X-Request-Id": "9f1c2e",
            },
            "env": {"REMOTE_ADDR": "10.0.0.2", "SERVER_NAME": "web-1", "SERVER_PORT": "8000"},
        },
        "user": {"id": "42", "ip_address": "203.0.113.50", "email": "bientap@baokontum.vn"},
        "breadcrumbs": {
            "values": [
                {"category": "query", "message": "SELECT … WHERE email = 'lan.nguyen@example.vn'"},
                {"category": "httplib", "data": {"url": "http://[2001:db8::7]/notify"}},
                {"category": "log", "message": "client 2001:db8:0:0:1::1 at 01:40:00 posted"},
            ]
        },
        "extra": {"sys.argv": ["gunicorn"], "commenter": {"email": "lan.nguyen@example.vn"}},
        "exception": {
            "values": [
                {
                    "type": "SMTPRecipientsRefused",
                    "value": "{'lan.nguyen@example.vn': (550, b'no such user')}",
                    "stacktrace": {
                        "frames": [
                            {
                                "function": "alert_moderators",
                                "lineno": 88,
                                "vars": {"to": "['kiemduyet@baokontum.vn']", "ip": "'::1'"},
                            }
                        ]
                    },
                }
            ]
        },
    }


EMAILS = ["lan.nguyen@example.vn", "Lan.Nguyen+bao@Gmail.COM", "bientap@baokontum.vn"]
EMAILS += ["kiemduyet@baokontum.vn", "lan.nguyen%40example.vn"]
ADDRESSES = ["203.0.113.50", "10.0.0.2", "2001:db8::7", "2001:db8:0:0:1::1", "::1"]


def test_no_email_or_ip_address_is_left_anywhere_in_an_error_event():
    scrubbed = json.dumps(before_send(django_error_event(), {}), ensure_ascii=False)

    leaks = [value for value in EMAILS + ADDRESSES if value in scrubbed]
    assert leaks == []


def test_the_clients_address_fields_are_emptied_and_the_user_keeps_only_an_id():
    event = before_send(django_error_event(), {})

    assert event["user"] == {"id": "42"}
    assert event["request"]["env"]["REMOTE_ADDR"] == "[Filtered]"
    assert event["request"]["headers"]["X-Forwarded-For"] == "[Filtered]"
    assert event["request"]["headers"]["X-Real-Ip"] == "[Filtered]"


def test_what_helps_to_fix_the_error_stays():
    event = before_send(django_error_event(), {})

    assert event["request"]["url"] == "https://baokontum.vn/binh-luan/gia-ca-phe/"
    assert event["request"]["data"]["body"] == "Liên hệ tôi: [email] hoặc [email]"
    assert event["exception"]["values"][0]["value"] == "{'[email]': (550, b'no such user')}"
    assert event["exception"]["values"][0]["stacktrace"]["frames"][0]["lineno"] == 88
    assert event["release"] == "2.75.0" and event["request"]["headers"]["X-Request-Id"] == "9f1c2e"
    assert event["breadcrumbs"]["values"][2]["message"] == "client [ip] at 01:40:00 posted"


def test_performance_events_are_scrubbed_too():
    transaction = {
        "type": "transaction",
        "transaction": "/binh-luan/<slug>/",
        "request": {"url": "https://baokontum.vn/?email=a.b@example.vn"},
        "user": {"ip_address": "198.51.100.4"},
        "spans": [{"description": "SELECT … email = 'a.b@example.vn' AND ip = '198.51.100.4'"}],
    }

    scrubbed = json.dumps(before_send_transaction(transaction, {}))

    assert "a.b@example.vn" not in scrubbed and "198.51.100.4" not in scrubbed


# sentry-sdk's real client, as the settings start it, sends what it captures to this transport.
CAPTURE = """
import json, logging
import django
django.setup()
import sentry_sdk
from django.conf import settings
from sentry_sdk.transport import Transport

class Kept(Transport):
    sent = []
    def capture_envelope(self, envelope):
        self.sent.extend(item.payload.json for item in envelope.items)

client = sentry_sdk.get_client()
client.transport = Kept(client.options)
sentry_sdk.set_user({"id": 7, "ip_address": "203.0.113.9", "email": "x@example.vn"})
sentry_sdk.add_breadcrumb(message="sent to lan@example.vn from 203.0.113.9")
logging.getLogger("django.security.DisallowedHost").error("Invalid HTTP_HOST header: 'x.vn'")
try:
    raise ValueError("no mailbox for lan@example.vn")
except ValueError:
    sentry_sdk.capture_exception()
sentry_sdk.flush()
print(json.dumps({
    "dsn": settings.SENTRY_DSN,
    "pii": client.options["send_default_pii"],
    "sent": Kept.sent,
}))
"""


def run_settings(**env):
    done = run_production(CAPTURE, without=("SENTRY_",), **env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_with_sentry_dsn_set_the_settings_start_sentry_without_personal_data():
    report = run_settings(SENTRY_DSN="https://public@sentry.example.invalid/5")

    assert report["dsn"] and report["pii"] is False
    [event] = report["sent"]
    text = json.dumps(event)
    assert "no mailbox for [email]" in text and "sent to [email] from [ip]" in text
    assert "lan@example.vn" not in text and "203.0.113.9" not in text
    assert "x@example.vn" not in text


def test_without_sentry_dsn_nothing_is_sent():
    report = run_settings()

    assert report["dsn"] is None and report["sent"] == []
