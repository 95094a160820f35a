"""Batch conversion: many inputs (folders, archives) through worker processes or a Dask cluster.

On top of everything: imports ``_api``, ``_records``, ``_limits`` and the base modules.

- ``_inputs``: enumerate files, folder trees and archive members, with safety checks.
- ``_protocol`` / ``_child``: the worker process and the messages it exchanges.
- ``_engines``: the local process pool (timeouts, crashes, recycling) and the Dask engine.
- ``_outputs``: the output folder: atomic writes, resume state, tables in input order.
- ``_progress``: the progress bar or log lines on stderr.
- ``_run``: ``convert_batch`` and ``parse_many``, which put the above together.
"""

from reportparse._batch._results import BatchError, BatchResult, BatchSummary
from reportparse._batch._run import convert_batch, parse_many

__all__ = ["BatchError", "BatchResult", "BatchSummary", "convert_batch", "parse_many"]
