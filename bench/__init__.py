"""Kring benchmarks: `make bench` (or `python -m bench [--size small|full] [names…]`).

Each benchmark prints its figures and a ratio against a baseline measured in the same run, so
the numbers mean something on any machine. Each also has a small size that the test suite runs
(tests/test_bench.py), so a benchmark cannot silently rot.
"""
