"""Keep ``search_vector`` and ``search_text`` of offers up to date in the database itself.

Weights: A the offer's title, B its ROME job title and occupation, C the employer's name,
D the description. ``search_text`` (title and trade, lower case, no accents) feeds the trigram
index used for misspelled words.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION offers_offer_search_update() RETURNS trigger AS $$
DECLARE
  trade text;
  employer text;
BEGIN
  SELECT coalesce(a.label, '') || ' ' || coalesce(o.title, '') INTO trade
    FROM referentiel_appellation a JOIN referentiel_occupation o ON o.code = a.occupation_id
   WHERE a.code_ogr = NEW.appellation_id;
  SELECT name INTO employer FROM accounts_organisation WHERE id = NEW.employer_id;
  NEW.search_vector :=
      setweight(to_tsvector('french_unaccent', coalesce(NEW.title, '')), 'A')
   || setweight(to_tsvector('french_unaccent', coalesce(trade, '')), 'B')
   || setweight(to_tsvector('french_unaccent', coalesce(employer, '')), 'C')
   || setweight(to_tsvector('french_unaccent', coalesce(NEW.description, '')), 'D');
  NEW.search_text := lower(unaccent(coalesce(NEW.title, '') || ' ' || coalesce(trade, '')));
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER offers_offer_search
  BEFORE INSERT OR UPDATE OF title, description, appellation_id, employer_id
  ON offers_offer FOR EACH ROW EXECUTE FUNCTION offers_offer_search_update();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS offers_offer_search ON offers_offer;
DROP FUNCTION IF EXISTS offers_offer_search_update();
"""


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
