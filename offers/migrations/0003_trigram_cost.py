"""Tell the planner that a trigram word-similarity test is expensive.

With its default cost, PostgreSQL prefers to scan every offer and compute the similarity row by
row (about 10 µs each) rather than use the trigram index; at cost 1000 it combines the full-text
and trigram indexes (a bitmap OR), about ten times faster on a search (offers/search.py).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("offers", "0002_search_trigger")]

    operations = [
        migrations.RunSQL(
            "ALTER FUNCTION word_similarity_commutator_op(text, text) COST 1000",
            "ALTER FUNCTION word_similarity_commutator_op(text, text) COST 1",
        )
    ]
