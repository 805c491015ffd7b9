"""What the residents floor announces to the floors above it (the matcher, applications…)."""

from django.dispatch import Signal

# Sent after the transaction commits, with ``profile_ids``: profiles whose matching-relevant
# data (commune, level, jobs, skills, permits, languages, preferences) or consents changed.
# Listeners must re-read the profiles: a consent may have been revoked meanwhile.
profile_changed = Signal()

# Sent inside the erasure's transaction, BEFORE the resident's profile and account are deleted,
# with ``user`` (and ``profile``, None when there is none). Floors above anonymise what they hold
# about that person (keeping what statistics need) and delete their files once the transaction
# commits; an exception raised by a listener rolls the whole erasure back.
resident_erasing = Signal()

# Sent when a resident downloads their data, with ``user`` (and ``profile``, possibly None).
# Each listener returns a dict of sections to add to the export (e.g. ``{"candidatures": [...]}``),
# holding only this person's data: never another person's name or e-mail address.
personal_data_requested = Signal()
