"""The commute estimate between communes: honest, simple, and vectorised."""

import numpy as np

from referentiel.commute import ACCESS_MINUTES, estimate, matrix
from referentiel.models import Commune


def between(a, b):
    first, second = Commune.objects.get(name=a), Commune.objects.get(name=b)
    return estimate(first.latitude, first.longitude, second.latitude, second.longitude)


def test_neighbouring_communes_are_about_half_an_hour_apart(db):
    km, minutes = between("Orly", "Rungis")
    assert 2 < km < 5
    assert 25 <= minutes <= 35


def test_farther_is_longer_and_symmetric(db):
    near = between("Vitry-sur-Seine", "Ivry-sur-Seine")[1]
    far = between("Viry-Châtillon", "Ivry-sur-Seine")[1]
    assert near < far
    assert between("Orly", "Villejuif") == between("Villejuif", "Orly")


def test_within_a_commune_still_takes_time(db):
    km, minutes = between("Orly", "Orly")
    assert km == 0
    assert minutes > ACCESS_MINUTES


def test_matrix_agrees_with_the_pairwise_estimate(db):
    communes = list(Commune.objects.filter(in_territory=True).order_by("code_insee"))
    km, minutes = matrix([c.latitude for c in communes], [c.longitude for c in communes])
    assert km.shape == minutes.shape == (24, 24)
    i, j = 3, 17
    expected = estimate(
        communes[i].latitude, communes[i].longitude, communes[j].latitude, communes[j].longitude
    )
    assert abs(float(km[i, j]) - expected[0]) < 0.1
    assert abs(float(minutes[i, j]) - expected[1]) <= 1
    assert np.allclose(minutes, minutes.T)
