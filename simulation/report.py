"""The table printed at the end of the week."""

from __future__ import annotations

from .invariants import Result

MAX_DETAILS = 6


def table(results: list[Result]) -> str:
    width = max(len(result.name) for result in results)
    lines = [f"{'invariant':<{width}}  {'checked':>7}  {'failed':>6}  verdict", "-" * (width + 28)]
    for result in results:
        verdict = "skipped" if result.skipped else ("ok" if result.ok else "FAIL")
        lines.append(f"{result.name:<{width}}  {result.checked:>7}  {len(result.failures):>6}  {verdict}")
        if result.skipped:
            lines.append(f"    ({result.skipped})")
        for failure in result.failures[:MAX_DETAILS]:
            lines.append(f"    - {failure}")
        if len(result.failures) > MAX_DETAILS:
            lines.append(f"    … and {len(result.failures) - MAX_DETAILS} more")
    return "\n".join(lines)
