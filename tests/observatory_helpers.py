"""Helpers of the observatory's tests: dated offers and applications, tables read back."""

import csv
import datetime
import io
import re
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from applications.models import Application, ApplicationTransition
from offers.models import Offer
from tests.factories import UserFactory, offer

PARIS = ZoneInfo("Europe/Paris")


def when(day: str, hour: int = 12) -> datetime.datetime:
    """An aware datetime in Paris from "2025-03-10"."""
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=PARIS
    )


def dated_offer(employer, published: str, *, ended: str = "", status: str = "", **fields):
    """A published offer whose publication (and end) happened on the given days."""
    made = offer(employer, **fields)
    changes = {"published_at": when(published)}
    if ended:
        changes.update(ended_at=when(ended), status=status or "filled")
    elif status:
        changes["status"] = status
    Offer.objects.filter(pk=made.pk).update(**changes)
    made.refresh_from_db()
    return made


def application(offer_, *, sent: str, stages=(), commune="94054", qpv=False, at: str = ""):
    """An application sent on ``sent``, moved through ``stages`` (e.g. ("interview", "hired"))
    on ``at`` (default: the day it was sent), with the resident's snapshot."""
    made = Application.objects.create(
        offer=offer_,
        resident=UserFactory(),
        resident_commune_id=commune,
        resident_in_qpv=qpv,
    )
    previous = "sent"
    for stage in stages:
        step = ApplicationTransition.objects.create(
            application=made, name=stage, from_status=previous, to_status=stage
        )
        ApplicationTransition.objects.filter(pk=step.pk).update(at=when(at or sent))
        previous = stage
    reason = "skills" if previous == "refused" else ""
    Application.objects.filter(pk=made.pk).update(
        created_at=when(sent), status=previous, refusal_reason=reason
    )
    return made


def referral(offer_, structure, *, made: str, stages=(), commune="94054", qpv=False, at=""):
    """A referral by ``structure`` proposed on ``made``, moved through ``stages`` (e.g.
    ("accepted", "sent", "interview", "hired")) on ``at``, with the resident's snapshot."""
    from referrals.models import Referral, ReferralTransition

    made_ = Referral.objects.create(
        structure=structure,
        offer=offer_,
        resident=UserFactory(),
        resident_commune_id=commune,
        resident_in_qpv=qpv,
    )
    previous = "proposed"
    for stage in stages:
        step = ReferralTransition.objects.create(
            referral=made_, name=stage, from_status=previous, to_status=stage
        )
        ReferralTransition.objects.filter(pk=step.pk).update(at=when(at or made))
        previous = stage
    sent = when(at or made) if "sent" in stages else None
    Referral.objects.filter(pk=made_.pk).update(
        created_at=when(made),
        status=previous,
        sent_at=sent,
        refusal_reason="skills" if previous == "refused" else "",
    )
    return made_


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._caption = self._rows = self._cell = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._rows, self._caption = [], ""
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in {"td", "th"} and self._rows is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag in {"td", "th"} and self._cell is not None:
            self._rows[-1].append(re.sub(r"[ \t\r\n]+", " ", self._cell).strip())
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.tables[self._caption.strip()] = self._rows
            self._rows = None

    def handle_data(self, data):
        if self._in_caption:
            self._caption += data
        elif self._cell is not None:
            self._cell += data


def tables(response) -> dict[str, list[list[str]]]:
    """Every table of the page, by caption: header row first, cells as read."""
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser.tables


def table(response, caption: str) -> list[dict[str, str]]:
    """The rows of the table whose caption starts with ``caption``, as {header: cell}."""
    found = [rows for name, rows in tables(response).items() if name.startswith(caption)]
    assert found, f"no table {caption!r} in {list(tables(response))}"
    header, *rows = found[0]
    return [dict(zip(header, row, strict=True)) for row in rows]


def csv_rows(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def plain(cell: str) -> str:
    """A cell as the CSV writes it: no thousands separator, a decimal comma, no unit."""
    if cell in {"—", ""}:
        return ""
    if re.fullmatch(r"[\d\u202f\s]+(,\d+)?(\s*%)?", cell):
        return cell.replace("\u202f", "").replace(" ", "").replace("%", "")
    return cell
