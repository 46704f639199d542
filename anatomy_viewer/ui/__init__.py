"""User interface: the PySide6 main window and its docks. The only package that imports Qt."""
