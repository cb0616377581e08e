from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import derived, overview, versioning
from kring.core.sections import resident_page
from kring.people.signals import consents_set


class AssetsConfig(AppConfig):
    name = "kring.assets"
    verbose_name = _("Bronnen")

    def ready(self):
        # Modules that read models are imported once the models are loaded.
        from kring.core.pagecache import TTL

        from . import overview as sections
        from . import services
        from .derived import check_counts
        from .models import Category

        # Consent decides whether gifts are kept and what members count (kring.people).
        consents_set.connect(services.on_consents_set, dispatch_uid="assets-consents-set")

        # Checked (and forgotten where wrong) after a restore: kring.privacy asks.
        derived.register("assets-counts", check_counts, position=30)
        # The collective's overview page (kring.communities, a floor below) shows these,
        # kept in the page cache: the total and the counts (counted from the assets and
        # consents when rendered, so exact under the versions of assets and people), and what
        # was added and talked about last.
        counted = (versioning.COLLECTIVE, versioning.ASSETS, versioning.PEOPLE)
        overview.register(
            "assets-summary", sections.summary, position=0, kept_for=TTL, shows=counted
        )
        overview.register(
            "assets-counts", sections.counts, position=20, kept_for=TTL, shows=counted
        )
        # It shows the newest assets of every category with their residents' names (and, for
        # members, consents), and the last conversations with who held them.
        overview.register(
            "assets-recent",
            sections.recent,
            position=30,
            kept_for=TTL,
            shows=(
                versioning.COLLECTIVE,
                versioning.ASSETS,
                versioning.PEOPLE,
                versioning.CONVERSATIONS,
                versioning.USERS,
            ),
        )
        # A resident's page (kring.people) leads with their gifts and stories: the gifts and
        # stories (their tellers) and the resident's consents.
        resident_page.register(
            "assets-gifts",
            sections.resident_gifts,
            position=0,
            kept_for=TTL,
            shows=(
                versioning.PEOPLE,
                versioning.assets_of(Category.GIFT),
                versioning.assets_of(Category.STORY),
            ),
        )
