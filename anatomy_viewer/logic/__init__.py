"""Logic: what each button does, without Qt.

It joins the lesson player, the hip model and the scene: staging a lesson step, running the
simulation, rendering pictures headless. The Qt window and the command line both call it,
and so can a test.
"""
