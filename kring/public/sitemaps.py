from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import selectors


class StaticSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "public:members",
            "public:map",
            "public:news",
            "public:publications",
            "public:academy",
            "public:pictures",
            "public:newsletter",
            "public:newsletter_archive",
        ]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(Sitemap):
    def items(self):
        return selectors.published_articles()

    def lastmod(self, item):
        return item.updated_at


class PublicationSitemap(Sitemap):
    def items(self):
        return selectors.published_publications()

    def lastmod(self, item):
        return item.updated_at


class MemberSitemap(Sitemap):
    def items(self):
        return selectors.public_members()

    def location(self, item):
        return reverse("public:member", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.public_updated_at


class MeetingSitemap(Sitemap):
    def items(self):
        from django.utils import timezone

        return selectors.upcoming_meetings(timezone.now())


class NewsletterSitemap(Sitemap):
    def items(self):
        return selectors.sent_newsletters()

    def lastmod(self, item):
        return item.sent_at


SITEMAPS = {
    "pages": StaticSitemap,
    "news": ArticleSitemap,
    "publications": PublicationSitemap,
    "members": MemberSitemap,
    "academy": MeetingSitemap,
    "newsletters": NewsletterSitemap,
}
