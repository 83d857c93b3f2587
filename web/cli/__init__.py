"""The ``lintas`` command: administration and operation of a Lintas installation.

Every command that prints data takes ``--json``; on error it prints a one-line reason (Indonesian,
then English) and exits non-zero: 1 refused or invalid, 2 usage, 3 not found, 4 forbidden, 5 conflict,
6 database unavailable, 70 internal error.
"""

from __future__ import annotations

from web.cli import admin, audit, calendar, documents, jobs, messages, pki, processes, serve, sla, tasks, users
from web.cli.base import main

__all__ = ["admin", "audit", "calendar", "documents", "jobs", "main", "messages", "pki", "processes", "serve", "sla",
           "tasks", "users"]
