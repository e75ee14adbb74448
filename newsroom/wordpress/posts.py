"""Importing a WordPress export into stories: sections, tags, bylines and posts.

Reading the file is `wxr`, bodies `wpautop`, featured images `images`, the video in a post
`video_markup` and `videos` (all in this package).
`flush()` returns the stories it saved with their posts: the command (`manage.py
import_wordpress`) hands those to `comments`. Posts are matched on their WordPress id (an
`ImportedStory` row links it to the story); sections, tags and bylines on slug.

Posts are handled in batches: a few queries find a batch's stories, their tags, bylines and
the owners of the slugs they want; then only stories that changed are saved, one at a time
(`Article.save()` sanitizes, builds image renditions and keeps old slugs), and new tag and
byline rows, and the new stories' `ImportedStory` rows, are written in bulk. Importing the same
file twice changes nothing.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from articles import revisions
from articles.models import Article, ArticleSlugHistory, Author, Byline, Section, Tag
from articles.sanitize import sanitize_html
from articles.slugs import unique_slug
from articles.text import vietnamese_slugify
from newsroom.wordpress import video_markup, wpautop, wxr
from newsroom.wordpress.images import FeaturedImages
from newsroom.wordpress.models import ImportedStory
from newsroom.wordpress.videos import PostVideos
from newsroom.wordpress.wxr import plain

# WordPress post status -> (status here, how the summary counts it). Private posts stay
# invisible to readers: they become drafts. Others (trash, auto-draft) are skipped.
STATUSES = {
    "publish": (Article.Status.PUBLISHED, "published"),
    "future": (Article.Status.PUBLISHED, "scheduled"),
    "draft": (Article.Status.DRAFT, "draft"),
    "pending": (Article.Status.DRAFT, "draft"),
    "private": (Article.Status.DRAFT, "private"),
}
FALLBACK_SECTION = ("chua-phan-loai", "Chưa phân loại")
UNTITLED = "(Không có tiêu đề)"
BATCH_SIZE = 200
MAX_PROBLEMS = 50
TaggedStory = Article.tags.through


@dataclass
class Report:
    """What an import did: counts ("stories.created"…), what it skipped and why, problems."""

    counts: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    more_problems: int = 0

    def skip(self, reason, problem="", n=1):
        self.skipped[reason] += n
        if problem:
            self.problem(problem)

    def problem(self, message):
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(message)
        else:
            self.more_problems += 1


class PostImporter:
    def __init__(self, report, attachments, media_dir=None, dry_run=False):
        self.report = report
        self.images = FeaturedImages(report, attachments, media_dir, dry_run)
        self.videos = PostVideos(report, attachments, media_dir, dry_run)
        self.sections, self.tags, self.authors = {}, {}, {}
        self.waiting = []

    # Sections, tags and bylines: matched by slug, created when missing.

    def term(self, term: wxr.WpTerm):
        if term.kind == "category":
            self._section(term.slug, term.name, term.description, refresh=True)
        else:
            self._tag(term.slug, term.name, refresh=True)

    def _section(self, wp_slug, name, description="", refresh=False):
        slug = (wxr.clean_slug(wp_slug) or vietnamese_slugify(name))[:120]
        if slug in self.sections and not refresh:
            return self.sections[slug]
        name = plain(name)[:100] or slug
        section = Section.objects.filter(slug=slug).first()
        if section is None:
            section = Section.objects.create(slug=slug, name=name, description=description)
            self.report.counts["sections.created"] += 1
        else:
            description = description or section.description
            self._update(section, "sections", name=name, description=description)
        self.sections[slug] = section
        return section

    def _tag(self, wp_slug, name, refresh=False):
        slug = (wxr.clean_slug(wp_slug) or vietnamese_slugify(name))[:120]
        if slug in self.tags and not refresh:
            return self.tags[slug]
        name = plain(name)[:100] or slug
        tag = Tag.objects.filter(slug=slug).first() or Tag.objects.filter(name=name).first()
        if tag is None:
            tag = Tag.objects.create(slug=slug, name=name)
            self.report.counts["tags.created"] += 1
        elif tag.slug == slug and not Tag.objects.filter(name=name).exclude(pk=tag.pk).exists():
            self._update(tag, "tags", name=name)
        self.tags[slug] = tag
        return tag

    def author(self, wp_author: wxr.WpAuthor):
        name = plain(wp_author.name)[:120] or wp_author.login
        slug = (vietnamese_slugify(name) or wxr.clean_slug(wp_author.login))[:140]
        author = Author.objects.filter(slug=slug).first()
        if author is None:
            author = Author.objects.create(slug=slug, name=name)
            self.report.counts["authors.created"] += 1
        else:
            self._update(author, "authors", name=name)
        self.authors[wp_author.login] = author
        return author

    def _update(self, obj, kind, **values):
        changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
        for name, value in changed.items():
            setattr(obj, name, value)
        if changed:
            obj.save()
        self.report.counts[f"{kind}.{'updated' if changed else 'unchanged'}"] += 1

    # Posts.

    def add(self, wp: wxr.WpPost) -> bool:
        """Queue an item; False when it does not become a story (attachments, pages…)."""
        if wp.post_type != "post":
            if wp.post_type != "attachment":
                self.report.skip(f"{wp.post_type or 'untyped'} items (only posts become stories)")
            return False
        if wp.status not in STATUSES:
            self.report.skip(f"posts with status {wp.status or 'none'}")
            return False
        self.waiting.append(wp)
        return True

    @property
    def batch_is_full(self) -> bool:
        return len(self.waiting) >= BATCH_SIZE

    def flush(self) -> list[tuple[Article, wxr.WpPost]]:
        """Save the queued posts; return each saved story with the post it came from."""
        batch, self.waiting = self.waiting, []
        if not batch:
            return []
        stories = ImportedStory.find([wp.wp_id for wp in batch])
        pks = [article.pk for article in stories.values()]
        self.batch_tags = self._related(TaggedStory, "tag_id", pks)
        self.batch_authors = self._related(Byline, "author_id", pks)
        self.slug_owners = self._slug_owners(batch)
        self.new_tags, self.new_bylines, self.changed = [], [], []
        saved, imported = [], []
        for wp in batch:
            article = self._story(wp, stories.get(wp.wp_id))
            if wp.wp_id not in stories:
                imported.append(ImportedStory(wp_id=wp.wp_id, article=article))
            stories[wp.wp_id] = article
            saved.append((article, wp))
        ImportedStory.objects.bulk_create(imported)
        # ignore_conflicts: a post listed twice in one file must not fail the import.
        TaggedStory.objects.bulk_create(self.new_tags, ignore_conflicts=True)
        Byline.objects.bulk_create(self.new_bylines, ignore_conflicts=True)
        revisions.record_import(self.changed)
        return saved

    @staticmethod
    def _related(model, column, article_pks):
        found = defaultdict(set)
        rows = model.objects.filter(article_id__in=article_pks).values_list("article_id", column)
        for article_id, other_id in rows if article_pks else ():
            found[article_id].add(other_id)
        return found

    @staticmethod
    def _slug_owners(batch):
        """{slug: ids of the stories holding it, now or as an old slug} for a batch's slugs."""
        owners = defaultdict(set, {wxr.clean_slug(wp.slug)[:200]: set() for wp in batch})
        owners.pop("", None)
        for slug, pk in Article.objects.filter(slug__in=list(owners)).values_list("slug", "pk"):
            owners[slug].add(pk)
        history = ArticleSlugHistory.objects.filter(slug__in=list(owners))
        for slug, pk in history.values_list("slug", "article_id"):
            owners[slug].add(pk)
        return owners

    def _story(self, wp, article):
        created = article is None
        article = article or Article()
        status, kind = STATUSES[wp.status]
        if wp.password and status == Article.Status.PUBLISHED:
            status, kind = Article.Status.DRAFT, "password-protected"
        if created and status == Article.Status.PUBLISHED:
            article.review_state = Article.Review.APPROVED  # WordPress published it
        if article.status == Article.Status.UNPUBLISHED:
            status = article.status  # taken down here: a new export does not put it back
        taken = video_markup.take(wp.content)  # the page shows the player: no markup in the body
        values = {
            "title": plain(wp.title)[:250] or UNTITLED,
            "standfirst": plain(wp.excerpt),
            "body": sanitize_html(wpautop.convert_body(taken.body)),
            "section_id": self._section_for(wp).pk,
            "status": status,
            "publish_at": wp.date or (timezone.now() if created else article.publish_at),
            "allow_comments": wp.comment_status != "closed",
        }
        values["slug"] = self._slug(wp, article, values["title"])
        new_file = self.images.prepare(wp, article, values)
        tag_ids = {self._tag(slug, name).pk for slug, name in wp.tags}
        author = self.authors.get(wp.creator)
        if author is None and wp.creator:
            author = self.author(wxr.WpAuthor(wp.creator, wp.creator))
        old_tags, old_authors = self.batch_tags[article.pk], self.batch_authors[article.pk]
        new_byline = author is not None and author.pk not in old_authors
        changed = any(getattr(article, name) != value for name, value in values.items())
        if created or changed or new_file or tag_ids != old_tags or new_byline:
            self._save(article, values, new_file)
            self.report.counts["stories.created" if created else "stories.updated"] += 1
            self.changed.append(article)
        else:
            self.report.counts["stories.unchanged"] += 1
        self.report.counts[f"stories.{kind}"] += 1
        self.videos.add(wp, article, taken)
        self.new_tags += [TaggedStory(article=article, tag_id=t) for t in tag_ids - old_tags]
        if old_tags - tag_ids:
            TaggedStory.objects.filter(article=article, tag_id__in=old_tags - tag_ids).delete()
        if new_byline:
            if old_authors:
                Byline.objects.filter(article=article).delete()
            self.new_bylines.append(Byline(article=article, author=author))
        return article

    def _save(self, article, values, new_file):
        old_slug = article.slug
        for name, value in values.items():
            setattr(article, name, value)
        if new_file:
            self.images.save_with(article, new_file)
        else:
            article.save()
        self.slug_owners[article.slug].add(article.pk)
        if old_slug and old_slug != article.slug:
            self.slug_owners[old_slug].add(article.pk)  # kept as an old slug

    def _section_for(self, wp):
        if len(wp.categories) > 1:
            self.report.counts["stories.several_categories"] += 1
        for slug, name in wp.categories:
            return self._section(slug, name)
        return self._section(*FALLBACK_SECTION)

    def _slug(self, wp, article, title):
        """WordPress's slug, kept ("-2" if another story has it); ours from the title if empty."""
        wanted = wxr.clean_slug(wp.slug)[:200]
        if not wanted:  # a draft: keep the slug it has here, or make one from its title
            return article.slug or unique_slug(
                title, lambda s: s in self.slug_owners or article.slug_is_taken(s)
            )
        if wanted == article.slug or not self._owned_by_others(wanted, article):
            return wanted
        slug = unique_slug(
            wanted, lambda s: self._owned_by_others(s, article) or article.slug_is_taken(s)
        )
        if slug != article.slug:
            self.report.problem(f"post {wp.wp_id}: slug {wanted} is taken here, using {slug}")
        return slug

    def _owned_by_others(self, slug, article):
        return bool(self.slug_owners.get(slug, set()) - {article.pk})

    def discard_written_files(self):
        self.images.discard_written()
        self.videos.discard_written()
