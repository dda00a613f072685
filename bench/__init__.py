"""Benchmarks: each module exposes `run() -> list[dict]`; `python -m bench` runs them all."""
