"""Bulk loading for the benchmarks: numpy columns COPied into a staging table, then one
``INSERT … SELECT`` per table, the columns not given taking the model's default."""

from __future__ import annotations

import csv
import io

import numpy as np
from django.db import connection
from django.db.models import AutoField, BigAutoField

NOW = "now()"


def say(text: str) -> None:
    print(text, flush=True)


def _literal(field):
    """The value a column takes when a bulk insert does not give it (None: leave it NULL)."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return NOW
    if field.has_default() or (not field.null and field.empty_strings_allowed):
        return field.get_db_prep_save(field.get_default(), connection)
    if field.null:
        return None
    raise ValueError(f"{field.model.__name__}.{field.name} has no default: give it")


def insert_select(model, values: dict[str, str], source: str, suffix: str = "") -> int:
    """``INSERT INTO <model> (…) SELECT <values…> FROM <source>``: ``values`` maps columns to
    SQL expressions (no parameters); the other columns take the model's default."""
    columns, expressions, params = [], [], []
    for field in model._meta.concrete_fields:
        if isinstance(field, AutoField | BigAutoField):
            continue
        if field.column in values:
            columns.append(field.column)
            expressions.append(values.pop(field.column))
            continue
        value = _literal(field)
        if value is None:
            continue
        columns.append(field.column)
        if value == NOW:
            expressions.append("now()")
        else:
            expressions.append("%s")
            params.append(value)
    if values:
        raise ValueError(f"unknown columns of {model.__name__}: {sorted(values)}")
    # The bench's own SQL fragments; every value is a parameter.
    query = (
        f'INSERT INTO "{model._meta.db_table}" ({", ".join(columns)}) '  # noqa: S608
        f"SELECT {', '.join(expressions)} FROM {source} {suffix}"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.rowcount


def stage(name: str, columns: dict[str, str], rows: list[np.ndarray]) -> None:
    """A temporary table ``name`` (column: SQL type) filled by COPY from numpy columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in zip(*rows, strict=True):
        writer.writerow(row)
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
        spec = ", ".join(f"{column} {kind}" for column, kind in columns.items())
        cursor.execute(f"CREATE TEMP TABLE {name} ({spec})")
        cursor.copy_expert(f"COPY {name} ({', '.join(columns)}) FROM STDIN WITH CSV", buffer)


def weights(values) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64)
    return values / values.sum()


def run_sql(query: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchall() if cursor.description else []
