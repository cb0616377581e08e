from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
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
