"""``render_document``: template -> HTML -> PDF/A-3b -> signature fields, in that order.

Each stage lives in its own module (templating, layout, fields); this one only chains them and
keeps the request's promises: a planned signature is a field, the number is text or a field. A
template that places no number gets no number field (``number_field`` is None).
"""

from __future__ import annotations

from signing.render.fields import add_fields
from signing.render.layout import lay_out
from signing.render.model import RenderedDocument, RenderRequest
from signing.render.templating import render_html


def render_document(request: RenderRequest) -> RenderedDocument:
    """Render the request's template to an unsigned PDF/A-3b with its empty signature fields.

    Raises ``RenderError`` (``TemplateError`` for the designer's mistakes, with template and line).
    """
    output = render_html(request)
    laid_out = lay_out(output.html, request.template_dir, request.signatures, want_number=output.has_number_field)
    pdf = add_fields(laid_out.pdf, request.signatures, laid_out.fields, laid_out.number_field, request.title,
                     number_quadding=output.number_quadding)
    return RenderedDocument(pdf=pdf, fields=laid_out.fields, number_field=laid_out.number_field,
                            page_count=laid_out.page_count, template_sha256=output.template_sha256)
