"""Biomechanics: the frontal-plane hip model, pure numpy functions of parameters and phase."""
