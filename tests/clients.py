"""Logged-in browsers for tests; the `client` fixture stays an anonymous reader."""

from django.test import Client


def logged_in(user):
    """A browser of its own, logged in as `user`."""
    browser = Client()
    browser.force_login(user)
    return browser
