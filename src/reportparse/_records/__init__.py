"""The typed records a user gets, their JSON text and DataFrame, from one column specification.

Imports only the base modules; everything above (interpretation, exports, batch) builds on it.
"""
