"""For supervisors (``/dasbor``): the unit's open and overdue work, the unit queue with reassignment,
and SLA compliance over time.

- ``/dasbor``: open, overdue and due-soon work per unit and per process, and the share of deadlines
  met week by week (an inline SVG chart with the same figures in a table).
- ``/dasbor/antrean``: the units' open work, most urgent first, filtered by OPD and process, with who
  holds each task and a form to give it to someone else (with a reason).

Only for ``supervisor`` access; the services check it again and narrow everything to the person's units.
"""

from __future__ import annotations

from web.dashboard.views import dashboard

__all__ = ["dashboard"]
