"""Running the observatory's SQL: named parameters, rows as dictionaries."""

from django.db import connection

# Where the job is: the commune filter of every figure about offers.
OFFER_COMMUNE = "(%(commune)s::text IS NULL OR o.commune_id = %(commune)s)"


def fetch(query: str, params: dict) -> list[dict]:
    """Rows of ``query`` as dictionaries keyed by column name."""
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def table_exists(name: str) -> bool:
    return name in connection.introspection.table_names()
