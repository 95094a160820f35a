"""Everything Latvian: numbers and compound values, units, periods, labels, prose words, sentences.

Code knows shapes; the words live in ``_data/lv_*.toml``. Imports only the base
modules (``_codes``, ``_limits``, ``_errors``); a second language would be a sibling.
"""
