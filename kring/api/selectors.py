"""Reads of API tokens, scoped to who asks: one's own tokens; an admin sees every token of the
collective, so a token of someone who left can be found and revoked."""

from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404

from kring.communities.access import CollectiveAccess

from .models import ApiToken


def tokens_for(access: CollectiveAccess) -> QuerySet[ApiToken]:
    tokens = ApiToken.objects.filter(collective=access.collective).select_related("user")
    if not access.is_admin:
        tokens = tokens.filter(user=access.user)
    return tokens.order_by(F("revoked_at").asc(nulls_first=True), "-created_at", "-id")


def token_for_change(access: CollectiveAccess, pk: int) -> ApiToken:
    return get_object_or_404(tokens_for(access), pk=pk)


def municipality_tokens_for(user) -> QuerySet[ApiToken]:
    """A municipality user's own gemeente tokens."""
    return (
        ApiToken.objects.filter(user=user, municipality__isnull=False)
        .select_related("user")
        .order_by(F("revoked_at").asc(nulls_first=True), "-created_at", "-id")
    )
