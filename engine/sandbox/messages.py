"""Bilingual (Bahasa Indonesia first, English second) texts for static policy violations.

Kept apart from the policy so translators touch one table and the rules stay readable.
"""

from __future__ import annotations

from .errors import Violation

# code -> (Indonesian template, English template); templates use str.format keywords.
VIOLATION_TEXT: dict[str, tuple[str, str]] = {
    "syntax": ("Kesalahan sintaks: {detail}", "Syntax error: {detail}"),
    "too_long": (
        "Skrip terlalu panjang: {length} karakter, maksimum {maximum}",
        "Script too long: {length} characters, maximum {maximum}",
    ),
    "too_complex": (
        "Skrip terlalu bersarang atau terlalu rumit untuk diperiksa",
        "Script is nested too deeply or too complex to check",
    ),
    "import": (
        "Perintah import tidak diizinkan; gunakan fungsi bantu yang tersedia",
        "import statements are not allowed; use the helpers provided",
    ),
    "class": ("Definisi class tidak diizinkan", "class definitions are not allowed"),
    "async": ("async/await tidak diizinkan", "async/await is not allowed"),
    "global": (
        "global/nonlocal tidak diizinkan; kembalikan nilai dari fungsi",
        "global/nonlocal is not allowed; return values from functions instead",
    ),
    "yield": ("yield (generator) tidak diizinkan", "yield (generators) is not allowed"),
    "private_name": (
        "Nama '{name}' tidak diizinkan: nama yang diawali '_' dilarang",
        "Name '{name}' is not allowed: names starting with '_' are forbidden",
    ),
    "private_attribute": (
        "Atribut '{name}' tidak diizinkan: atribut yang diawali '_' dilarang",
        "Attribute '{name}' is not allowed: attributes starting with '_' are forbidden",
    ),
    "denied_attribute": (
        "Atribut '{name}' tidak diizinkan di skrip",
        "Attribute '{name}' is not allowed in scripts",
    ),
    "denied_name": (
        "Fungsi bawaan '{name}' tidak diizinkan di skrip",
        "Built-in '{name}' is not allowed in scripts",
    ),
    "bare_except": (
        "'except:' tanpa jenis galat tidak diizinkan; tulis 'except Exception:'",
        "bare 'except:' is not allowed; write 'except Exception:'",
    ),
    "power_assign": (
        "'**=' hanya boleh untuk nama variabel; tulis 'x = x ** y'",
        "'**=' is only allowed on a plain variable; write 'x = x ** y'",
    ),
}


def violation(code: str, line: int, col: int, **values: object) -> Violation:
    """Build a Violation with both texts filled in from the table."""
    template_id, template_en = VIOLATION_TEXT[code]
    return Violation(
        line=line,
        col=col,
        code=code,
        message_id=template_id.format(**values),
        message_en=template_en.format(**values),
    )
