import factory
from django.utils import timezone

from kring.assets.models import Asset, Category, GiftKind
from kring.communities.models import Collective, Membership, Role
from kring.core.choices import Visibility
from kring.core.models import User
from kring.geo.models import District, Municipality, Neighbourhood
from kring.people.models import Consent, ConsentMethod, ConsentPurpose, Resident

PASSWORD = "een-goed-wachtwoord-42"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    year = 2025


_PLACES = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _two_places(n: int) -> str:
    """The last two places of a CBS wijk or buurt code, counted in digits and letters."""
    n %= len(_PLACES) ** 2
    return _PLACES[n // len(_PLACES)] + _PLACES[n % len(_PLACES)]


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.LazyAttributeSequence(
        lambda o, n: f"WK{o.municipality.code[2:]}{_two_places(n)}"
    )
    name = factory.Sequence(lambda n: f"Wijk {n}")
    year = 2025


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    district = factory.SubFactory(DistrictFactory)
    # Two letters or digits after the wijk's code (as CBS allows): 1,296 buurten per wijk before
    # a code repeats, so a long test run never makes the same code twice in one wijk.
    code = factory.LazyAttributeSequence(lambda o, n: f"BU{o.district.code[2:]}{_two_places(n)}")
    name = factory.Sequence(lambda n: f"Buurt {n}")
    year = 2025


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    name = factory.Faker("name", locale="nl_NL")
    password = factory.django.Password(PASSWORD)


class CollectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collective

    name = factory.Sequence(lambda n: f"Collectief {n}")
    slug = factory.Sequence(lambda n: f"collectief-{n}")
    kind = "wijkcentrum"
    legal_form = "stichting"
    municipality = factory.SubFactory(MunicipalityFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    collective = factory.SubFactory(CollectiveFactory)
    role = Role.BUILDER


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    collective = factory.SubFactory(CollectiveFactory)
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"bewoner{n}@example.nl")
    phone = factory.Sequence(lambda n: f"06-{10000000 + n}")


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    resident = factory.SubFactory(ResidentFactory)
    purpose = ConsentPurpose.INVENTORY
    given_at = factory.LazyFunction(timezone.now)
    method = ConsentMethod.DIGITAL


class AssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Asset

    collective = factory.SubFactory(CollectiveFactory)
    category = Category.PLACE
    title = factory.Sequence(lambda n: f"Plek {n}")
    visibility = Visibility.MEMBERS


class GiftFactory(AssetFactory):
    category = Category.GIFT
    resident = factory.SubFactory(ResidentFactory, collective=factory.SelfAttribute("..collective"))
    gift_kind = GiftKind.HANDS
    title = factory.Sequence(lambda n: f"Gave {n}")


class StoryFactory(AssetFactory):
    """A story; ``tellers=[resident, ...]`` names whose story it is."""

    class Meta:
        skip_postgeneration_save = True

    category = Category.STORY
    title = factory.Sequence(lambda n: f"Verhaal {n}")
    description = "Zo ging het toen in de buurt."

    @factory.post_generation
    def tellers(self, create, extracted, **kwargs):
        if create and extracted:
            self.tellers.add(*extracted)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.Initiative"

    collective = factory.SubFactory(CollectiveFactory)
    title = factory.Sequence(lambda n: f"Initiatief {n}")
    status = "loopt"


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.Need"

    initiative = factory.SubFactory(InitiativeFactory)
    text = factory.Sequence(lambda n: f"Behoefte {n}")
    question = "met_hulp"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.Activity"

    initiative = factory.SubFactory(InitiativeFactory)
    collective = factory.SelfAttribute("initiative.collective")
    title = factory.Sequence(lambda n: f"Activiteit {n}")
    date = factory.LazyFunction(lambda: timezone.localdate())
    start_time = "10:00"
    end_time = "12:00"


# --- kring.public: the network's public site ---------------------------------------------------

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "public.Theme"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "public.Article"

    title = factory.Sequence(lambda n: f"Bericht {n}")
    slug = factory.Sequence(lambda n: f"bericht-{n}")
    summary = "Een kort bericht van het netwerk."
    body = "<p>Bewoners maken samen de buurt.</p>"
    published_at = factory.LazyFunction(timezone.now)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "public.Publication"

    title = factory.Sequence(lambda n: f"Publicatie {n}")
    slug = factory.Sequence(lambda n: f"publicatie-{n}")
    summary = "Een verkenning voor gemeenten."
    file = factory.django.FileField(filename="verkenning.pdf", data=MINIMAL_PDF)
    file_size = len(MINIMAL_PDF)
    published_at = factory.LazyFunction(timezone.now)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "public.Meeting"

    title = factory.Sequence(lambda n: f"Leerbijeenkomst {n}")
    slug = factory.Sequence(lambda n: f"leerbijeenkomst-{n}")
    summary = "Samen leren over de gaven van bewoners."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timezone.timedelta(hours=3))
    location = "Dorpshuis, Utrecht"
    capacity = 2
    is_published = True


class PictureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "public.Picture"

    title = factory.Sequence(lambda n: f"Plaatje {n}")
    description = "Wat is er al in uw buurt?"
    image = factory.django.ImageField(filename="plaatje.png", width=40, height=30)
    image_alt = "Een tekening van een buurt met mensen die elkaar helpen"
    is_published = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "public.Registration"

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.nl")
    status = "aangemeld"


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "public.Subscriber"

    email = factory.Sequence(lambda n: f"abonnee{n}@example.nl")
    status = "bevestigd"
    consent_text = "Ja, stuur mij de nieuwsbrief."
    consent_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)
