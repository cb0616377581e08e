"""Starting a network analysis. It reads residents' ties (personal data), so it is logged."""

import datetime

from django.db import transaction

from kring.communities.access import CollectiveAccess
from kring.privacy import audit

from .models import NetworkAnalysis
from .tasks import analyse_network


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
        requested_by=access.user,
    )
    audit.record(
        actor=access.user,
        collective=access.collective,
        action=audit.Action.CREATE,
        target=analysis,
        summary=f"network analysis as of {as_of.isoformat()}",
    )
    # The database backend stores the task in this same transaction: a worker sees both or none.
    analyse_network.enqueue(analysis.pk)
    return analysis
