"""A helper registered outside engine.sandbox, to prove workers import helper modules."""

from __future__ import annotations

from engine.sandbox import register_context_helper, register_helper


def tambah_hari_kerja_palsu(hari: int) -> int:
    """Stand-in for a working-day calendar helper: a pure function of its arguments."""
    return hari * 7 // 5


register_helper("tambah_hari_kerja_palsu", tambah_hari_kerja_palsu)
register_context_helper("jam_sekarang_palsu", lambda ctx: lambda: ctx.now.hour)
