"""What the offers floor announces to the floors above it (the matcher listens)."""

from django.dispatch import Signal

# Sent after the transaction commits, with ``offer_ids``: offers created, changed or whose
# status changed. Listeners must not assume the offers are still published.
offers_changed = Signal()
