"""The one form renderer: field widgets by field type, and a view by template kind.

Data entry, the aggregate and the form editor's preview all draw forms through
:func:`form_view`, the only place that chooses a view from ``FormTemplate.kind``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.forms import FormTemplate
from .quota_view import QuotaPanel
from .record_view import RecordFormView
from .table_view import TableFormView

FormView = RecordFormView | TableFormView

# kind → (view class, whether units fill it in)
VIEWS: dict[str, type[QWidget]] = {
    "record": RecordFormView,
    "table": TableFormView,
    "quota": QuotaPanel,
}


def form_view(template: FormTemplate, *, read_only: bool = False, preview: bool = False) -> QWidget:
    """The widget that shows ``template``: a record form, a fill-in table or a works quota.

    ``preview`` is the form editor's: a record form shows its title, a table hides its
    content requirements.
    """
    cls = VIEWS[template.kind]
    if cls is QuotaPanel:
        return QuotaPanel(template)
    if cls is TableFormView:
        view = TableFormView(template, read_only=read_only)
        if preview:
            view.show_requirements(False)
        return view
    return RecordFormView(template, read_only=read_only, show_title=preview)


__all__ = ["VIEWS", "FormView", "QuotaPanel", "RecordFormView", "TableFormView", "form_view"]
