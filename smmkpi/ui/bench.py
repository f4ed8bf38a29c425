"""Benchmark of the pages (``python -m smmkpi bench-pages``): each page through AppTest, timed."""

from __future__ import annotations

import pathlib
import statistics
from collections.abc import Callable

import streamlit as st

__all__ = ["bench_pages"]


def bench_pages(*, workspace: str, pages: tuple[str, ...] | None = None, periods: tuple[str, ...] | None = None,
                repeat: int = 3, root: pathlib.Path | None = None, echo: Callable[[str], None] = print) -> list[dict]:  # fmt: skip
    """Run each page through AppTest on ``workspace`` (SMMKPI_DATABASE_URL must point at it) and time it.

    For every page and period: ``cold`` (caches cleared: the first visitor after an import), ``warm`` (the
    same page again), ``widget`` (a widget changed: the common interaction). Medians over ``repeat`` runs.
    """
    from streamlit.testing.v1 import AppTest

    from smmkpi.scale import BENCH_PAGES, BENCH_PERIODS, BENCH_WIDGETS, _change, _timed

    pages, periods = pages or BENCH_PAGES, periods or BENCH_PERIODS
    root = root or pathlib.Path(__file__).resolve().parents[2]
    results = []
    for page in pages:
        path = str(root / "pages" / f"{page}.py")
        for period in periods:
            cold, warm, widget = [], [], []
            for _ in range(repeat):
                st.cache_data.clear()
                st.cache_resource.clear()
                at = AppTest.from_file(path, default_timeout=600)
                at.query_params["workspace"] = workspace
                at.query_params["lang"] = "ru"
                at.session_state[f"{page}_period"] = period
                cold.append(_timed(at.run))
                if at.exception:
                    raise RuntimeError(f"{page}: {[e.value for e in at.exception]}")
                warm.append(_timed(at.run))
                key, kind, value = BENCH_WIDGETS[page]
                widget.append(_timed(_change(getattr(at, kind)(key=key), kind, value)))
            row = {"page": page, "period": period, "cold": statistics.median(cold), "warm": statistics.median(warm),
                   "widget": statistics.median(widget)}  # fmt: skip
            results.append(row)
            echo(f"{page:<14} {period:<15} cold {row['cold'] * 1000:>7.0f} ms   warm {row['warm'] * 1000:>6.0f} ms   "
                 f"after a widget change {row['widget'] * 1000:>6.0f} ms")  # fmt: skip
    return results
