"""Dagster wiring: assets, checks, sensors and schedules over the plain libraries."""
