"""Shared by the Python tests: the reference vectors of tests/data/ (the same files the C++ tests read)."""
import json
import os

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "data")


def vector(name):
    with open(os.path.join(DATA, name)) as f:
        return json.load(f)
