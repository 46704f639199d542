"""Scene: PyVista adapters that draw the anatomy, the model and the overlays on any Plotter."""
