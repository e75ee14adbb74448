from django.apps import AppConfig


class WordPressConfig(AppConfig):
    """The move from WordPress: the import command, the old links, and which stories and
    comments came from there (`models.py`)."""

    name = "newsroom.wordpress"
    label = "wordpress"
    verbose_name = "WordPress"
