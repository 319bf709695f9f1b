"""Small inline SVG charts for the corpus report: horizontal bars (rankings) and columns (counts over time).
Plain strings, no plotting library, no script: the page stays one self-contained file."""

from __future__ import annotations

import html
import math

FONT = 'font-family="-apple-system, Segoe UI, Roboto, Arial, sans-serif" font-size="12"'


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def short_number(value: float) -> str:
    """1234 → 1.2k, 4_200_000_000 → 4.2bn: axis and bar labels."""
    for limit, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:.3g}" if isinstance(value, float) and not value.is_integer() else f"{int(value)}"


def bars(items: list[tuple[str, float]], *, title: str, width: int = 560, color: str = "#4c78a8",
         label_width: int = 200) -> str:
    """One horizontal bar per (label, value), largest first as given, value written at the bar's end."""
    if not items:
        return f'<p class="note">{_e(title)}: nothing to show.</p>'
    row = 22
    height = row * len(items) + 8
    top = max(value for _, value in items) or 1
    room = width - label_width - 60
    parts = [f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'xmlns="http://www.w3.org/2000/svg" {FONT}><title>{_e(title)}</title>']
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        length = max(1.0, room * value / top)
        fits = label_width // 7  # characters of a 12px sans-serif label that fit beside the bars
        shown = label if len(label) <= fits else label[:fits - 1] + "…"
        parts.append(f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end"><title>{_e(label)}</title>'
                     f'{_e(shown)}</text>'
                     f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 6}" fill="{color}"/>'
                     f'<text x="{label_width + length + 4:.1f}" y="{y + 15}" fill="#59636e">'
                     f'{_e(short_number(value))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def columns(items: list[tuple[str, float]], *, title: str, width: int = 720, height: int = 180,
            color: str = "#4c78a8") -> str:
    """One column per (label, value) in the order given (time), a y axis from zero, the first and last labels
    (and a few between) on the x axis."""
    if not items:
        return f'<p class="note">{_e(title)}: nothing to show.</p>'
    left, bottom, top_pad = 48, 34, 10
    plot_w, plot_h = width - left - 8, height - bottom - top_pad
    top = max(value for _, value in items) or 1
    step = plot_w / len(items)
    parts = [f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'xmlns="http://www.w3.org/2000/svg" {FONT}><title>{_e(title)}</title>',
             f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - 8}" y2="{top_pad + plot_h}" stroke="#8c959f"/>']
    for fraction in (0.5, 1.0):
        y = top_pad + plot_h * (1 - fraction)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" stroke="#eaeef2"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#59636e">'
                     f'{_e(short_number(top * fraction))}</text>')
    every = max(1, math.ceil(len(items) / 8))
    for i, (label, value) in enumerate(items):
        h = plot_h * value / top
        x = left + i * step
        parts.append(f'<rect x="{x + step * 0.1:.1f}" y="{top_pad + plot_h - h:.1f}" '
                     f'width="{max(1.0, step * 0.8):.1f}" height="{h:.1f}" fill="{color}">'
                     f'<title>{_e(label)}: {_e(short_number(value))}</title></rect>')
        last = i == len(items) - 1
        if (i % every == 0 and not (len(items) > 1 and i > len(items) - 1 - every)) or last:
            # the last label always, ending at the right edge; others only where they cannot run into it
            anchor, at = ("end", x + step) if last and len(items) > 1 else ("middle", x + step / 2)
            parts.append(f'<text x="{at:.1f}" y="{height - bottom + 16}" text-anchor="{anchor}" '
                         f'fill="#59636e">{_e(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
