"""Anatomy: the structure catalogue, landmarks, mesh generation and skinning.

Only :mod:`anatomy_viewer.anatomy.generate` (and what it imports) uses VTK; the
catalogue, manifest, landmark and skinning modules are pure Python and numpy.
"""
