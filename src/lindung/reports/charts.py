"""Charts rendered on the server: an Altair (Vega-Lite) spec turned into inline SVG.

vl-convert runs Vega in-process, so pages need no JavaScript and nothing is
fetched from the network. The SVG gets ``role="img"`` and an accessible label;
pages show the same figures in a table next to it.

Vega lays labels out with the server's font metrics and the browser draws them
with its own fonts, so the charts ask for Arial, which every platform has or
maps to the metric-compatible Liberation Sans: what was measured is what is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

import altair as alt
import vl_convert

BAR_COLOUR = "#1d5b8f"
#: d3-format locales: Indonesian groups thousands with '.', English with ','.
NUMBER_LOCALES: dict[str, dict[str, object]] = {
    "id": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp", ""]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
}
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
NICE_STEPS = (1, 2, 5)
#: Room around the plot, so that a label drawn a little wider than measured still shows.
PADDING = {"left": 12, "right": 12, "top": 6, "bottom": 8}


def count_ticks(largest: int, most: int = 6) -> list[int]:
    """Whole-number ticks from 0 past ``largest``, at a 1-2-5 step, at most ``most`` of them."""
    magnitude = 1
    while True:
        for base in NICE_STEPS:
            step = base * magnitude
            top = max(step, math.ceil(largest / step) * step)
            if top // step + 1 <= most:
                return list(range(0, top + 1, step))
        magnitude *= 10


def bar_chart_spec(rows: Sequence[tuple[str, int]], value_title: str) -> dict[str, object]:
    """A horizontal bar chart of (label, value) pairs, largest first, as a Vega-Lite dict."""
    data = [{"label": label, "value": value} for label, value in rows]
    ticks = count_ticks(max((value for _, value in rows), default=0))
    chart = (
        alt.Chart(alt.InlineData(values=data))
        .mark_bar(color=BAR_COLOUR)
        .encode(
            x=alt.X(
                "value:Q",
                title=value_title,
                scale=alt.Scale(domain=[0, ticks[-1]], nice=False),
                axis=alt.Axis(values=ticks, format=",d"),
            ),
            y=alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
        )
        .properties(width=420, height=alt.Step(22), padding=PADDING)
        .configure_view(stroke=None)
        .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=12)
    )
    spec: dict[str, object] = chart.to_dict()
    return spec


def bar_chart_svg(
    rows: Sequence[tuple[str, int]], value_title: str, label: str, lang: str = "id"
) -> str:
    """The bar chart as SVG markup, labelled for screen readers with ``label``.

    Numbers on the axis are grouped the ``lang`` way (1.234 or 1,234).
    """
    spec = bar_chart_spec(rows, value_title)
    locale = NUMBER_LOCALES.get(lang, NUMBER_LOCALES["id"])
    svg = vl_convert.vegalite_to_svg(spec, format_locale=locale)
    attributes = f'role="img" aria-label="{escape(label, quote=True)}" focusable="false" '
    return svg.replace("<svg ", "<svg " + attributes, 1)
