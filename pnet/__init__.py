"""Participatienetwerk: command line and shared settings."""
