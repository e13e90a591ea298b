"""Where a bubble chart's labels go: plotly places each label at one of eight spots around its bubble and never
moves labels apart, so cj chooses each label's spot from the sizes Chromium draws them at (``cj.charts.fig_themes``).
"""
from __future__ import annotations

import numpy as np

LABEL_PLACES = ("top center", "bottom center", "middle right", "middle left", "top right", "top left",
                "bottom right", "bottom left")
LABEL_WIDTH, LABEL_HEIGHT, CHAR_WIDTH, PLOT_WIDTH, PLOT_HEIGHT = 6.0, 18.0, 5.4, 250.0, 323.0


def room_for_labels(x: np.ndarray, labels: list[str]) -> list[float]:
    """The x range (log10) around the bubbles wide enough that each label, centred on its bubble, stays inside."""
    half = np.array([(CHAR_WIDTH * len(t) + LABEL_WIDTH) / 2 + 2 for t in labels]) / PLOT_WIDTH
    low, high = float(x.min()) - 0.2, float(x.max()) + 0.2
    for _ in range(10):  # the margins depend on the span they widen: a few rounds settle them
        span = high - low
        low, high = min(low, float((x - half * span).min())), max(high, float((x + half * span).max()))
    return [low, high]


def label_positions(x: np.ndarray, y: np.ndarray, bubble: np.ndarray, labels: list[str], x_range: list[float],
                    y_range: list[float], width: float = PLOT_WIDTH, height: float = PLOT_HEIGHT) -> list[str]:
    """Where each bubble's label goes (plotly's textposition): of the places that stay in the plot, the one covering
    the least of the other labels (then, if it can, no other bubble); largest bubble first, then every label again
    given where the others went, until none moves. Sizes in pixels are estimates for the chart in half
    a 1400-pixel page (plot area ``width`` × ``height``, 5.4 pixels a character, as Chromium draws them; the browser
    test checks the labels drawn there); a wider page only moves the bubbles further apart."""
    px = (x - x_range[0]) / (x_range[1] - x_range[0]) * width
    py = (y - y_range[0]) / (y_range[1] - y_range[0]) * height
    radius = bubble / 2 + 4  # plotly leaves 3–5 pixels between a bubble and its label; labels get 1 more all round
    bubbles = [(px[i] - radius[i], py[i] - radius[i], px[i] + radius[i], py[i] + radius[i]) for i in range(len(px))]

    def overlap(box: tuple, others: list[tuple]) -> float:
        return sum(max(0.0, min(box[2], o[2]) - max(box[0], o[0])) * max(0.0, min(box[3], o[3]) - max(box[1], o[1]))
                   for o in others)

    def places(i: int) -> dict[str, tuple]:
        w, h, r = CHAR_WIDTH * len(labels[i]) + LABEL_WIDTH, LABEL_HEIGHT, radius[i]
        boxes = {}
        for place in LABEL_PLACES:
            vertical, horizontal = place.split()
            left = {"center": px[i] - w / 2, "right": px[i] + r, "left": px[i] - w - r}[horizontal]  # as plotly does
            bottom = {"top": py[i] + r, "bottom": py[i] - r - h, "middle": py[i] - h / 2}[vertical]
            box = (left, bottom, left + w, bottom + h)
            if box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height:
                boxes[place] = box
        return boxes or {"top center": (px[i] - w / 2, py[i] + r, px[i] + w / 2, py[i] + r + h)}

    options = [places(i) for i in range(len(px))]
    chosen: dict[int, str] = {}
    for _ in range(6):  # largest bubble first; then each label again, given where the others went, until none moves
        moved = False
        for i in np.argsort(-bubble, kind="stable"):
            labels_now = [options[j][chosen[j]] for j in chosen if j != i]
            others = bubbles[:i] + bubbles[i + 1:]
            # clear of the other labels, and of the other bubbles if it can be (they are see-through); else the place
            # that covers the least of the labels
            best = min(options[i], key=lambda p: (overlap(options[i][p], labels_now), overlap(options[i][p], others) > 0))
            moved |= chosen.get(i) != best
            chosen[i] = best
        if not moved:
            break
    return [chosen[i] for i in range(len(px))]
