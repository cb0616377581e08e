"""The network's public site: news, publications, the Buurtmakers Academie and the newsletter.

Nothing here holds a resident's data. Member collectives appear only through the explicit
public-profile fields of ``Collective`` (and only when published).

The models live in parts, as the services do (``content``, ``academy``, ``newsletter``,
``profiles``); this package names them all."""

from .academy import (
    Meeting,
    MeetingKind,
    MeetingMail,
    MeetingMailDelivery,
    MeetingMailSkipReason,
    MeetingMailStatus,
    Registration,
    RegistrationStatus,
)
from .content import (
    Article,
    EditorImage,
    Picture,
    Publication,
    PublishedQuerySet,
    Theme,
)
from .newsletter import (
    Delivery,
    Newsletter,
    NewsletterStatus,
    SkipReason,
    Subscriber,
    SubscriberStatus,
)
from .profiles import (
    PROFILE_FIELDS,
    ProfileDraft,
)

__all__ = [
    "PROFILE_FIELDS",
    "Article",
    "Delivery",
    "EditorImage",
    "Meeting",
    "MeetingKind",
    "MeetingMail",
    "MeetingMailDelivery",
    "MeetingMailSkipReason",
    "MeetingMailStatus",
    "Newsletter",
    "NewsletterStatus",
    "Picture",
    "ProfileDraft",
    "Publication",
    "PublishedQuerySet",
    "Registration",
    "RegistrationStatus",
    "SkipReason",
    "Subscriber",
    "SubscriberStatus",
    "Theme",
]
