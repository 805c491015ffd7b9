"""Extensions and the French text search configuration that search relies on.

``french_unaccent``: French stemming after removing accents, so that "cuisiniere", "Cuisinière"
and "cuisiniers" meet. pg_trgm serves the misspelled words.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CONFIGURATION = """
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION french_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [("referentiel", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(CONFIGURATION, "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent"),
    ]
