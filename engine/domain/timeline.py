"""The audit trail told as sentences, Indonesian first and English second, for the instance page.

Audit entries keep terse machine facts (action, element id, a summary dict); a clerk reads
"Ir. Slamet Riyadi, M.T. menandatangani Berita Acara ... secara elektronik, nomor 000.8.3.3/1/PUPR/2026".
Names of people, steps and documents come from a ``Names`` lookup the service fills once per page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from engine.domain.cases import TimelineEntry
from engine.domain.views import AuditEntry

_ZONES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
_SCOPE = {"task": ("tugas", "task"), "phase": ("fase", "phase"), "process": ("kasus", "case")}


@dataclass(frozen=True)
class Names:
    process_id: str
    process_name: str
    timezone: str
    people: dict[str, str] = field(default_factory=dict)          # username -> full name
    elements: dict[str, str] = field(default_factory=dict)        # element id -> name
    items: dict[int, tuple[str, str]] = field(default_factory=dict)   # work item id -> (element id, name)
    documents: dict[int, str] = field(default_factory=dict)       # document id -> title

    def person(self, username: str | None) -> str | None:
        return None if username is None else self.people.get(username, username)

    def element(self, element_id: str | None, fallback: Any = None) -> str | None:
        if element_id is None:
            return str(fallback) if fallback else None
        if element_id == self.process_id:
            return self.process_name
        return self.elements.get(element_id) or (str(fallback) if fallback else element_id)

    def moment(self, iso: Any) -> str:
        """``27/03/2026 16:30 WIB`` from a stored ISO time."""
        try:
            when = datetime.fromisoformat(str(iso))
        except ValueError:
            return str(iso)
        label = _ZONES.get(self.timezone, self.timezone)
        return f"{when.astimezone(ZoneInfo(self.timezone)):%d/%m/%Y %H:%M} {label}"


@dataclass(frozen=True)
class _Facts:
    entry: AuditEntry
    names: Names
    who_id: str
    who_en: str
    step: str | None
    summary: dict[str, Any]

    def doc(self) -> str:
        doc_id = self.summary.get("document")
        return self.names.documents.get(int(doc_id), f"#{doc_id}") if isinstance(doc_id, int) else "dokumen"


Sentence = tuple[str, str, str]        # kind, Indonesian, English


def describe(entry: AuditEntry, names: Names) -> TimelineEntry:
    summary = entry.summary if isinstance(entry.summary, dict) else {}
    element_id = entry.element_id
    item_id = summary.get("work_item")
    item = names.items.get(item_id) if isinstance(item_id, int) else None
    if element_id is None and item is not None:
        element_id = item[0]
    step = names.element(element_id, summary.get("name") or (item[1] if item else None))
    who = names.person(entry.actor)
    facts = _Facts(entry, names, who or "Sistem", who or "The system", step, summary)
    kind, text_id, text_en = _SENTENCES.get(entry.action, _other)(facts)
    return TimelineEntry(entry.seq, entry.at, entry.action, kind, entry.actor, who, element_id, step,
                         text_id, text_en)


def _started(f: _Facts) -> Sentence:
    process = f.names.process_name
    if f.summary.get("by_message"):
        m = f.summary["by_message"]
        return "start", f"{process} dimulai oleh pesan '{m}'", f"{process} started by message '{m}'"
    if f.summary.get("by_timer"):
        return "start", f"{process} dimulai otomatis oleh timer", f"{process} started automatically by a timer"
    return "start", f"{f.who_id} memulai {process}", f"{f.who_en} started {process}"


def _ready(f: _Facts) -> Sentence:
    target = f.names.person(f.summary.get("assignee")) or ", ".join(f.summary.get("roles") or [])
    if target:
        return "task", f"Tugas '{f.step}' masuk ke {target}", f"Task '{f.step}' created for {target}"
    return "task", f"Tugas '{f.step}' dibuat", f"Task '{f.step}' created"


def _completed(f: _Facts) -> Sentence:
    kind = f.summary.get("signature")
    if kind == "paraf":
        return ("document", f"{f.who_id} memaraf {f.doc()} (tugas '{f.step}')",
                f"{f.who_en} initialled {f.doc()} (task '{f.step}')")
    if kind == "sign":
        number = f.summary.get("number")
        no_id, no_en = (f", nomor {number}", f", number {number}") if number else ("", "")
        return ("document", f"{f.who_id} menandatangani {f.doc()} secara elektronik{no_id}",
                f"{f.who_en} signed {f.doc()} electronically{no_en}")
    return "task", f"{f.who_id} menyelesaikan tugas '{f.step}'", f"{f.who_en} completed task '{f.step}'"


def _reason(f: _Facts) -> tuple[str, str]:
    reason = f.summary.get("reason") or f.summary.get("alasan")
    return (f"; alasan: {reason}", f"; reason: {reason}") if reason else ("", "")


def _returned(f: _Facts) -> Sentence:
    rid, ren = _reason(f)
    return "task", f"{f.who_id} mengembalikan tugas '{f.step}'{rid}", f"{f.who_en} returned task '{f.step}'{ren}"


def _moved(f: _Facts) -> Sentence:
    to = f.summary.get("to") or f.summary.get("assignee") or ", ".join(f.summary.get("roles") or [])
    target = f.names.person(to) if isinstance(to, str) else None
    rid, ren = _reason(f)
    verb_id, verb_en = ("mendelegasikan", "delegated") if f.entry.action == "task_delegated" else (
        "mengalihkan", "reassigned")
    to_id, to_en = (f" kepada {target}", f" to {target}") if target else ("", "")
    return ("task", f"{f.who_id} {verb_id} tugas '{f.step}'{to_id}{rid}",
            f"{f.who_en} {verb_en} task '{f.step}'{to_en}{ren}")


def _rendered(f: _Facts) -> Sentence:
    pages = f.summary.get("pages")
    pid, pen = (f" ({pages} halaman)", f" ({pages} page{'s' if pages != 1 else ''})") if pages else ("", "")
    again_id, again_en = (", menggantikan draf sebelumnya", ", replacing the earlier draft") if f.summary.get(
        "superseded") else ("", "")
    return "document", f"Dokumen {f.doc()} dibuat{pid}{again_id}", f"Document {f.doc()} rendered{pen}{again_en}"


def _sealed(f: _Facts) -> Sentence:
    number = f.summary.get("number")
    nid, nen = (f", nomor {number}", f", number {number}") if number else ("", "")
    return ("document", f"Dokumen {f.doc()} dibubuhi segel elektronik pemda{nid}",
            f"Document {f.doc()} sealed with the tenant's electronic seal{nen}")


def _sla_started(f: _Facts) -> Sentence:
    sid, sen = _SCOPE.get(str(f.summary.get("scope")), ("langkah", "step"))
    duration = f.summary.get("duration")
    did = f" ({duration})" if duration else ""
    due = f.names.moment(f.summary.get("due"))
    return ("deadline", f"Tenggat {sid} '{f.step}'{did} berjalan sampai {due}",
            f"Deadline of {sen} '{f.step}'{did} runs until {due}")


def _sla_reminded(f: _Facts) -> Sentence:
    due = f.names.moment(f.summary.get("due"))
    return ("deadline", f"Pengingat tenggat '{f.step}' dikirim (jatuh tempo {due})",
            f"Deadline reminder sent for '{f.step}' (due {due})")


def _sla_breached(f: _Facts) -> Sentence:
    level = f.summary.get("level", 1)
    action = str(f.summary.get("action") or "notify")
    kind, _, role = action.partition(":")
    then_id, then_en = {"escalate": (f"dieskalasi ke {role}", f"escalated to {role}"),
                        "reassign": (f"dialihkan ke {role}", f"reassigned to {role}")}.get(
        kind, ("pihak terkait diberi tahu", "the people on it were notified"))
    return ("deadline", f"Tenggat '{f.step}' terlewati (pelanggaran ke-{level}); {then_id}",
            f"Deadline of '{f.step}' missed (breach {level}); {then_en}")


def _sla_closed(f: _Facts) -> Sentence:
    if f.summary.get("status") == "met":
        return "deadline", f"Tenggat '{f.step}' terpenuhi", f"Deadline of '{f.step}' met"
    hours = f.summary.get("overdue_hours") or 0
    return ("deadline", f"Tenggat '{f.step}' ditutup terlambat {hours} jam kerja",
            f"Deadline of '{f.step}' closed {hours} office hours late")


def _sla_paused(f: _Facts) -> Sentence:
    return ("deadline", f"Tenggat '{f.step}' berhenti sementara (menunggu pelapor/pemohon)",
            f"Deadline of '{f.step}' paused (waiting for the citizen)")


def _sla_resumed(f: _Facts) -> Sentence:
    due = f.names.moment(f.summary.get("due"))
    return ("deadline", f"Tenggat '{f.step}' berjalan lagi, kini sampai {due}",
            f"Deadline of '{f.step}' running again, now due {due}")


def _message(f: _Facts) -> Sentence:
    m = f.summary.get("message")
    action = f.entry.action
    if action == "message_sent":
        to = f.summary.get("to_instance")
        return "message", f"Pesan '{m}' dikirim ke instans #{to}", f"Message '{m}' sent to instance #{to}"
    if action == "message_buffered":
        return ("message", f"Pesan '{m}' disimpan sampai ada instans yang menunggunya",
                f"Message '{m}' kept until an instance waits for it")
    origin = f.summary.get("from_instance")
    oid, oen = (f" dari instans #{origin}", f" from instance #{origin}") if origin else ("", "")
    return "message", f"Pesan '{m}' diterima{oid}", f"Message '{m}' received{oen}"


def _comment(f: _Facts) -> Sentence:
    excerpt = f.summary.get("excerpt") or ""
    return "comment", f"{f.who_id} menambahkan komentar: “{excerpt}”", f"{f.who_en} commented: “{excerpt}”"


def _attachment(f: _Facts) -> Sentence:
    name = f.summary.get("name")
    return "attachment", f"{f.who_id} melampirkan berkas '{name}'", f"{f.who_en} attached the file '{name}'"


def _incident(f: _Facts) -> Sentence:
    message = f.summary.get("message") or ""
    where_id, where_en = (f" pada '{f.step}'", f" at '{f.step}'") if f.step else ("", "")
    return "incident", f"Insiden{where_id}: {message}", f"Incident{where_en} ({f.summary.get('kind')}): {message}"


def _retried(f: _Facts) -> Sentence:
    return "incident", f"{f.who_id} menjalankan ulang langkah '{f.step}'", f"{f.who_en} retried step '{f.step}'"


def _status(text_id: str, text_en: str, kind: str = "end") -> Callable[[_Facts], Sentence]:
    return lambda f: (kind, text_id, text_en)


def _other(f: _Facts) -> Sentence:
    where = f" ({f.step})" if f.step else ""
    return "other", f"{f.who_id}: {f.entry.action}{where}", f"{f.who_en}: {f.entry.action}{where}"


_SENTENCES: dict[str, Callable[[_Facts], Sentence]] = {
    "instance_started": _started,
    "task_ready": _ready,
    "task_claimed": lambda f: ("task", f"{f.who_id} mengambil tugas '{f.step}'", f"{f.who_en} claimed task '{f.step}'"),
    "task_released": lambda f: ("task", f"{f.who_id} melepas tugas '{f.step}' kembali ke antrean",
                                f"{f.who_en} released task '{f.step}' back to the queue"),
    "task_completed": _completed,
    "task_cancelled": lambda f: ("task", f"Tugas '{f.step}' dibatalkan oleh proses",
                                 f"Task '{f.step}' was cancelled by the process"),
    "task_returned": _returned,
    "task_reassigned": _moved,
    "task_delegated": _moved,
    "document_rendered": _rendered,
    "document_sealed": _sealed,
    "sla_started": _sla_started,
    "sla_reminded": _sla_reminded,
    "sla_breached": _sla_breached,
    "sla_closed": _sla_closed,
    "sla_paused": _sla_paused,
    "sla_resumed": _sla_resumed,
    "timer_fired": lambda f: ("timer", f"Waktu tunggu '{f.step}' tercapai", f"Timer '{f.step}' fired"),
    "message_received": _message,
    "message_sent": _message,
    "message_buffered": _message,
    "comment_added": _comment,
    "attachment_added": _attachment,
    "incident": _incident,
    "incident_retried": _retried,
    "instance_completed": _status("Proses selesai", "Process completed"),
    "instance_cancelled": _status("Proses dibatalkan", "Process cancelled"),
    "instance_incident": _status("Proses terhenti karena insiden", "Process stopped by an incident", "incident"),
    "instance_running": _status("Proses berjalan kembali", "Process running again", "other"),
}
