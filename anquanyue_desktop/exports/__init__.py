"""Data in, file out: the PDFs and workbooks that leave the office (DESIGN.md §5).

No Qt here: every writer takes domain objects and a path or binary file object, so the CLI,
the tests and the UI all call the very same functions.
"""
