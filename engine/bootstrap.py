"""Wires Lintas together: settings, database, sandbox, forms and services, in one object.

Embedding example::

    from engine.bootstrap import bootstrap
    lintas = bootstrap()                       # reads LINTAS_* from the environment
    lintas.init_db()
    lintas.org.load_file("org/demo.yaml")
    lintas.deployments.deploy("processes/pengaduan-jalan-rusak")
    view = lintas.instances.start("pengaduan-jalan-rusak", as_user="admin.lapor", data={...})
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.adapters.dev_ca import DevCertificateAuthority
from engine.adapters.documents import SigningDocuments
from engine.adapters.forms import JsonSchemaForms
from engine.adapters.holidays import IndonesianHolidays
from engine.adapters.mail import SmtpMailer
from engine.bpmn.compiler import Compiler
from engine.bpmn.state import SpecCache
from engine.persistence import migrate
from engine.persistence.db import Database, connect
from engine.ports import CertificateAuthority, Clock, DocumentEngine, FormEngine, Mailer, SystemClock
from engine.sandbox import SandboxLimits, ScriptSandbox
from engine.services.accounts import AccountService
from engine.services.acting import ActingService
from engine.services.attachments import AttachmentService
from engine.services.calendars import CalendarService
from engine.services.case_view import CaseViewService
from engine.services.catalog import CatalogService
from engine.services.comments import CommentService
from engine.services.context import ServiceContext
from engine.services.credentials import CredentialService
from engine.services.dashboard import DashboardService
from engine.services.deploy import DeployService
from engine.services.documents import DocumentService
from engine.services.inbox import InboxService
from engine.services.incidents import IncidentService
from engine.services.instances import InstanceService
from engine.services.jobs import JobService
from engine.services.messages import MessageService
from engine.services.notify import EMAIL, NotificationService, send_email
from engine.services.org import OrgService
from engine.services.sla import BREACH, REMINDER
from engine.services.sla_actions import on_breach, on_reminder
from engine.services.sla_report import SlaReportService
from engine.services.supervision import SupervisionService
from engine.services.task_actions import TaskActionService
from engine.services.timer_starts import TIMER_START, start_by_timer
from engine.services.work_items import WorkItemService
from engine.settings import Settings


@dataclass
class Lintas:
    ctx: ServiceContext
    org: OrgService
    deployments: DeployService
    instances: InstanceService
    work_items: WorkItemService
    messages: MessageService
    incidents: IncidentService
    jobs: JobService
    calendars: CalendarService
    sla: SlaReportService
    notifications: NotificationService
    documents: DocumentService
    credentials: CredentialService
    accounts: AccountService
    inbox: InboxService
    supervision: SupervisionService
    task_actions: TaskActionService
    acting: ActingService
    comments: CommentService
    attachments: AttachmentService
    catalog: CatalogService
    cases: CaseViewService
    dashboard: DashboardService
    owns_sandbox: bool = True

    @property
    def settings(self) -> Settings:
        return self.ctx.settings

    def init_db(self) -> str | None:
        migrate.upgrade(self.ctx.db)
        return migrate.current_revision(self.ctx.db)

    def close(self) -> None:
        if self.owns_sandbox:
            self.ctx.sandbox.close()
        self.ctx.db.dispose()

    def __enter__(self) -> Lintas:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def bootstrap(settings: Settings | None = None, *, env: Mapping[str, str] | None = None,
              clock: Clock | None = None, forms: FormEngine | None = None,
              sandbox: ScriptSandbox | None = None, mailer: Mailer | None = None,
              documents: DocumentEngine | None = None, ca: CertificateAuthority | None = None) -> Lintas:
    settings = settings or Settings.from_env(env)
    db: Database = connect(settings.database_url, echo=settings.sql_echo)
    owns_sandbox = sandbox is None
    sandbox = sandbox or ScriptSandbox(SandboxLimits(
        timeout_seconds=settings.script_timeout,
        memory_mb=settings.script_memory_mb,
        workers=settings.sandbox_workers,
    ))
    ctx = ServiceContext(
        settings=settings,
        db=db,
        clock=clock or SystemClock(),
        sandbox=sandbox,
        forms=forms or JsonSchemaForms(),
        specs=SpecCache(),
        compiler=Compiler(sandbox, settings.max_bpmn_bytes),
        holidays=IndonesianHolidays(),
        mailer=mailer if mailer is not None else (SmtpMailer(
            settings.smtp_host, settings.smtp_port, settings.smtp_from, settings.smtp_user, settings.smtp_password,
            settings.smtp_starttls) if settings.smtp_host else None),
        documents=documents or SigningDocuments(settings),
    )
    jobs = JobService(ctx)
    jobs.register(REMINDER, on_reminder)
    jobs.register(BREACH, on_breach)
    jobs.register(EMAIL, send_email)
    jobs.register(TIMER_START, start_by_timer)
    return Lintas(ctx, OrgService(ctx), DeployService(ctx), InstanceService(ctx), WorkItemService(ctx),
                  MessageService(ctx), IncidentService(ctx), jobs, CalendarService(ctx), SlaReportService(ctx),
                  NotificationService(ctx), DocumentService(ctx),
                  CredentialService(ctx, ca or DevCertificateAuthority(settings)), AccountService(ctx),
                  inbox=InboxService(ctx), supervision=SupervisionService(ctx), task_actions=TaskActionService(ctx),
                  acting=ActingService(ctx), comments=CommentService(ctx), attachments=AttachmentService(ctx),
                  catalog=CatalogService(ctx), cases=CaseViewService(ctx), dashboard=DashboardService(ctx),
                  owns_sandbox=owns_sandbox)
