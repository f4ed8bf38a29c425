"""Building the KPI engine's input frames by hand in tests (shared by the engine, funnel and money tests)."""

from __future__ import annotations

import pandas as pd

from smmkpi import kpi


def frame(columns: list[str], rows: list[tuple]) -> pd.DataFrame:
    """A frame with the engine's dtypes; date-like strings become days."""
    out = kpi._frame(columns)
    if not rows:
        return out
    data = pd.DataFrame(rows, columns=columns)
    for column in columns:
        if out[column].dtype.kind == "M":
            data[column] = pd.to_datetime(data[column]).astype("datetime64[ns]")
        elif out[column].dtype == "float64":
            data[column] = data[column].astype("float64")
        elif out[column].dtype == "object":
            data[column] = data[column].astype(object)
    return data
