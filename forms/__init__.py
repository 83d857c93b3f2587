"""JSON Schema (2020-12) forms for Lintas: load and check form schemas, validate submitted data
with messages in Bahasa Indonesia and English, and describe fields for rendering.

Process bundles ship forms as ``processes/<key>/forms/<form-id>.json``. The engine reaches this
package through its ports; the web app also uses ``forms.render`` (HTML for a form, with
``markupsafe``) and ``forms.parse`` (the submitted form back to JSON). Besides the standard library
it imports only ``jsonschema`` and ``markupsafe``, nothing from ``engine`` or ``web``.
"""

from __future__ import annotations

from forms.errors import FieldError, FormError, FormNotFound, FormSchemaError, FormValidationError
from forms.fields import Choice, Field
from forms.formats import SUPPORTED_FORMATS
from forms.model import Form
from forms.schema import FormSet, content_hash, load_form, load_forms_dir
from forms.validate import MAX_ERRORS

__all__ = [
    "MAX_ERRORS",
    "SUPPORTED_FORMATS",
    "Choice",
    "Field",
    "FieldError",
    "Form",
    "FormError",
    "FormNotFound",
    "FormSchemaError",
    "FormSet",
    "FormValidationError",
    "content_hash",
    "load_form",
    "load_forms_dir",
]
