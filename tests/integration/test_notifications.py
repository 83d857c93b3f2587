"""Notifications reach people in the app and, when SMTP is configured, by e-mail sent from a job."""

from __future__ import annotations

from pathlib import Path

from engine.adapters.mail import SmtpMailer
from engine.bootstrap import Lintas, bootstrap
from engine.sandbox import ScriptSandbox
from engine.settings import Settings
from tests import bpmn_builder as b
from tests.conftest import FixedClock
from tests.integration.conftest import ORG, TENANT
from tests.integration.smtp_fake import FakeSmtp

PROCESS = b.process(
    "surel", b.start(),
    '<bpmn:userTask id="kerjakan" name="Kerjakan laporan" lintas:candidateGroups="PUPR/Kepala Bidang" '
    'lintas:due="2 jam kerja"/>',
    b.end(), b.flow("start", "kerjakan", "end"),
)


def with_mail(url: str, tmp_path: Path, clock: FixedClock, sandbox: ScriptSandbox, port: int) -> Lintas:
    settings = Settings.from_env({"LINTAS_DATABASE_URL": url, "LINTAS_INSTANCE_DIR": str(tmp_path)})
    app = bootstrap(settings, clock=clock, sandbox=sandbox,
                    mailer=SmtpMailer("127.0.0.1", port, "lintas@contoh.go.id", starttls=False, timeout=5))
    app.init_db()
    text = ORG.read_text().replace("{username: kabid, name: Kepala Bidang,",
                                   "{username: kabid, name: Kepala Bidang, email: kabid@contoh.go.id,")
    org = tmp_path / "org.yaml"
    org.write_text(text)
    app.org.load_file(org)
    return app


def test_breach_notification_is_stored_and_emailed_with_retry(
    database_url: str, tmp_path: Path, clock: FixedClock, sandbox: ScriptSandbox
) -> None:
    with FakeSmtp() as smtp:
        app = with_mail(database_url, tmp_path, clock, sandbox, smtp.port)
        try:
            app.deployments.deploy(b.bundle(tmp_path, "surel", PROCESS), tenant=TENANT)
            app.instances.start("surel", as_user="admin")
            smtp.fail_next = 1                      # the mail server refuses once: the job retries
            clock.advance(hours=3)
            assert app.jobs.run_due().done == 1      # the breach: stored in the app, e-mail queued as a job
            assert [n.title for n in app.notifications.inbox("kabid")] == ["Tenggat terlewati: Kerjakan laporan"]
            assert app.jobs.run_due().retried == 1   # the e-mail job meets the refusal
            assert smtp.messages == []
            clock.advance(minutes=1)
            assert app.jobs.run_due().done == 1
            [(recipients, message)] = smtp.messages
            assert recipients == ["kabid@contoh.go.id"]
            assert message["Subject"] == "[Lintas] Tenggat terlewati: Kerjakan laporan"
            assert "melewati tenggat" in message.get_payload()
            assert app.notifications.mark_read("kabid") == 1
            assert app.notifications.inbox("kabid", unread_only=True) == []
        finally:
            app.close()
