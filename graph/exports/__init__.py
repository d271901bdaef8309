"""Exports: one module per format."""
