"""Extractors: one per record list, each a pipeline component."""
