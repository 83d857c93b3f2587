"""lintas:return parsing and checks against a form; acting appointment periods and states."""

from __future__ import annotations

from datetime import UTC, date, datetime

from engine.domain.acting import Appointment, last_day_within_a_year, period_problems
from engine.domain.returns import ReturnSpec, problems

FORM = {
    "type": "object",
    "$defs": {"keputusan": {"type": "string", "oneOf": [{"const": "setujui"}, {"const": "kembalikan"}]}},
    "properties": {
        "keputusan": {"$ref": "#/$defs/keputusan"},
        "lengkap": {"type": "boolean"},
        "tingkat": {"type": "integer", "enum": [1, 2, 3]},
        "alasan": {"type": "string"},
        "lampiran": {"type": "array"},
    },
}


def test_parse_is_lenient_and_keeps_the_source() -> None:
    spec = ReturnSpec.parse(" keputusan = kembalikan ;reason= alasan ")
    assert (spec.field, spec.value, spec.reason_field) == ("keputusan", "kembalikan", "alasan")
    assert ReturnSpec.parse("reason=alasan; keputusan=kembalikan") == ReturnSpec(
        "reason=alasan; keputusan=kembalikan", "keputusan", "kembalikan", "alasan")
    assert ReturnSpec.from_dict(spec.as_dict()) == spec
    assert ReturnSpec.from_dict(None) is None


def test_checks_against_the_form() -> None:
    assert problems(ReturnSpec.parse("keputusan=kembalikan; reason=alasan"), FORM) == []
    assert problems(ReturnSpec.parse("lengkap=false; reason=alasan"), FORM) == []
    assert problems(ReturnSpec.parse("tingkat=2; reason=alasan"), FORM) == []
    messages = [m for m, _ in problems(ReturnSpec.parse("tingkat=5; reason=lampiran"), FORM)]
    assert messages == ["nilai '5' bukan pilihan isian 'tingkat' (1, 2, 3)",
                        "isian alasan 'lampiran' harus berupa teks"]
    assert problems(ReturnSpec.parse("lampiran=x; reason=alasan"), FORM)[0][0].startswith("isian 'lampiran' harus")
    assert problems(ReturnSpec.parse("keputusan=kembalikan; reason=alasan"), None)[0][0].startswith("tugas dengan")


def test_values_are_typed_as_the_form_declares() -> None:
    assert ReturnSpec.parse("lengkap=false; reason=alasan").values(FORM, "Kurang") == {
        "lengkap": False, "alasan": "Kurang"}
    assert ReturnSpec.parse("tingkat=2; reason=alasan").values(FORM, "x")["tingkat"] == 2
    assert ReturnSpec.parse("keputusan=kembalikan; reason=alasan").values(FORM, "x")["keputusan"] == "kembalikan"


def test_appointment_periods() -> None:
    today = date(2026, 3, 17)
    assert period_problems(today, date(2027, 3, 16), today) == []
    assert [p[0] for p in period_problems(date(2026, 3, 16), date(2026, 3, 20), today)] == ["valid_from"]
    assert [p[0] for p in period_problems(today, date(2027, 3, 17), today)] == ["valid_to"]
    assert [p[0] for p in period_problems(date(2026, 3, 20), date(2026, 3, 19), today)] == ["valid_to"]
    assert last_day_within_a_year(date(2028, 2, 29)) == date(2029, 2, 28)


def test_appointment_states_and_title() -> None:
    made = Appointment(1, 1, 2, "PUPR/Kepala Dinas", "siti", "Siti", "plt", date(2026, 4, 1), date(2026, 4, 30),
                       None, "admin", datetime(2026, 3, 17, tzinfo=UTC))
    assert made.title == "Plt. PUPR/Kepala Dinas"
    assert [made.state_on(date(2026, 3, d)) for d in (31,)] == ["akan_datang"]
    assert (made.state_on(date(2026, 4, 30)), made.state_on(date(2026, 5, 1))) == ("aktif", "berakhir")
    cancelled = Appointment(1, 1, 2, "PUPR/Kepala Dinas", "siti", "Siti", "plh", date(2026, 4, 1),
                            date(2026, 3, 31), None, "admin", datetime(2026, 3, 17, tzinfo=UTC))
    assert (cancelled.state_on(date(2026, 4, 2)), cancelled.covers(date(2026, 4, 1))) == ("dibatalkan", False)
