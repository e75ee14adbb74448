"""Charts drawn on the server as inline SVG: the geometry is worked out here, the markup is in
templates/admin/comments/comment/stats/ (no chart library, no JavaScript).

Every chart is WIDTH units wide and scales to its box (viewBox, width 100%); coordinates are
strings already, so the template's number localization (a decimal comma) never reaches them.
"""

import math
from dataclasses import dataclass, field

from django.utils.text import Truncator

WIDTH = 400
X_TICK_EVERY = 7  # one date a week under the line charts
LABEL_CHARS = 54  # what fits on a bar's label line, letters 13 units high


def coordinate(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class Tick:
    at: str  # x or y of the tick
    label: str


@dataclass(frozen=True)
class Table:
    """The numbers behind a chart, for the <details> that goes with it."""

    head: list[str]
    rows: list[list[str]]
    text_columns: int = 1  # the first columns hold words, the others numbers (right-aligned)


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    label: str  # what the point says when hovered ("05/12: Nhận được 4")


@dataclass
class Series:
    key: str  # the CSS class suffix: stats-<key>
    name: str
    path: str = ""
    points: list[Point] = field(default_factory=list)


@dataclass
class LineChart:
    key: str  # the ids' prefix
    title: str
    desc: str
    x_label: str
    y_label: str
    series: list[Series]
    table: Table
    empty: bool
    height: int = 236
    width: int = WIDTH
    left: int = 42
    right: int = WIDTH - 20  # room for the last date, centred under its point
    top: int = 30
    bottom: int = 192
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)

    @property
    def middle(self):
        return (self.left + self.right) // 2

    @property
    def x_label_y(self):
        return self.height - 4

    @property
    def x_tick_y(self):
        return self.bottom + 16

    @property
    def y_tick_x(self):
        return self.left - 5


@dataclass(frozen=True)
class Bar:
    key: str
    label: str  # shortened to fit its line
    full_label: str
    value: str
    label_y: str
    bar_y: str
    width: str
    value_x: str
    value_y: str


@dataclass
class BarChart:
    """Horizontal bars, one a row, each with its label on the line above it."""

    key: str
    title: str
    desc: str
    x_label: str
    bars: list[Bar]
    table: Table
    empty: bool
    height: int = 0
    width: int = WIDTH
    left: int = 8
    top: int = 8
    bar_height: int = 12
    x_ticks: list[Tick] = field(default_factory=list)
    middle: int = WIDTH // 2
    grid_bottom: int = 0
    x_tick_y: int = 0
    x_label_y: int = 0


def nice_ticks(maximum: float, *, whole=True, intervals=4) -> list[float]:
    """0 and round steps (1, 2 or 5 times a power of ten) up to at least `maximum`."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / intervals
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(1, round(step))
    steps = math.ceil(maximum / step - 1e-9)
    return [round(step * i, 10) for i in range(steps + 1)]


def line_chart(
    *, key, title, desc, x_label, y_label, labels, series, table, tick_label, point_label=None
) -> LineChart:
    """Lines over evenly spaced `labels` (days); `series` is [(key, name, values)], a value of
    None leaves a gap. `tick_label(value)` writes a y tick, `point_label(value)` a point's
    value (the tick's way by default); one x label a week, ending on the last."""
    point_label = point_label or tick_label
    values = [v for _key, _name, vs in series for v in vs if v is not None]
    chart = LineChart(
        key=key,
        title=title,
        desc=desc,
        x_label=x_label,
        y_label=y_label,
        series=[Series(k, name) for k, name, _values in series],
        table=table,
        empty=not any(values),
    )
    if chart.empty:
        return chart
    ticks = nice_ticks(max(values), whole=all(float(v).is_integer() for v in values))
    top_value = ticks[-1]
    plot_width, plot_height = chart.right - chart.left, chart.bottom - chart.top
    step = plot_width / max(len(labels) - 1, 1)

    def y_of(value):
        return chart.bottom - value / top_value * plot_height

    chart.y_ticks = [Tick(coordinate(y_of(t)), tick_label(t)) for t in ticks]
    last = len(labels) - 1
    chart.x_ticks = [
        Tick(coordinate(chart.left + i * step), labels[i])
        for i in range(len(labels))
        if (last - i) % X_TICK_EVERY == 0
    ]
    for drawn, (_key, name, vs) in zip(chart.series, series, strict=True):
        moves, pen_down = [], False
        for i, value in enumerate(vs):
            if value is None:
                pen_down = False
                continue
            x, y = coordinate(chart.left + i * step), coordinate(y_of(value))
            moves.append(f"{'L' if pen_down else 'M'}{x} {y}")
            pen_down = True
            drawn.points.append(Point(x, y, f"{labels[i]}: {name} {point_label(value)}"))
        drawn.path = " ".join(moves)
    return chart


def bar_chart(*, key, title, desc, x_label, rows, table, value_label=str) -> BarChart:
    """Horizontal bars from `rows`, [(key, label, value)], drawn in the order given."""
    chart = BarChart(
        key=key,
        title=title,
        desc=desc,
        x_label=x_label,
        bars=[],
        table=table,
        empty=not any(value for _key, _label, value in rows),
    )
    if chart.empty:
        return chart
    row_height, value_room = 34, 52
    ticks = nice_ticks(max(value for _key, _label, value in rows))
    span = WIDTH - chart.left - value_room
    for i, (bar_key, label, value) in enumerate(rows):
        y = chart.top + i * row_height
        width = value / ticks[-1] * span
        chart.bars.append(
            Bar(
                key=bar_key,
                label=Truncator(label).chars(LABEL_CHARS),
                full_label=label,
                value=value_label(value),
                label_y=coordinate(y + 12),
                bar_y=coordinate(y + 17),
                width=coordinate(width),
                value_x=coordinate(chart.left + width + 5),
                value_y=coordinate(y + 27.5),
            )
        )
    chart.grid_bottom = chart.top + len(rows) * row_height
    chart.x_ticks = [
        Tick(coordinate(chart.left + t / ticks[-1] * span), value_label(t)) for t in ticks
    ]
    chart.x_tick_y = chart.grid_bottom + 14
    chart.x_label_y = chart.grid_bottom + 32
    chart.height = chart.grid_bottom + 38
    return chart


@dataclass(frozen=True)
class Segment:
    key: str
    x: str
    width: str


def stacked(parts, maximum) -> list[Segment]:
    """One bar of `parts`, [(key, value)], end to end on a 0–100 scale where 100 is `maximum`."""
    segments, x = [], 0.0
    for key, value in parts:
        width = value / maximum * 100 if maximum else 0
        if width:
            segments.append(Segment(key, coordinate(x), coordinate(width)))
        x += width
    return segments
