"""Use cases: one function per thing the clerk does, called by the desktop program and the CLI.

Each loads through ``store``, decides with ``domain`` and writes files through ``exports`` (or
reads them through ``imports``), so the two faces can never disagree. No Qt here.
"""
