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


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"WK{o.municipality.code[2:]}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")
    year = 2025


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    district = factory.SubFactory(DistrictFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"BU{o.district.code[2:]}{n % 100:02d}")
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
