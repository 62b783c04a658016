from __future__ import annotations

import re

import pytest

from lindung.reports.charts import bar_chart_svg, count_ticks


@pytest.mark.parametrize(
    ("largest", "ticks"),
    [
        (0, [0, 1]),
        (2, [0, 1, 2]),
        (5, [0, 1, 2, 3, 4, 5]),
        (7, [0, 2, 4, 6, 8]),
        (37, [0, 10, 20, 30, 40]),
        (83_216, [0, 20_000, 40_000, 60_000, 80_000, 100_000]),
    ],
)
def test_ticks_are_whole_numbers_at_a_nice_step(largest: int, ticks: list[int]) -> None:
    assert count_ticks(largest) == ticks


def texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_svg_is_labelled_and_escapes_labels() -> None:
    svg = bar_chart_svg([("<b>Jawa & Bali</b>", 3)], "Jumlah", 'Grafik "A"')
    assert svg.startswith('<svg role="img" aria-label="Grafik &quot;A&quot;" ')
    assert "<b>" not in svg
    assert "&lt;b&gt;Jawa &amp; Bali&lt;/b&gt;" in svg
    assert "<script" not in svg


def test_axis_numbers_follow_the_language() -> None:
    rows = [("Taiwan", 83_216)]
    assert "80.000" in texts(bar_chart_svg(rows, "Jumlah", "x", "id"))
    assert "80,000" in texts(bar_chart_svg(rows, "Workers", "x", "en"))
