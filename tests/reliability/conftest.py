"""The reliability tests' blank spaCy pipeline (no model load), once per module."""
from __future__ import annotations

import pytest

from tests.reliability.worker import blank_preannotator


@pytest.fixture(scope="module")
def blank():
    return blank_preannotator()
