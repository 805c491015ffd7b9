"""Bulk writes for the synthetic demo data: rows and model instances sent with PostgreSQL COPY
(primary keys reserved beforehand, since COPY returns none), and a delete by subquery. Tens of
thousands of rows a second, without ``save()``, signals or per-row queries: for seeds and
benchmarks, never for people's own data.
"""

import io
from datetime import date, datetime

from django.db import connection, models

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value) -> str:
    """One value in COPY's text format."""
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is str:
        return value.translate(_ESCAPES)
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | tuple):
        items = (str(item).replace("\\", "\\\\").replace('"', '\\"') for item in value)
        return _text("{" + ",".join(f'"{item}"' for item in items) + "}")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | float | str):  # enums of choices, floats
        return str(value).translate(_ESCAPES)
    raise TypeError(f"No COPY text for {type(value).__name__}")


def copy_rows(table: str, columns: list[str], rows) -> int:
    """COPY ``rows`` (tuples in the order of ``columns``) into ``table``; returns their count."""
    lines = ["\t".join(map(_text, row)) for row in rows]
    if lines:
        with connection.cursor() as cursor:
            cursor.copy_expert(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN",
                io.StringIO("\n".join(lines) + "\n"),
            )
    return len(lines)


def copy_models(model, objects: list, *, with_pk: bool) -> int:
    """COPY unsaved instances as they are: every concrete field through its database value
    (so a field added later with a default is written too). Without ``with_pk``, the database
    numbers the rows."""
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    rows = (
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] for obj in objects
    )
    return copy_rows(model._meta.db_table, [f.column for f in fields], rows)


def ids_reserve(model, n: int) -> list[int]:
    """``n`` primary keys taken from the model's sequence, for rows about to be copied."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, n],
        )
        return [row[0] for row in cursor.fetchall()]


def delete_by_subquery(queryset) -> int:
    """Delete the rows of ``queryset`` with one statement per related table, each over a
    subquery (Django's ``delete()`` lists every primary key in each of them, slow by the ten
    thousand): rows pointing to them are deleted (CASCADE, recursively) or emptied (SET_NULL)
    first. Signals are not sent. Returns how many rows of ``queryset``'s model went."""
    model = queryset.model
    keys = queryset.values("pk")
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue
        if not (relation.one_to_many or relation.one_to_one):
            continue
        related = relation.related_model._base_manager.filter(
            **{f"{relation.field.name}__in": keys}
        )
        if relation.on_delete is models.CASCADE:
            delete_by_subquery(related)
        elif relation.on_delete is models.SET_NULL:
            related.update(**{relation.field.name: None})
    sql, params = keys.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {model._meta.db_table} WHERE {model._meta.pk.column} IN ({sql})",  # noqa: S608
            params,
        )
        return cursor.rowcount
