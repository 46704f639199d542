"""anatomy_viewer: hip and knee anatomy, a gluteus medius model and scripted lessons.

Importing this package loads no Qt and no VTK; the heavy parts are imported by the
command or window that needs them.
"""

__version__ = "0.1.0"
