"""Tables of Lintas. Organisation, definitions, live instances, the inbox projection, audit and history,
jobs and deadlines, documents and signing credentials. Indexes follow the queries clerks and workers
make (see DESIGN.md "Data"); the audit, blob and document-revision tables are append-only, guarded
by database triggers created in the migrations.
"""

from __future__ import annotations

from engine.persistence.models.acting import ActingAppointmentRow
from engine.persistence.models.base import Base
from engine.persistence.models.cases import AttachmentRow, CommentRow
from engine.persistence.models.documents import (
    BlobRow,
    DocumentRevisionRow,
    DocumentRow,
    LetterSequenceRow,
    SigningCredentialRow,
)
from engine.persistence.models.history import (
    ElementHistoryRow,
    IncidentRow,
    MessageSubscriptionRow,
    PendingMessageRow,
)
from engine.persistence.models.inbox import AuditEntryRow, WorkItemCandidateRow, WorkItemRow
from engine.persistence.models.org import LoginAttemptRow, MembershipRow, OpdRow, RoleRow, TenantRow, UserRow
from engine.persistence.models.process import DefinitionRow, DefinitionVersionRow, InstanceRow, MessageStartRow
from engine.persistence.models.time import (
    CalendarOverrideRow,
    CalendarPolicyRow,
    JobRow,
    NotificationRow,
    SlaClassRow,
    SlaClockRow,
)

__all__ = [
    "ActingAppointmentRow",
    "AttachmentRow",
    "AuditEntryRow",
    "Base",
    "BlobRow",
    "CalendarOverrideRow",
    "CalendarPolicyRow",
    "CommentRow",
    "DefinitionRow",
    "DefinitionVersionRow",
    "DocumentRevisionRow",
    "DocumentRow",
    "ElementHistoryRow",
    "IncidentRow",
    "InstanceRow",
    "JobRow",
    "LetterSequenceRow",
    "LoginAttemptRow",
    "MembershipRow",
    "MessageStartRow",
    "MessageSubscriptionRow",
    "NotificationRow",
    "OpdRow",
    "PendingMessageRow",
    "RoleRow",
    "SigningCredentialRow",
    "SlaClassRow",
    "SlaClockRow",
    "TenantRow",
    "UserRow",
    "WorkItemCandidateRow",
    "WorkItemRow",
]
