"""Fuzzers of the readers and the grammars (docs/robustness.md)."""
