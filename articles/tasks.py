"""Background work of the newsroom (run by `manage.py worker`; at once in tests)."""

from django.core.mail import send_mail
from django.tasks import task


@task
def send_review_mail(subject: str, body: str, addresses: list[str]) -> int:
    """One review email to each address (editors hear of submissions, reporters of answers).

    A failure is recorded on the task, where the admin can retry it; the action stands.
    """
    for address in addresses:
        send_mail(subject, body, None, [address])
    return len(addresses)
