"""The one exception the model raises for bad inputs."""

from __future__ import annotations


class ModelInputError(ValueError):
    """An input to the biomechanical model is out of range or of the wrong kind.

    The message names the parameter, the value received and what is allowed, so the
    command line and the UI can show it as it is.
    """
