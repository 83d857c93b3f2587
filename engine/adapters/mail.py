"""The Mailer port over SMTP, configured with ``LINTAS_SMTP_*``; used from jobs, never in a request."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage


@dataclass(frozen=True)
class SmtpMailer:
    host: str
    port: int = 587
    sender: str = "lintas@localhost"
    username: str | None = None
    password: str | None = None
    starttls: bool = True
    timeout: float = 20.0

    def send(self, to: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message.set_content(body)
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.send_message(message)
