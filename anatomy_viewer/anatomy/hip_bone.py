"""Distance field of the hip bones (ilium, ischium, pubis, acetabulum) and the symphysis.

Drawn in pelvis-template millimetres for the right side (:mod:`~.frames`); the left side
is the mirror image (the field uses ``|x|``). Shapes follow Gray's Anatomy (42nd ed.) and
White & Folkens, The Human Bone Manual (2005):

* The **ilium** is a curved plate (:mod:`~.plate`): thin in the middle of the iliac fossa,
  thickening toward the crest (the iliac tubercle widest), the thick posterior part that
  meets the sacrum, the PSIS and PIIS, the greater sciatic notch, the ASIS and the AIIS,
  and the acetabulo-cristal pillar.
* The **ischium and pubis** are a second plate with the obturator foramen cut through it:
  broad, flat rami (not rods), the thick pubic body with its symphyseal face, and the
  bulky ischial tuberosity, the ischial spine and the superior ramus with the pecten.
* The **acetabulum** is a thick cup whose rim is a tilted, slightly wavy plane (the rim
  is lower in front than behind), holding a horseshoe-shaped lunate surface round a
  deeper acetabular fossa that opens through the acetabular notch below.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.anatomy import frames, sdf
from anatomy_viewer.anatomy.plate import Plate, PlateField
from anatomy_viewer.anatomy.proportions import Proportions
from anatomy_viewer.anatomy.templates import ILIAC_CREST_MM, PELVIS_MM, acetabulum_axis_mm

FloatArray = NDArray[np.float64]

HJC = np.array(PELVIS_MM["hjc"])

# --- the ilium ------------------------------------------------------------------------
#: Border of the ilium's plate (mid-surface, mm): along the crest from the ASIS to the
#: PSIS (the crest points raised to the crest's mid-height), down the posterior border
#: past the PIIS, round the greater sciatic notch, through the body of the ilium above the
#: acetabulum and up the anterior border past the AIIS.
_CREST_EDGE = ILIAC_CREST_MM + np.array(
    [[1.5, 3.0, 0.0]] + [[0.0, 0.0, 4.0]] * 7 + [[-1.0, -3.0, 0.0]]
)
_ILIUM_LOWER = np.array(
    [
        [44.0, -106.0, 70.0],  # notch between PSIS and PIIS
        [47.0, -104.0, 57.0],  # PIIS
        [54.0, -88.0, 44.0],
        [60.0, -70.0, 34.0],
        [66.0, -56.0, 26.0],  # greater sciatic notch, deepest
        [74.0, -44.0, 16.0],
        [84.0, -22.0, 14.0],  # body of the ilium (inside the acetabular mass)
        [92.0, 10.0, 16.0],
        [101.0, 30.0, 24.0],
        [108.0, 41.0, 34.0],  # AIIS
        [114.0, 41.0, 52.0],  # notch between AIIS and ASIS
        [118.0, 44.0, 68.0],
    ]
)
_ILIUM_OUTLINE = np.concatenate([_CREST_EDGE, _ILIUM_LOWER])
_ILIUM_OUTLINE_HALF = np.array(
    [
        *(5.0, 5.5, 7.5, 6.5, 6.0, 6.0, 6.5, 7.5, 8.5),  # crest: ASIS to PSIS
        *(8.0, 8.0, 6.5, 6.0, 6.0, 6.5, 12.0, 12.0, 9.0, 7.0, 5.0, 4.5),  # posterior, lower
    ]
)
#: Inside the wing: the gluteal surface bulges laterally in front and is hollow behind;
#: the iliac fossa is thin; the pillar from the acetabulum to the iliac tubercle and the
#: posterior part behind the arcuate line are thick.
_ILIUM_INTERIOR = np.array(
    [
        [121.0, 0.0, 100.0],  # middle of the wing (iliac fossa, thin)
        [125.0, 20.0, 95.0],
        [113.0, -30.0, 108.0],
        [96.0, -54.0, 100.0],
        [112.0, -8.0, 66.0],  # pillar, lower
        [127.0, 6.0, 108.0],  # pillar, upper
        [70.0, -84.0, 84.0],  # posterior ilium (auricular part), thick
        [84.0, -64.0, 68.0],
        [96.0, -28.0, 50.0],  # above the acetabulum
        [106.0, 20.0, 52.0],
    ]
)
_ILIUM_INTERIOR_HALF = np.array([2.4, 2.5, 2.5, 3.5, 4.5, 3.5, 10.0, 6.5, 9.0, 5.0])
#: The wing faces laterally and a little forward.
_ILIUM_NORMAL = np.array([0.93, 0.30, 0.05])

# --- the ischium and pubis ------------------------------------------------------------
#: Border of the pubic plate (mid-surface, mm): the superior ramus with the pecten from the
#: iliopubic eminence to the pubic crest, the symphyseal face (across the midline, so the
#: two pubic bones meet), the inferior pubic and ischial rami, up the front of the ischial
#: body and across under the acetabulum. The obturator foramen is cut through it.
_PUBIC_OUTLINE = np.array(
    [
        [78.0, 22.0, 4.0],  # iliopubic eminence
        [60.0, 34.0, -2.0],  # pecten pubis
        [42.0, 45.0, -7.0],
        [22.0, 55.0, -11.0],  # pubic crest
        [-2.0, 57.0, -11.0],  # top of the symphysis
        [-2.0, 53.0, -32.0],
        [-2.0, 47.0, -53.0],  # bottom of the symphysis
        [14.0, 38.0, -59.0],  # inferior pubic ramus
        [28.0, 24.0, -62.0],
        [42.0, 6.0, -64.0],  # ischial ramus
        [54.0, -12.0, -66.0],
        [62.0, -26.0, -67.0],  # front of the ischial tuberosity
        [70.0, -28.0, -50.0],  # front of the ischial body
        [72.0, -20.0, -34.0],
        [70.0, -6.0, -30.0],  # under the acetabular notch
        [78.0, 8.0, -18.0],  # (inside the acetabular mass)
    ]
)
_PUBIC_HALF = np.array(
    [8.0, 7.0, 6.5, 6.5, 7.0, 7.5, 6.5, 4.5, 4.0, 4.0, 4.5, 6.0, 7.0, 7.0, 8.0, 9.0]
)
_PUBIC_INTERIOR = np.array([[12.0, 50.0, -32.0], [62.0, 22.0, -8.0]])  # pubic body, ramus
_PUBIC_INTERIOR_HALF = np.array([7.5, 7.5])
_PUBIC_NORMAL = np.array([0.778, 0.624, -0.078])
#: The ischium, from behind the acetabulum down to the tuberosity: (centre, half-sizes
#: across (mediolateral), deep (anteroposterior) and along) of overlapping ellipsoids. The
#: tuberosity is the bulky lowest part, about 30 x 45 mm (White & Folkens 2005).
_ISCHIUM_PARTS = (
    ((76.0, -40.0, 2.0), (7.0, 10.0, 14.0)),  # posterior column below the sciatic notch
    ((78.0, -24.0, -22.0), (9.0, 13.0, 14.0)),  # body of the ischium
    ((74.0, -32.0, -40.0), (9.0, 13.0, 14.0)),
    ((72.0, -43.0, -56.0), (10.0, 14.0, 17.0)),  # ischial tuberosity
)
_ISCHIUM_LONG = np.array([0.12, 0.40, 0.91])

#: The obturator foramen: about 48 x 29 mm, its long axis running from below the
#: acetabulum down and forward (medially) toward the bottom of the symphysis; oval in men,
#: nearer a triangle in women, with a broad base along the ischiopubic ramus (Gray's
#: Anatomy, 42nd ed.; Bierry et al. 2010, Am J Phys Anthropol 141:626); margins about
#: 6 mm thick.
_FORAMEN_CENTRE = np.array([41.0, 20.0, -35.0])
_FORAMEN_LONG = np.array([0.514, -0.374, 0.771])
_FORAMEN_SEMI_AXES = (24.0, 14.5)


def _foramen_outline(female: bool) -> FloatArray:
    n = _PUBIC_NORMAL / np.linalg.norm(_PUBIC_NORMAL)
    long = _FORAMEN_LONG - (_FORAMEN_LONG @ n) * n
    long /= np.linalg.norm(long)
    short = np.cross(n, long)
    t = np.linspace(0.0, 2.0 * np.pi, 36, endpoint=False)
    a, b = _FORAMEN_SEMI_AXES
    # Slightly egg-shaped: broader above (under the superior ramus). In women the three
    # lobes of cos(3t) turn the oval toward a triangle with corners under the acetabulum,
    # at the pubic body and at the ischial ramus.
    bulge = 1.0 + 0.12 * np.cos(t)
    corners = 1.0 + (0.09 * np.cos(3.0 * t) if female else 0.0)
    return np.asarray(
        _FORAMEN_CENTRE
        + (a * np.cos(t) * corners)[:, None] * long
        + (b * np.sin(t) * bulge * corners)[:, None] * short,
        dtype=np.float64,
    )


#: The pelvic surface of the hip bone below the arcuate line: the body of the ilium, the
#: quadrilateral surface behind the acetabulum and the inner face of the ischium down to
#: the tuberosity, a thick plate whose upper edge is the arcuate line (pelvic brim).
_WALL_OUTLINE = np.array(
    [
        [62.0, -80.0, 66.0],  # arcuate line, from the sacroiliac joint
        [66.0, -60.0, 48.0],
        [70.0, -36.0, 32.0],
        [71.0, -10.0, 18.0],
        [66.0, 14.0, 6.0],  # to the pecten pubis
        [56.0, 8.0, -16.0],  # along the obturator groove
        [60.0, -12.0, -36.0],  # behind the obturator foramen
        [66.0, -24.0, -54.0],
        [70.0, -40.0, -62.0],  # inner face of the ischial tuberosity
        [70.0, -46.0, -42.0],  # lesser sciatic notch
        [66.0, -56.0, -28.0],  # ischial spine
        [68.0, -56.0, -8.0],
        [68.0, -54.0, 14.0],  # greater sciatic notch
        [66.0, -62.0, 32.0],
        [63.0, -74.0, 50.0],
    ]
)
_WALL_HALF = np.array([7.0, 6.0, 6.0, 6.0, 6.0, 5.0, 5.5, 6.0, 8.0, 8.0, 5.0, 6.0, 6.0, 7.0, 8.0])


#: Lower part of the iliac fossa, sloping from the wing down to the arcuate line, so the
#: pelvic brim is the edge where the fossa meets the pelvic surface (not a rod).
_FOSSA_FLOOR = np.array(
    [
        [64.0, -80.0, 66.0],
        [68.0, -60.0, 48.0],
        [72.0, -36.0, 32.0],
        [73.0, -10.0, 18.0],
        [70.0, 12.0, 6.0],
        [98.0, 16.0, 40.0],  # up on the wing's inner surface
        [98.0, -10.0, 50.0],
        [92.0, -38.0, 58.0],
        [84.0, -62.0, 68.0],
        [74.0, -84.0, 80.0],
    ]
)


@lru_cache(maxsize=1)
def _fossa_floor() -> PlateField:
    return PlateField(
        Plate(outline=_FOSSA_FLOOR, outline_half=5.0, normal=np.array([-0.55, 0.1, 0.83]))
    )


@lru_cache(maxsize=1)
def _pelvic_wall() -> PlateField:
    return PlateField(
        Plate(
            outline=_WALL_OUTLINE,
            outline_half=_WALL_HALF,
            normal=np.array([-0.97, 0.05, 0.2]),
            interior=np.array([[66.0, -30.0, 4.0], [55.0, -2.0, -18.0]]),
            interior_half=np.array([9.0, 6.0]),
        )
    )


@lru_cache(maxsize=2)
def _plates(female: bool = False) -> tuple[PlateField, PlateField]:
    """The iliac wing and the ischiopubic plate (whose foramen differs between the sexes)."""
    ilium = PlateField(
        Plate(
            outline=_ILIUM_OUTLINE,
            outline_half=_ILIUM_OUTLINE_HALF,
            normal=_ILIUM_NORMAL,
            interior=_ILIUM_INTERIOR,
            interior_half=_ILIUM_INTERIOR_HALF,
        )
    )
    lower = PlateField(
        Plate(
            outline=_PUBIC_OUTLINE,
            outline_half=_PUBIC_HALF,
            normal=_PUBIC_NORMAL,
            interior=_PUBIC_INTERIOR,
            interior_half=_PUBIC_INTERIOR_HALF,
            holes=(_foramen_outline(female),),
            hole_half=(3.0,),
        )
    )
    return ilium, lower


# --- the acetabulum -------------------------------------------------------------------
#: Rim height above the centre along the axis (mm) round the rim, from the top toward the
#: front: the rim is lower in front than behind (anterior head coverage 15-26 %,
#: posterior 36-47 %; Tannast et al. 2015, CORR 473:1234).
_RIM_SUPERIOR, _RIM_ANTERIOR, _RIM_INFERIOR, _RIM_POSTERIOR = -9.5, -2.5, -2.0, -1.0
#: Acetabular notch: in the rim's plane, this far round from the top toward the front (deg).
_NOTCH_ANGLE = 165.0
#: Depth of the acetabular fossa below the lunate surface (mm).
_FOSSA_DEPTH = 4.0


def cup_radius_mm(p: Proportions) -> float:
    """Acetabular cup radius in template mm: the femoral head plus 1 mm of clearance."""
    return (p.head_radius + 0.001) * frames.pelvis_mm_per_metre(p)


def _rim_frame() -> tuple[FloatArray, FloatArray, FloatArray]:
    a = acetabulum_axis_mm()
    up = np.array([0.0, 0.0, 1.0])
    s = up - (up @ a) * a
    s /= np.linalg.norm(s)
    t = np.cross(a, s)
    if t[1] < 0:
        t = -t
    return a, s, t


def _rim_height(psi: FloatArray) -> FloatArray:
    c0 = 0.25 * (_RIM_SUPERIOR + _RIM_ANTERIOR + _RIM_INFERIOR + _RIM_POSTERIOR)
    c1 = 0.5 * (_RIM_SUPERIOR - _RIM_INFERIOR)
    s1 = 0.5 * (_RIM_ANTERIOR - _RIM_POSTERIOR)
    c2 = 0.5 * (_RIM_SUPERIOR + _RIM_INFERIOR) - c0
    out: FloatArray = c0 + c1 * np.cos(psi) + s1 * np.sin(psi) + c2 * np.cos(2.0 * psi)
    return out


def _angle_to_arc(u: FloatArray, p: FloatArray, q: FloatArray) -> FloatArray:
    """Angular distance (rad) from unit vectors ``u`` to the great-circle arc ``p``-``q``."""
    m = np.cross(p, q)
    m /= np.linalg.norm(m)
    off = np.arcsin(np.clip(u @ m, -1.0, 1.0))
    proj = u - (u @ m)[:, None] * m
    proj /= np.maximum(np.linalg.norm(proj, axis=1, keepdims=True), 1e-12)
    span = np.arccos(np.clip(p @ q, -1.0, 1.0))
    ang_p = np.arccos(np.clip(proj @ p, -1.0, 1.0))
    ang_q = np.arccos(np.clip(proj @ q, -1.0, 1.0))
    within = (ang_p <= span) & (ang_q <= span)
    to_ends = np.minimum(np.arccos(np.clip(u @ p, -1.0, 1.0)), np.arccos(np.clip(u @ q, -1.0, 1.0)))
    out: FloatArray = np.where(within, np.abs(off), to_ends)
    return out


def acetabulum_mm(q: FloatArray, r_cup: float, solid: FloatArray) -> FloatArray:
    """Carve the socket, its fossa and notch and the rim into ``solid`` (the hip bone field
    with the acetabular mass), right-side template coordinates."""
    a, s, t = _rim_frame()
    v = q - HJC
    dist = np.linalg.norm(v, axis=1)
    u = v / np.maximum(dist[:, None], 1e-9)
    psi = np.arctan2(v @ t, v @ s)
    # Opening: in front of the rim, the bone falls away from the rim's edge in a bevel
    # sloping back at 25 deg, so the rim is a lip, not a flat annulus; whatever the
    # columns bring near the socket is trimmed back to it.
    height = _rim_height(psi)
    beyond_rim = (v @ a) - height
    across = np.sqrt(np.maximum(dist**2 - (v @ a) ** 2, 0.0))
    rim_radius = np.sqrt(np.maximum(r_cup**2 - height**2, 0.0))
    # Round the notch the rim stops short (the transverse ligament bridges it) and the
    # bone below, the pelvic wall and the bar under the notch, is not bevelled.
    from_notch = np.abs((psi - np.radians(_NOTCH_ANGLE) + np.pi) % (2.0 * np.pi) - np.pi)
    slope = np.tan(np.radians(25.0)) * np.clip(
        (from_notch - np.radians(25.0)) / np.radians(25.0), 0.0, 1.0
    )
    bevel = beyond_rim + slope * np.maximum(across - rim_radius - 1.0, 0.0)
    opening = np.maximum(-bevel, across - (rim_radius + 10.0) - 0.35 * beyond_rim)
    d = sdf.subtract(solid, opening, 3.0)
    # Acetabular notch: a gap in the rim below, opening toward the obturator foramen.
    ang = np.radians(_NOTCH_ANGLE)
    notch_dir = np.cos(ang) * s + np.sin(ang) * t
    notch_dir = notch_dir - 0.25 * a
    notch_dir /= np.linalg.norm(notch_dir)
    notch_cone = np.arccos(np.clip(u @ notch_dir, -1.0, 1.0)) - np.radians(17.0)
    # Only the rim is notched: below it a bar of bone separates the notch from the
    # obturator foramen.
    notch = np.maximum(notch_cone * dist, dist - (r_cup + 7.0))
    d = sdf.subtract(d, notch, 4.0)
    # Fossa: a rounded floor below the deepest point, with a channel out through the
    # notch, 4 mm deeper than the horseshoe-shaped lunate surface round it; the lunate
    # surface is broadest in the roof.
    pole = -a
    floor = np.cos(np.radians(14.0)) * pole - np.sin(np.radians(14.0)) * s
    floor /= np.linalg.norm(floor)
    patch = np.arccos(np.clip(u @ floor, -1.0, 1.0)) - np.radians(30.0)
    channel = _angle_to_arc(u, floor, notch_dir) - np.radians(17.0)
    in_fossa = np.minimum(patch, channel)
    depth = _FOSSA_DEPTH * np.clip(-in_fossa / np.radians(6.0), 0.0, 1.0)
    socket = dist - (r_cup + depth)
    return sdf.subtract(d, socket, 1.2)


def infracotyloid_bar_mm(q: FloatArray, r_cup: float) -> FloatArray:
    """The bar of bone below the acetabular notch, joining the ischium and the pubis
    between the notch and the obturator foramen."""
    a, s, t = _rim_frame()
    pts = []
    for deg in (120.0, 145.0, 165.0, 185.0, 210.0):
        ang = np.radians(deg)
        d = np.cos(ang) * s + np.sin(ang) * t - 0.6 * a
        pts.append(HJC + (r_cup + 12.0) * d / np.linalg.norm(d))
    return sdf.polyline(q, np.array(pts), [7.0, 6.0, 5.5, 6.0, 7.0], k=3.0)


def acetabular_mass_mm(q: FloatArray, r_cup: float) -> FloatArray:
    """The thick bone round the socket: a shell thinning toward the rim (5 mm at the rim,
    about 12 mm at the floor)."""
    a = acetabulum_axis_mm()
    shell = sdf.sphere(q, HJC - 6.9 * a, r_cup + 5.1)
    # Flat medial wall (the quadrilateral plate) instead of a ball inside the pelvis.
    return sdf.smax(shell, HJC[0] - r_cup - 6.0 - q[:, 0], 8.0)


def _mirror(q: FloatArray) -> FloatArray:
    m = q.copy()
    m[:, 0] = np.abs(m[:, 0])
    return m


def hip_bone_mm(q: FloatArray, p: Proportions) -> FloatArray:
    """Signed distance (mm) to both hip bones and the symphysis, template coordinates."""
    q = _mirror(q)
    r_cup = cup_radius_mm(p)
    ilium, lower = _plates(p.sex == "female")
    wing = ilium(q)
    # The PSIS and PIIS stand out behind; the AIIS in front, above the acetabulum.
    psis = sdf.ellipsoid(q, [46.0, -101.0, 82.0], [7.0, 9.0, 10.0])
    piis = sdf.ellipsoid(q, [49.0, -100.0, 58.0], [5.5, 6.5, 7.0])
    aiis = sdf.ellipsoid(q, [106.0, 40.0, 35.0], [7.0, 7.5, 9.5])
    tubercle = sdf.ellipsoid(q, [137.0, 13.0, 128.0], [7.5, 9.0, 6.0])
    wall = sdf.smin(_pelvic_wall()(q), _fossa_floor()(q), 6.0)
    # Pelvic brim (arcuate line and pecten pubis) and the smooth inner wall of the ilium
    # down to it.
    mass = acetabular_mass_mm(q, r_cup)
    ischiopubic = lower(q)
    axes = _tuberosity_axes()
    ischium = sdf.union(
        [sdf.ellipsoid(q, centre, half, axes=axes) for centre, half in _ISCHIUM_PARTS], k=6.0
    )
    spine = sdf.capsule(q, [70.0, -50.0, -28.0], PELVIS_MM["ischial_spine"], 6.5, 2.5)
    pubic_tubercle = sdf.sphere(q, PELVIS_MM["pubic_tubercle"], 4.5)
    upper = sdf.union([wing, psis, piis, aiis, tubercle], k=7.0)
    upper = sdf.smin(upper, wall, 10.0)
    bar = infracotyloid_bar_mm(q, r_cup)
    low = sdf.union([ischiopubic, ischium, spine, pubic_tubercle, bar], k=5.0)
    d = sdf.union([upper, mass, low], k=6.0)
    return acetabulum_mm(q, r_cup, d)


def _tuberosity_axes() -> FloatArray:
    """Rows: the ischium's width, depth and length axes (long axis down the ischium,
    tilted forward at the bottom)."""
    long = _ISCHIUM_LONG / np.linalg.norm(_ISCHIUM_LONG)
    depth = np.cross(long, [1.0, 0.0, 0.0])
    depth /= np.linalg.norm(depth)
    width = np.cross(depth, long)
    return np.stack([width, depth, long])


def iliac_fossa_block_mm(q: FloatArray) -> FloatArray:
    """Signed distance (mm) to a slab filling the space just medial of each iliac wing.

    Muscles on the outer wing are carved by it so their fibres never poke through the
    thin wing into the iliac fossa.
    """
    q = _mirror(q)
    ilium, _ = _plates()
    inner = ilium(q + 12.0 * ilium.axes[2])
    return inner - 9.0
