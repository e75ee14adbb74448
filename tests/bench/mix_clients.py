"""bench-mix's writers, beside the readers: commenters posting 5 comments a second, each from a
new browser, and a moderator approving one a second through the admin's queue, each approval
followed a second later by a reader looking for the comment on its story page.

A commenter does what a browser does: reads the shared story page, asks for its own parts
when it enters the form (personal.js: a fresh signed form time), writes for WRITE_AFTER_SECONDS,
posts the form (`Origin`, `Sec-Fetch-Site: same-origin`, and personal.js's `landing=shared`) and
follows the answer's redirect: back to the shared story page, whose script asks for the
reader's own parts again to put the pending comment in place. One commenter in
NO_SCRIPT_EVERY has JavaScript off: it sends the form as drawn and lands on its personal copy
of the story."""

import html
import random
import re
import ssl
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

MODERATOR = "bench-moderator"
POSTS_PER_SECOND = 5.0
APPROVALS_PER_SECOND = 1.0
WRITE_AFTER_SECONDS = 4.0  # reading and typing: COMMENTS_MIN_SECONDS_TO_POST is 3
SEEN_AFTER_SECONDS = 1.0
NO_SCRIPT_EVERY = 20
CHROME = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
FORM = re.compile(r'<form[^>]*class="comment-form"[^>]*>.*?</form>', re.S)
INPUT = re.compile(r"<input\b[^>]*>")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
POSTED = re.compile(r"#binh-luan-(\d+)$")
QUEUED = re.compile(r'class="queue-item" id="c-(\d+)"')
PERSONAL = re.compile(r'data-personal="([^"]+)"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# httpx builds an SSL context and loads the CA bundle for every client it makes (about 27 ms of
# CPU): at 6 new browsers a second, a tenth of the bench's two cores went to the load generator,
# not the site. A browser loads its certificates once; so do these.
_TLS = ssl.create_default_context()


def browser(base) -> httpx.Client:
    """A new browser's client (its own cookies) for `base`."""
    return httpx.Client(base_url=base, timeout=30, headers={"User-Agent": CHROME}, verify=_TLS)


def form_fields(page: str) -> tuple[str, dict]:
    """The comment form's action and the fields a browser would send untouched."""
    form = FORM.search(page)
    if not form:
        raise ValueError("no comment form on the page")
    action = html.unescape(re.search(r'action="([^"]*)"', form[0])[1]).split("#")[0]
    fields = {}
    for tag in INPUT.findall(form[0]):
        attrs = dict(ATTRIBUTE.findall(tag))
        if attrs.get("type") in ("hidden", "text") and "name" in attrs:
            fields[attrs["name"]] = html.unescape(attrs.get("value", ""))
    return action, fields


class Writers:
    """Commenters and the moderator against `base`, from `with` to its end; counts only what
    happens between start_counting() and stop_counting(). `posted` ({comment id: story path})
    is filled with the comments accepted, and read to find an approved comment's story."""

    def __init__(self, base, site, posted, seed=7):
        self.base, self.site = base, site
        self.rng = random.Random(seed)
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.counting = False
        self.window = [None, None]
        self.posted = posted
        self.stats = {"posts": 0, "accepted": 0, "approvals": 0, "checked": 0, "seen": 0}
        self.problems: dict[str, int] = {}
        weights = [1 / k**1.1 for k in range(1, len(site["stories"]) + 1)]
        self.pick = lambda: self.rng.choices(site["stories"], weights=weights)[0]

    def __enter__(self):
        self.pool = ThreadPoolExecutor(max_workers=128)  # browsers waiting on a slow site
        self.threads = [
            threading.Thread(target=self._commenters, daemon=True),
            threading.Thread(target=self._moderator, daemon=True),
        ]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)
        self.pool.shutdown(wait=True, cancel_futures=True)

    def start_counting(self):
        with self.lock:
            self.counting, self.window[0] = True, time.monotonic()

    def stop_counting(self):
        with self.lock:
            self.counting, self.window[1] = False, time.monotonic()

    def results(self) -> dict:
        seconds = (self.window[1] or time.monotonic()) - (self.window[0] or time.monotonic())
        seconds = max(seconds, 1e-9)
        return {
            **self.stats,
            "posts_per_second": round(self.stats["posts"] / seconds, 2),
            "approvals_per_second": round(self.stats["approvals"] / seconds, 2),
            "problems": self.problems,
        }

    def _count(self, name, n=1):
        with self.lock:
            if self.counting:
                self.stats[name] += n

    def _problem(self, what):
        with self.lock:
            self.problems[what] = self.problems.get(what, 0) + 1

    # --- commenters -----------------------------------------------------------------------

    def _commenters(self):
        due, n = time.monotonic(), 0
        while not self.stop.is_set():
            n += 1
            self.pool.submit(self._guarded, self._comment, n, self.pick())
            due += 1 / POSTS_PER_SECOND
            self.stop.wait(max(0.0, due - time.monotonic()))

    def _guarded(self, job, *args):
        try:
            job(*args)
        except Exception as error:  # counted and reported, never hidden
            self._problem(f"{job.__name__}: {type(error).__name__}: {error}"[:160])

    def _comment(self, n, story):
        """A new browser reads `story`, writes for a few seconds, posts the form, follows."""
        with browser(self.base) as b:
            page = b.get(story, headers={"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate"})
            page.raise_for_status()
            action, fields = form_fields(page.text)
            own = PERSONAL.search(page.text)
            script = n % NO_SCRIPT_EVERY != 0
            if own and script:  # entering the form: personal.js fetches a fresh form time
                parts = b.get(html.unescape(own[1]), headers={"Accept": "application/json"})
                parts.raise_for_status()
                fields["rendered"] = parts.json().get("rendered") or fields.get("rendered", "")
                fields["landing"] = "shared"  # personal.js, as the form is sent
            if self.stop.wait(WRITE_AFTER_SECONDS):
                return
            marker = f"mix-{int(time.time())}-{n}"
            fields.update(
                name=f"Bạn đọc {marker}",
                email=f"{marker}@example.com",
                body=f"Bình luận thử tải {marker}: bài viết hay, cảm ơn tòa soạn.",
            )
            answer = b.post(
                action,
                data=fields,
                headers={"Origin": self.base, "Referer": self.base + story,
                         "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate"},
            )  # fmt: skip
            self._count("posts")
            found = POSTED.search(answer.headers.get("Location", ""))
            if answer.status_code not in (302, 303) or not found:
                self._problem(f"post answered {answer.status_code}")
                return
            self._count("accepted")
            with self.lock:
                self.posted[int(found[1])] = story
            landing = b.get(answer.headers["Location"].split("#")[0])
            if landing.status_code != 200:
                self._problem(f"the page after a post answered {landing.status_code}")
            elif own and script:  # the hint cookie is set: personal.js places the comment
                parts = b.get(html.unescape(own[1]), headers={"Accept": "application/json"})
                if found[1] not in {str(item["id"]) for item in parts.json()["pending"]}:
                    self._problem("the pending comment was not in the reader's own parts")

    # --- the moderator --------------------------------------------------------------------

    def _moderator(self):
        self._guarded(self._moderate)

    def _log_in(self, admin):
        login = admin.get("/admin/login/")
        answer = admin.post(
            "/admin/login/",
            data={"username": MODERATOR, "password": self.site["password"],
                  "csrfmiddlewaretoken": TOKEN.search(login.text)[1], "next": "/admin/"},
            headers={"Origin": self.base, "Referer": self.base + "/admin/login/"},
        )  # fmt: skip
        if answer.status_code != 302:
            raise RuntimeError(f"the moderator could not log in ({answer.status_code})")

    def _moderate(self):
        admin = browser(self.base)
        try:
            self._log_in(admin)
            queue, token, following = "/admin/comments/comment/queue/", None, None
            due = time.monotonic()
            while not self.stop.is_set():
                if following is None:
                    page = admin.get(queue)
                    token = TOKEN.search(page.text)[1]
                    waiting = QUEUED.findall(page.text)
                    following = int(waiting[0]) if waiting else None
                if following is not None:
                    following = self._approve(admin, queue, token, following)
                due += 1 / APPROVALS_PER_SECOND
                self.stop.wait(max(0.0, due - time.monotonic()))
        finally:
            admin.close()

    def _approve(self, admin, queue, token, pk):
        """Approve comment `pk` as queue.js does; the next pending comment's id, or None."""
        answer = admin.post(
            f"{queue}{pk}/approve/",
            data={"csrfmiddlewaretoken": token},
            headers={"Accept": "application/json", "X-CSRFToken": token,
                     "Origin": self.base, "Referer": self.base + queue},
        )  # fmt: skip
        if answer.status_code != 200:
            self._problem(f"approval answered {answer.status_code}")
            return None
        approved_at = time.monotonic()
        self._count("approvals")
        with self.lock:
            story = self.posted.get(pk)
        if story:
            self.pool.submit(self._guarded, self._look_for, pk, story, approved_at)
        return answer.json().get("next")

    def _look_for(self, pk, story, approved_at):
        """A reader, a second after the approval, looks for the comment on its story."""
        time.sleep(max(0.0, approved_at + SEEN_AFTER_SECONDS - time.monotonic()))
        with browser(self.base) as b:
            page = b.get(story)
        self._count("checked")
        if f'id="binh-luan-{pk}"' in page.text:
            self._count("seen")
        else:
            self._problem("an approved comment was not on its page 1 s later")
