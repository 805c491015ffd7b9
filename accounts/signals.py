"""What the accounts floor announces to the floors above it."""

from django.dispatch import Signal

# Sent with ``organisation`` when staff suspend or reinstate it (its offers leave or return).
organisation_suspended = Signal()
