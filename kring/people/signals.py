"""What people announce to apps above them, so people never imports them (as django.contrib's
apps announce with signals).

``consents_set`` is sent inside ``services.set_consents``'s transaction, after the resident's
active consents became exactly ``purposes`` (with ``access`` and ``resident``). The assets app
answers it: without consent for the inventory a resident's gifts are not kept, and what members
see depends on consent, so the kept counts are made again. A receiver that fails rolls the
whole change back."""

from django.dispatch import Signal

consents_set = Signal()
