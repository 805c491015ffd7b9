"""Estimated commute between communes, from their centroids.

The speed model, deliberately simple and stated so that nobody mistakes it for a route planner:

* distance: great-circle distance between the two commune centroids, times ``DETOUR`` (1.3), the
  usual ratio between network and straight-line distance in a dense suburb;
* within one commune the centroids coincide, so a trip counts ``SAME_COMMUNE_KM`` (1.5 km);
* time: ``ACCESS_MINUTES`` (12 min of walking to a stop and waiting), then the first
  ``LOCAL_KM`` (5 km) of network at ``LOCAL_SPEED_KMH`` (14 km/h: bus, tram, walking, the slow
  orbital trips of the inner suburbs), and the rest at ``RAIL_SPEED_KMH`` (30 km/h: longer trips
  take the RER or the metro for most of the way). Real trips vary a lot around this; it ranks
  places by reachability, it does not plan routes.

So Orly → Rungis (3 km apart) is estimated at about 30 minutes, Vitry-sur-Seine → Orly (5 km) at
about 37 minutes, Viry-Châtillon → Ivry-sur-Seine (16 km) at about 65 minutes. The functions work
on numpy arrays, which is how the commune × commune matrix used by search and the matcher is built.
"""

from __future__ import annotations

import numpy as np

EARTH_RADIUS_KM = 6371.0
DETOUR = 1.3
SAME_COMMUNE_KM = 1.5
ACCESS_MINUTES = 12.0
LOCAL_KM = 5.0
LOCAL_SPEED_KMH = 14.0
RAIL_SPEED_KMH = 30.0


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km (scalars or broadcastable numpy arrays, degrees)."""
    lat1, lon1, lat2, lon2 = (
        np.radians(np.asarray(v, dtype=np.float64)) for v in (lat1, lon1, lat2, lon2)
    )
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def minutes_for_km(km):
    """Estimated door-to-door minutes for a straight-line distance in km (scalar or array)."""
    km = np.asarray(km, dtype=np.float64)
    network_km = np.maximum(km, SAME_COMMUNE_KM) * DETOUR
    local = np.minimum(network_km, LOCAL_KM)
    rail = network_km - local
    return ACCESS_MINUTES + (local / LOCAL_SPEED_KMH + rail / RAIL_SPEED_KMH) * 60.0


def estimate(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, int]:
    """(straight-line km, estimated minutes) between two points, e.g. two commune centroids."""
    km = float(distance_km(lat1, lon1, lat2, lon2))
    return round(km, 1), round(float(minutes_for_km(km)))


def matrix(latitudes, longitudes) -> tuple[np.ndarray, np.ndarray]:
    """(km, minutes) matrices between every pair of points, as float32 arrays of shape (n, n)."""
    lat = np.asarray(latitudes, dtype=np.float64)
    lon = np.asarray(longitudes, dtype=np.float64)
    km = distance_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    return km.astype(np.float32), minutes_for_km(km).astype(np.float32)


def km_for_minutes(minutes: float) -> float:
    """The largest straight-line distance (km) whose estimated trip fits in ``minutes``.

    The inverse of ``minutes_for_km`` (0 when even a trip within one commune takes longer).
    """
    budget = (float(minutes) - ACCESS_MINUTES) / 60.0
    if budget <= 0:
        return 0.0
    local_hours = LOCAL_KM / LOCAL_SPEED_KMH
    if budget <= local_hours:
        network_km = budget * LOCAL_SPEED_KMH
    else:
        network_km = LOCAL_KM + (budget - local_hours) * RAIL_SPEED_KMH
    km = network_km / DETOUR
    return km if km >= SAME_COMMUNE_KM else 0.0
