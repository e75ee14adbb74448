"""Erase a commenter's personal data: name, email, IP address and browser.
With --delete-text the comments themselves are deleted (replies to them stay)."""

from django.core.management.base import BaseCommand

from comments import privacy

DELETE_TEXT_HELP = "Delete the comments instead of keeping their text anonymously."


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("email", help="The commenter's email address (case-insensitive).")
        parser.add_argument("--delete-text", action="store_true", help=DELETE_TEXT_HELP)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, email, delete_text, yes, **options):
        found = privacy.comments_of(email).count()
        if not found:
            self.stdout.write(f"No comments found for {email}; nothing to erase.")
            return
        action = "Delete" if delete_text else "Anonymize"
        if not yes and not self._confirmed(f"{action} {found} comment(s) by {email}? [y/N] "):
            self.stdout.write("Cancelled; nothing was erased.")
            return
        erased = privacy.erase(email, delete_text=delete_text)
        done = "Deleted" if delete_text else "Erased personal data of"
        self.stdout.write(self.style.SUCCESS(f"{done} {erased} comment(s) by {email}."))

    def _confirmed(self, question):
        try:
            return input(question).strip().lower() in {"y", "yes"}
        except EOFError:
            return False
