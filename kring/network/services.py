"""Starting a network analysis. It reads residents' ties (personal data), so it is logged."""

import datetime

from django.db import transaction

from kring.communities.access import CollectiveAccess
from kring.core import audit

from .models import NetworkAnalysis
from .tasks import analyse_network

KEEP_ANALYSES = 5


@transaction.atomic
def start_analysis(
    *,
    access: CollectiveAccess,
    as_of: datetime.date,
    compare_from: datetime.date | None = None,
) -> NetworkAnalysis:
    if not access.is_builder:
        raise PermissionError("only buurtmakers start a network analysis")
    analysis = NetworkAnalysis.objects.create(
        collective=access.collective,
        as_of=as_of,
        compare_from=compare_from,
        created_by=access.user,
    )
    audit.record(
        access=access,
        action=audit.Action.CREATE,
        target=analysis,
        summary=f"network analysis as of {as_of.isoformat()}",
    )
    # Keep the last few results only: each holds the whole graph, and older ones are not shown.
    stale = NetworkAnalysis.objects.filter(collective=access.collective).order_by(
        "-created_at", "-id"
    )[KEEP_ANALYSES:]
    NetworkAnalysis.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()
    # The database backend stores the task in this same transaction: a worker sees both or none.
    analyse_network.enqueue(analysis.pk)
    return analysis
