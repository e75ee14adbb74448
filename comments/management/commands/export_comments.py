import json

from django.core.management.base import BaseCommand

from comments import privacy


class Command(BaseCommand):
    help = "Export every comment sent with an email address (any status) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The commenter's email address (case-insensitive).")
        parser.add_argument(
            "-o", "--output", metavar="FILE", help="Write the JSON to FILE instead of stdout."
        )

    def handle(self, *args, email, output, **options):
        comments = privacy.export(email)
        text = json.dumps(comments, ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
            self.stdout.write(f"Exported {len(comments)} comment(s) for {email} to {output}.")
        else:
            self.stdout.write(text)
            if not comments:
                self.stderr.write(f"No comments found for {email}.")
