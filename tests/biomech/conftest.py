"""Shared fixtures for the model tests."""

from __future__ import annotations

import pytest

from anatomy_viewer.biomech import Subject


@pytest.fixture(scope="session")
def subject() -> Subject:
    """The default subject: 1.75 m, 75 kg, male, built from the anatomy's landmarks."""
    return Subject.default()
