"""Health: the network health report as server-drawn SVG charts."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from kith.web import charts
from kith.web.deps import kith_of, views_of

router = APIRouter()
NAV = [("Health", "/health")]


@router.get("/health", include_in_schema=False)
def health(request: Request) -> Response:
    report = kith_of(request).health()
    return views_of(request).page(
        request, "health.html", report=report,
        trend=charts.trend_chart(report.breadth.trend),
        circles=charts.circle_bars(report.circles),
        balance=charts.balance_bars(report.balance),
        rhythm=charts.rhythm_chart(report.rhythm.months),
    )  # fmt: skip
