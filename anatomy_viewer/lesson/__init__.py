"""Lessons: the file format, safe loading, validation and the player state machine."""
