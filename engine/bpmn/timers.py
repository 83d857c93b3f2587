"""Timer events that read Lintas's injectable clock and understand working time.

SpiffWorkflow's timers compare against ``datetime.now()`` and know only ISO 8601. These subclasses
take the instance's clock and the tenant's business calendar from the script engine, accept the
working-time words of ``engine.domain.durations`` (``3 hari kerja``), and store their due moment in
the task's internal data, where the job scheduler reads it to create a durable job row.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    TimeDateEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.util.task import TaskState

from engine.domain.durations import (
    Cycle,
    Duration,
    IsoDuration,
    TimerValue,
    WorkingTime,
    check_timer,
    describe_syntax,
    looks_literal,
    parse_timer,
    unquote,
)
from engine.domain.errors import InvalidInput


class WorkingCalendar(Protocol):
    timezone: str

    def due_after_working_days(self, start: datetime, n: int) -> datetime: ...

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime: ...


def _engine(my_task: Any) -> Any:
    return my_task.workflow.script_engine


def now_of(my_task: Any) -> datetime:
    clock = getattr(_engine(my_task), "now", None)
    if clock is None:
        raise WorkflowTaskException("timer tanpa jam (no clock for timers)", task=my_task)
    return clock()  # type: ignore[no-any-return]


def add(duration: Duration, start: datetime, calendar: WorkingCalendar | None) -> datetime:
    """The moment ``duration`` after ``start``: calendar time for ISO, office time for working time."""
    if isinstance(duration, WorkingTime):
        if calendar is None:
            raise InvalidInput("waktu kerja memerlukan kalender kerja pemda",
                               "working time needs the tenant's business calendar")
        if duration.days:
            return calendar.due_after_working_days(start, duration.days)
        return calendar.add_working_time(start, timedelta(hours=duration.hours))
    parsed = TimerEventDefinition.parse_iso_duration(duration.text)
    return start + TimerEventDefinition.get_timedelta_from_start(parsed, start)


def _localize(moment: datetime, calendar: WorkingCalendar | None) -> datetime:
    if moment.tzinfo is not None:
        return moment
    zone = ZoneInfo(calendar.timezone) if calendar is not None else None
    if zone is None:
        raise InvalidInput("waktu timer tanpa zona waktu", "timer moment without a time zone")
    return moment.replace(tzinfo=zone)


def evaluate(my_task: Any, expression: str) -> TimerValue:
    """A literal timer value as written, or the value a Python expression gives (then parsed)."""
    value = parse_timer(expression or "")
    if value is None:
        result = _engine(my_task).evaluate(my_task, expression)
        value = result if isinstance(result, datetime) else parse_timer(str(result))
        if value is None:
            raise WorkflowTaskException(
                f"nilai timer tidak dikenali: {result!r}; gunakan {describe_syntax()}", task=my_task)
    try:
        check_timer(value)
    except InvalidInput as exc:
        raise WorkflowTaskException(str(exc), task=my_task) from exc
    return value


def _fire_if_due(my_task: Any, due: datetime) -> bool:
    if due <= now_of(my_task):
        my_task._set_internal_data(event_fired=True)
    return bool(my_task._get_internal_data("event_fired", False))


class LintasTimeDate(TimeDateEventDefinition):
    def has_fired(self, my_task: Any) -> bool:
        value = my_task._get_internal_data("event_value")
        if value is None:
            moment = evaluate(my_task, self.expression)
            if not isinstance(moment, datetime):
                raise WorkflowTaskException("timeDate harus berupa tanggal-waktu (timeDate needs a moment)",
                                            task=my_task)
            value = _localize(moment, _engine(my_task).calendar).isoformat()
            my_task._set_internal_data(event_value=value)
        return _fire_if_due(my_task, datetime.fromisoformat(value))


class LintasDuration(DurationTimerEventDefinition):
    def has_fired(self, my_task: Any) -> bool:
        value = my_task._get_internal_data("event_value")
        if value is None:
            duration = evaluate(my_task, self.expression)
            if not isinstance(duration, WorkingTime | IsoDuration):
                raise WorkflowTaskException("timeDuration harus berupa durasi (timeDuration needs a duration)",
                                            task=my_task)
            value = add(duration, now_of(my_task), _engine(my_task).calendar).isoformat()
            my_task._set_internal_data(event_value=value)
        return _fire_if_due(my_task, datetime.fromisoformat(value))


class LintasCycle(CycleTimerEventDefinition):
    def cycle_complete(self, my_task: Any) -> bool:
        calendar = _engine(my_task).calendar
        state = my_task._get_internal_data("event_value")
        if state is None:
            cycle = evaluate(my_task, self.expression)
            if not isinstance(cycle, Cycle):
                raise WorkflowTaskException("timeCycle harus berupa siklus R[n]/... (timeCycle needs R[n]/...)",
                                            task=my_task)
            start = _localize(cycle.start, calendar) if cycle.start else add(cycle.interval, now_of(my_task), calendar)
            state = {"cycles": -1 if cycle.repetitions is None else cycle.repetitions,
                     "next": start.isoformat(), "interval": str(cycle.interval) if isinstance(
                         cycle.interval, WorkingTime) else cycle.interval.text}
        ready = False
        if state["cycles"] != 0:
            upcoming = datetime.fromisoformat(state["next"])
            now = now_of(my_task)
            if upcoming <= now:
                interval = parse_timer(state["interval"])
                assert isinstance(interval, WorkingTime | IsoDuration)
                following = add(interval, upcoming, calendar)
                # After a long stop (a worker down over a weekend) a cycle fires once for the whole
                # backlog instead of once per missed occurrence.
                for _ in range(10_000):
                    if following > now:
                        break
                    following = add(interval, following, calendar)
                state["next"] = max(following, now + timedelta(seconds=1)).isoformat()
                state["cycles"] -= 1
                ready = True
        else:
            my_task.internal_data.pop("event_value", None)
            my_task.internal_data["event_fired"] = True
            return False
        my_task._set_internal_data(event_value=state)
        return ready


TIMER_CLASSES = {
    TimeDateEventDefinition: LintasTimeDate,
    DurationTimerEventDefinition: LintasDuration,
    CycleTimerEventDefinition: LintasCycle,
}


class TimerParsing:
    """Parser mixin: timer events become Lintas timers; a literal that cannot run is refused at deploy."""

    def parse_timer_event(self, event: Any) -> Any:
        definition = super().parse_timer_event(event)  # type: ignore[misc]
        klass = TIMER_CLASSES.get(type(definition))
        if klass is None:
            return definition
        text = unquote(definition.expression or "")
        literal = parse_timer(text)
        if literal is None and looks_literal(text):
            # Meant as ISO 8601 or working time but mistyped: refuse now rather than fail at run time.
            raise ValidationException(
                f"nilai timer tidak valid: {text!r}; gunakan {describe_syntax()} (invalid timer value)",
                node=self.node, file_name=self.filename)  # type: ignore[attr-defined]
        if literal is not None:
            try:
                check_timer(literal)
            except InvalidInput as exc:
                raise ValidationException(str(exc), node=self.node, file_name=self.filename) from exc  # type: ignore[attr-defined]
        return klass(definition.name, definition.expression, description=definition.description)


def pending_due(task: Any) -> datetime | None:
    """When a waiting timer task is due (its next firing, for a cycle), or None when it is not a timer."""
    definition = getattr(task.task_spec, "event_definition", None)
    if not isinstance(definition, TimerEventDefinition) or not task.has_state(TaskState.WAITING):
        return None
    value = task._get_internal_data("event_value")
    if isinstance(value, dict):
        return datetime.fromisoformat(value["next"]) if value.get("cycles", 0) != 0 else None
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def force_due(task: Any, now: datetime) -> None:
    """Make a waiting timer fall due now, once: the scheduler already decided this occurrence happens
    (a timer start event creating an instance), so the instance must not wait for it again."""
    definition = task.task_spec.event_definition
    if isinstance(definition, CycleTimerEventDefinition):
        cycle = parse_timer(definition.expression or "")
        interval = cycle.interval if isinstance(cycle, Cycle) else WorkingTime(days=1)
        text = str(interval) if isinstance(interval, WorkingTime) else interval.text
        task._set_internal_data(event_value={"cycles": 1, "next": now.isoformat(), "interval": text})
    else:
        task._set_internal_data(event_value=now.isoformat())


def first_due(kind: str, expression: str, now: datetime, calendar: WorkingCalendar | None) -> datetime:
    """When a timer start event first falls due, counted from deployment."""
    value = parse_timer(expression)
    if isinstance(value, datetime):
        return _localize(value, calendar)
    if isinstance(value, Cycle):
        return _localize(value.start, calendar) if value.start else add(value.interval, now, calendar)
    if isinstance(value, WorkingTime | IsoDuration):
        return add(value, now, calendar)
    raise InvalidInput(f"nilai timer tidak dikenali: {expression!r}", f"unrecognised timer value: {expression!r}")


def next_cycle(expression: str, previous: datetime, calendar: WorkingCalendar | None) -> tuple[datetime, int | None]:
    """The occurrence after ``previous`` of a cycle, and its repetition count (None: no end)."""
    value = parse_timer(expression)
    if not isinstance(value, Cycle):
        raise InvalidInput(f"bukan siklus timer: {expression!r}", f"not a timer cycle: {expression!r}")
    return add(value.interval, previous, calendar), value.repetitions
