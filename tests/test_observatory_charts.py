"""The server-side SVG charts: named and described for screen readers, values written as
text, series told apart by pattern and shape (not colour alone), texts escaped, and the
communes' tiles placed like on a map without overlapping."""

import re

from observatory import charts, charts_map
from referentiel.models import Commune


def test_every_chart_has_a_title_a_description_and_its_values():
    bars = [charts.Bar("Santé", 12, "12"), charts.Bar("Logistique", None, "moins de 10")]
    svg = charts.hbars("c1", "Offres par domaine", "Santé en tête avec 12 offres.", bars)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Offres par domaine</title>' in svg
    assert '<desc id="c1-desc">Santé en tête avec 12 offres.</desc>' in svg
    assert ">12</text>" in svg and ">moins de 10</text>" in svg
    assert 'fill="url(#c1-hidden)"' in svg  # a hidden value is hatched, not just pale


def test_series_differ_by_pattern_and_marker_not_only_colour():
    series = [charts.Series(name, [1, 2, 3]) for name in ("A", "B", "C")]
    columns = charts.columns("c2", "T", "D", ["janv.", "févr.", "mars"], series)
    for i, kind in enumerate(("c2-p0", "c2-p1", "c2-p2")):
        assert f'fill="url(#{kind})"' in columns, i
    assert "<circle" in columns and "patternTransform" in columns  # dots and hatches
    lines = charts.lines("c3", "T", "D", ["janv.", "févr.", "mars"], series)
    assert 'stroke-dasharray="7 4"' in lines and 'stroke-dasharray="2 3"' in lines
    assert "<rect" in lines and "<polygon" in lines and "<circle" in lines  # three markers


def test_texts_are_escaped():
    svg = charts.hbars("c4", "<script>", "a & b", [charts.Bar("<b>x</b>", 1, "1")])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;x" in svg


def test_count_axes_have_whole_steps():
    assert charts.scale(5) == (6, 2)
    assert charts.scale(2) == (2, 1)
    assert charts.scale(1234) == (1500, 500)
    svg = charts.columns("c5", "T", "D", ["a"], [charts.Series("A", [5])])
    labels = re.findall(r'text-anchor="end" font-size="11" fill="#4a4a55">([^<]+)<', svg)
    assert labels == ["0", "2", "4", "6"]


def test_the_map_places_each_commune_once_like_on_a_map(db):
    communes = list(Commune.objects.filter(in_territory=True))
    assert len(communes) == 24
    places = tuple(sorted((c.code_insee, c.latitude, c.longitude) for c in communes))
    cells = charts_map.layout(places)
    assert len(set(cells.values())) == 24  # no two communes on one tile
    by_name = {c.name: cells[c.code_insee] for c in communes}
    assert by_name["Ivry-sur-Seine"][1] < by_name["Orly"][1] < by_name["Viry-Châtillon"][1]
    assert by_name["Fresnes"][0] < by_name["Valenton"][0]  # west of east
    tiles = [
        charts.Tile(c.code_insee, c.name, c.latitude, c.longitude, i, str(i))
        for i, c in enumerate(communes)
    ]
    svg = charts_map.tile_map("c6", "Carte", "Description", tiles, unit="offres")
    assert svg.count("<rect x=") >= 24 and "Villeneuve-" in svg and "Saint-Georges" in svg
    assert ">23</text>" in svg


def test_map_classes():
    assert charts_map.classes([0, 1, 2, 3, 4, 5, 6, 7, 8]) == [2, 4, 6, 8]
    assert charts_map.classes([0, 0]) == []
    assert charts_map.classes([5, 5, 5]) == [5]
