"""What the residents floor announces to the floors above it (the matcher listens)."""

from django.dispatch import Signal

# Sent after the transaction commits, with ``profile_ids``: profiles whose matching-relevant
# data (commune, level, jobs, skills, permits, languages, preferences) or consents changed.
# Listeners must re-read the profiles: a consent may have been revoked meanwhile.
profile_changed = Signal()
