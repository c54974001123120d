"""What the blank workbooks carry to be recognised on import: the identity sheet's layout.

Written by ``exports.form_workbook`` and read by ``imports.form_workbook``; kept here so the
two never depend on each other.
"""

from __future__ import annotations

PROGRAM_NAME = "安全生产月 desktop"
# Bumped when the identity sheet changes incompatibly; the import refuses newer formats.
WORKBOOK_FORMAT = 1
IDENTITY_SHEET = "_模板"
# Labels of the identity sheet's column A → what they hold (read back by the import).
IDENTITY_LABELS = {
    "program": "程序",
    "format": "格式",
    "key": "模板编号",
    "version": "模板版本",
    "name": "表名",
    "unit": "单位",
    "year": "活动年度",
    "sheet": "填报工作表",
    "created": "导出日期",
}
MAP_HEADER = ("字段编号", "单元格", "名称", "类型")
