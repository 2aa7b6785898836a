"""One line of timing figures, as every benchmark here prints them."""

import statistics


def summary(label: str, timings: list[float], *, width: int, decimals: int) -> str:
    """ "label  n=…  median … ms  p95 … ms  min … ms" for timings in milliseconds."""
    ordered = sorted(timings)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (
        f"{label:<{width}} n={len(ordered):>4}  median {statistics.median(ordered):8.{decimals}f} ms"
        f"  p95 {p95:8.{decimals}f} ms  min {ordered[0]:8.{decimals}f} ms"
    )
