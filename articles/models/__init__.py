"""A story and what readers find it by (`stories`); the newsroom's records of it (`desk`);
its video (`media`); how many read it (`readership`)."""

from articles.models.desk import AuditEntry, Correction, Revision
from articles.models.media import CaptionTrack, Video, VideoQuerySet
from articles.models.readership import ReaderOfTheDay, StoryReads
from articles.models.stories import (
    Article,
    ArticleQuerySet,
    ArticleSlugHistory,
    Author,
    Byline,
    Named,
    Section,
    ShownToReaders,
    Tag,
    page_prefetches,
)

__all__ = [
    "Article",
    "ArticleQuerySet",
    "ArticleSlugHistory",
    "AuditEntry",
    "Author",
    "Byline",
    "CaptionTrack",
    "Correction",
    "Named",
    "ReaderOfTheDay",
    "Revision",
    "Section",
    "ShownToReaders",
    "StoryReads",
    "Tag",
    "Video",
    "VideoQuerySet",
    "page_prefetches",
]
