"""Logged-in browsers for tests; the `client` fixture stays an anonymous reader."""

from django.test import Client
from django.urls import reverse


def logged_in(user):
    """A browser of its own, logged in as `user`."""
    browser = Client()
    browser.force_login(user)
    return browser


def take_step(browser, article, step, follow=False, **data):
    """Post one review step (submit, return, approve, publish...) as the story's desk does."""
    url = reverse("admin:articles_article_act", args=[article.pk])
    return browser.post(url, {"step": step, **data}, follow=follow)


def publish_through_desk(browser, article):
    """Submit, approve and publish `article`: `browser` is an editor of its section."""
    for step in ("submit", "approve", "publish"):
        take_step(browser, article, step)
