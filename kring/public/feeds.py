from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from . import selectors


class NewsFeed(Feed):
    title = _("Nieuws van het netwerk")
    link = reverse_lazy("public:news")
    description = _("Nieuws en publicaties van het netwerk van bewonerscollectieven.")

    def items(self):
        return selectors.published_articles()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]

    def feed_copyright(self):
        return settings.KRING_NETWORK_NAME


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class NewsletterFeed(Feed):
    """The archive of sent newsletters, for feed readers."""

    title = _("Nieuwsbrieven van het netwerk")
    link = reverse_lazy("public:newsletter_archive")
    description = _("Alle verstuurde nieuwsbrieven van het netwerk van bewonerscollectieven.")

    def items(self):
        return selectors.sent_newsletters()[:20]

    def item_title(self, item):
        return item.subject

    def item_description(self, item):
        return Truncator(strip_tags(item.body)).words(60)

    def item_pubdate(self, item):
        return item.sent_at

    def feed_copyright(self):
        return settings.KRING_NETWORK_NAME


class AtomNewsletterFeed(NewsletterFeed):
    feed_type = Atom1Feed
    subtitle = NewsletterFeed.description
