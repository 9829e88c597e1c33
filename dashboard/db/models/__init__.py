"""Typed SQLAlchemy 2 models.

The model keeps every definition explicit so that figures from different publishers never get
mixed: a number is always an :class:`Observation` of one :class:`Metric` (which carries the unit:
families, persons or offers), for one :class:`Period` (with its start and end dates), one
:class:`Region`, from one :class:`Source`, published in one :class:`Release`.

The models live in one module per subject (``geography``, ``figures``, ``directory``,
``accounts``, ``records``); import them from here, as ``from dashboard.db import models as m``.
"""

from dashboard.db.models.accounts import ApiToken, User
from dashboard.db.models.base import Base, utcnow
from dashboard.db.models.directory import Contact, Event, Funding, Link, SupportMeasure
from dashboard.db.models.figures import Metric, Observation, Period, Release, Source
from dashboard.db.models.geography import Municipality, MunicipalitySuccessor, Region
from dashboard.db.models.records import AuditLog, DataReport, Revision, Upload

__all__ = [
    "ApiToken",
    "AuditLog",
    "Base",
    "Contact",
    "DataReport",
    "Event",
    "Funding",
    "Link",
    "Metric",
    "Municipality",
    "MunicipalitySuccessor",
    "Observation",
    "Period",
    "Region",
    "Release",
    "Revision",
    "Source",
    "SupportMeasure",
    "Upload",
    "User",
    "utcnow",
]
