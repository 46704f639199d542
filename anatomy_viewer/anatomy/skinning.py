"""Linear blend skinning: pose a deforming mesh from its segments' transforms (numpy only)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def apply_pose(points: ArrayLike, weights: ArrayLike, transforms: ArrayLike) -> NDArray[np.float64]:
    """Deform ``points`` by linear blend skinning.

    ``p' = sum_k w_k (T_k p)`` with ``T_k`` each segment's 4x4 transform relative to the
    neutral pose (docs/architecture.md).

    Parameters
    ----------
    points
        ``(n, 3)`` neutral-pose vertex positions.
    weights
        ``(n, k)`` skinning weights, one column per segment, rows summing to 1.
    transforms
        ``(k, 4, 4)`` homogeneous transforms, in the order of the weight columns.

    Returns
    -------
    numpy.ndarray
        ``(n, 3)`` posed positions (float64).

    Raises
    ------
    ValueError
        If the shapes do not match.
    """
    p = np.asarray(points, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    t = np.asarray(transforms, dtype=np.float64)
    if p.ndim != 2 or p.shape[1] != 3:
        raise ValueError(f"points must have shape (n, 3), got {p.shape}")
    if w.ndim == 1:
        w = w[:, None]
    if w.shape[0] != p.shape[0]:
        raise ValueError(f"weights have {w.shape[0]} rows for {p.shape[0]} points")
    if t.ndim != 3 or t.shape[1:] != (4, 4) or t.shape[0] != w.shape[1]:
        raise ValueError(f"transforms must have shape ({w.shape[1]}, 4, 4), got {t.shape}")
    # Blend the affine parts first (n, 3, 4): one small matrix product per vertex,
    # cheaper than transforming every point k times when k is small.
    blended = np.einsum("nk,kij->nij", w, t[:, :3, :])
    return np.asarray(np.einsum("nij,nj->ni", blended[:, :, :3], p) + blended[:, :, 3])
