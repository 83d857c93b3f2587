"""Resolving the role references a BPMN file makes (lanes, candidate groups) against an organisation.

A reference is ``OPD/Role`` or a bare role name that exists in exactly one OPD of the tenant; a bare
name found in several OPDs is ambiguous and must be written out in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from engine.domain.org import Role, RolePath


@dataclass(frozen=True)
class RoleResolution:
    role_ids: tuple[int, ...]
    problems: tuple[tuple[str, str], ...]      # (Indonesian, English) per unresolved reference


def role_names(refs: tuple[str, ...] | list[str]) -> set[str]:
    """The role names the references mention: enough to load only the roles that can match."""
    out = set()
    for ref in refs:
        path = RolePath.parse(ref) if "/" in ref else None
        out.add(path.role_name if path else " ".join(ref.split()))
    return out


def resolve(refs: tuple[str, ...] | list[str], roles: list[Role], day: date) -> RoleResolution:
    active = [r for r in roles if r.validity.covers(day)]
    by_path = {r.path.key(): r for r in active}
    by_name: dict[str, list[Role]] = {}
    for role in active:
        by_name.setdefault(role.name.casefold(), []).append(role)
    ids: list[int] = []
    problems: list[tuple[str, str]] = []
    for ref in refs:
        path = RolePath.parse(ref) if "/" in ref else None
        if path is not None:
            found = by_path.get(path.key())
            if found is None:
                problems.append((f"peran '{ref}' tidak dikenal (OPD/peran tidak ada atau tidak berlaku)",
                                 f"role '{ref}' is not a known OPD role"))
            else:
                ids.append(found.id)
            continue
        matches = by_name.get(" ".join(ref.split()).casefold(), [])
        if len(matches) == 1:
            ids.append(matches[0].id)
        elif not matches:
            problems.append((f"peran '{ref}' tidak dikenal; tulis sebagai OPD/Peran, mis. PUPR/Kepala Bidang",
                             f"role '{ref}' is not a known OPD role; write it as OPD/Role, e.g. PUPR/Kepala Bidang"))
        else:
            where = ", ".join(sorted(str(r.path) for r in matches))
            problems.append((f"peran '{ref}' ambigu ({where}); sebutkan OPD-nya",
                             f"role '{ref}' is ambiguous ({where}); name its OPD"))
    return RoleResolution(tuple(dict.fromkeys(ids)), tuple(problems))
