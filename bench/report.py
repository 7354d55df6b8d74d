"""Turn wrk's numbers into results.json, the table and the issue's targets."""

from __future__ import annotations

QUERY_BUDGET = 12
STATUS_CHANGE_MAX_BYTES = 3 * 1024
PLAN_50_MAX_BYTES = 60 * 1024
FIRST_VISIT_MAX_BYTES = 100 * 1024
MIN_RATIO_AT_8 = 0.5
STATUS_P99_MAX_MS = 50


def metrics(run: dict) -> dict:
    seconds = run["duration_us"] / 1e6
    socket_errors = run["errors_connect"] + run["errors_read"] + run["errors_write"] + run["errors_timeout"]
    return {
        "requests": run["requests"],
        "rps": round(run["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(run["p50_us"] / 1000, 1),
        "p95_ms": round(run["p95_us"] / 1000, 1),
        "p99_ms": round(run["p99_us"] / 1000, 1),
        # wrk counts any status of 400 or more; 2xx and 3xx are successes.
        "errors": socket_errors + run["errors_status"],
        "errors_status": run["errors_status"],
        "errors_socket": socket_errors,
        "wire_bytes_per_request": round(run["bytes"] / run["requests"]) if run["requests"] else 0,
        # Server CPU per answered request: unlike req/s, barely moved by other work on the machine.
        "server_cpu_ms": (
            round(run["server_cpu_s"] * 1000 / run["requests"], 1)
            if run.get("server_cpu_s") is not None and run["requests"]
            else None
        ),
    }


def summary(run: dict) -> str:
    m = metrics(run)
    return f"{m['rps']:8.1f} req/s  p50 {m['p50_ms']:6.1f}  p99 {m['p99_ms']:6.1f} ms  errors {m['errors']}"


def build(
    *, date, cores, workers, database, users, duration, endpoints, runs, bare_runs, load_average, in_process, static
) -> dict:
    """Every endpoint at every concurrency; its ratio is to the bare-view run just before it."""
    rows = []
    for ep in endpoints:
        if ep.key == "bare":
            continue
        measured = {}
        for c, run in runs[ep.key].items():
            m = metrics(run)
            paired = metrics(bare_runs[ep.key][c])
            m["bare_rps"] = paired["rps"]
            m["ratio_to_bare"] = round(m["rps"] / paired["rps"], 2) if paired["rps"] else None
            measured[str(c)] = m
        rows.append(_row_entry(ep, in_process, measured))
    # The bare view's own row: the median of its runs at each concurrency.
    bare_ep = next(ep for ep in endpoints if ep.key == "bare")
    bare_measured = {}
    for c in sorted({c for by_c in bare_runs.values() for c in by_c}):
        ms = sorted((metrics(by_c[c]) for by_c in bare_runs.values() if c in by_c), key=lambda m: m["rps"])
        median = ms[len(ms) // 2]
        bare_measured[str(c)] = {**median, "bare_rps": median["rps"], "ratio_to_bare": 1.0, "runs": len(ms)}
    rows.insert(0, _row_entry(bare_ep, in_process, bare_measured))
    results = {
        "date": date,
        "cores": cores,
        "gunicorn_workers": workers,
        "database": database,
        "users": users,
        "seconds_per_measurement": duration,
        # 1, 5 and 15 minute load averages before and after the runs: other work on the machine.
        "load_average": {"before": load_average[:3], "after": load_average[3:]},
        "endpoints": rows,
        "plan_page_medium": in_process["plan_medium"],
        "static": static,
    }
    results["targets"] = targets(results)
    return results


def _row_entry(ep, in_process: dict, measured: dict) -> dict:
    return {
        "key": ep.key,
        "label": ep.label,
        "example": f"{ep.requests[0].method} {ep.requests[0].path}",
        "page": ep.page,
        **in_process["endpoints"][ep.key],
        "by_concurrency": measured,
    }


def _row(results: dict, key: str) -> dict:
    return next(r for r in results["endpoints"] if r["key"] == key)


def targets(results: dict) -> list[dict]:
    plan, big, status = _row(results, "plan"), _row(results, "plan_big"), _row(results, "course_status")
    pages = [r for r in results["endpoints"] if r["page"]]
    heaviest = max(pages, key=lambda r: r["queries"])
    errors_32 = {r["label"]: r["by_concurrency"]["32"]["errors"] for r in results["endpoints"]}
    medium = results["plan_page_medium"]
    static = results["static"]
    first_visit = static["first_visit_all_pages_bytes"]

    def target(text: str, met: bool, value: str) -> dict:
        return {"target": text, "met": bool(met), "value": value}

    def ratio(row: dict) -> float:
        return row["by_concurrency"]["8"]["ratio_to_bare"] or 0.0

    bare_cpu = _row(results, "bare")["by_concurrency"]["8"].get("server_cpu_ms")

    def ratio_text(row: dict) -> str:
        # Server CPU per request gives the same ratio as a dedicated, CPU-bound machine would.
        cpu = row["by_concurrency"]["8"].get("server_cpu_ms")
        by_cpu = f" (by server CPU per request: {bare_cpu / cpu:.2f}x)" if bare_cpu and cpu else ""
        return f"{ratio(row):.2f}x{by_cpu}"

    return [
        target(
            "Plan page ≥ 0.5 x bare view's throughput at 8 clients",
            ratio(plan) >= MIN_RATIO_AT_8,
            ratio_text(plan),
        ),
        target(
            "Status change ≥ 0.5 x bare view's throughput at 8 clients",
            ratio(status) >= MIN_RATIO_AT_8,
            ratio_text(status),
        ),
        target(
            "Status change p99 < 50 ms at 8 clients",
            status["by_concurrency"]["8"]["p99_ms"] < STATUS_P99_MAX_MS,
            f"{status['by_concurrency']['8']['p99_ms']:.1f} ms",
        ),
        target(
            "Zero errors at 32 clients",
            not any(errors_32.values()),
            ", ".join(f"{k}: {v}" for k, v in errors_32.items() if v) or "0",
        ),
        target(
            "Plan page queries the same at typical size and 500 items",
            plan["queries"] == big["queries"],
            f"{plan['queries']} and {big['queries']}",
        ),
        target(
            f"No page over {QUERY_BUDGET} queries",
            heaviest["queries"] <= QUERY_BUDGET,
            f"max {heaviest['queries']} ({heaviest['label']})",
        ),
        target(
            "HTMX status-change response < 3 KB",
            status["bytes"] < STATUS_CHANGE_MAX_BYTES,
            f"{status['bytes']:,} bytes",
        ),
        target(
            f"Plan page with {medium['items']} items < 60 KB of HTML",
            medium["bytes"] < PLAN_50_MAX_BYTES,
            f"{medium['bytes'] / 1024:.1f} KB",
        ),
        target("Static file names hashed", static["all_hashed"], f"{len(static['assets'])} CSS/JS files"),
        target("Static served with gzip and brotli", static["all_gzip_and_brotli"], "br + gzip"),
        target(
            "Static far-future Cache-Control (1 year+, immutable)",
            static["all_far_future"],
            static["assets"][0]["cache_control"] if static["assets"] else "-",
        ),
        target(
            "First visit CSS+JS, compressed, < 100 KB",
            first_visit < FIRST_VISIT_MAX_BYTES,
            f"{first_visit / 1024:.1f} KB (home + plan page)",
        ),
    ]


def _ratio(m: dict) -> str:
    return "n/a" if m.get("ratio_to_bare") is None else f"{m['ratio_to_bare']:.2f}"


def _cpu(m: dict) -> str:
    return "n/a" if m.get("server_cpu_ms") is None else f"{m['server_cpu_ms']:.1f}"


def _size(n: int | None) -> str:
    return f"{n:,}" if n else "not served"


def render(results: dict) -> str:
    """The table (Markdown, so it pastes into the README) and the targets."""
    db = results["database"]
    lines = [
        f"{results['date'][:10]} · {results['cores']} cores · gunicorn {results['gunicorn_workers']} sync workers · "
        f"{db['vendor']} {db['version']} · {results['users']} users · {results['seconds_per_measurement']} s per run · "
        f"load average {results['load_average']['before'][0]} before, {results['load_average']['after'][0]} after",
        "",
        "| endpoint | queries | bytes | clients | req/s | x bare | p50 ms | p95 ms | p99 ms | errors | server CPU ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in results["endpoints"]:
        for c, m in row["by_concurrency"].items():
            # wrk has no latency for a run in which no request finished.
            latency = (
                f"{m['p50_ms']:.1f} | {m['p95_ms']:.1f} | {m['p99_ms']:.1f}" if m["requests"] else "n/a | n/a | n/a"
            )
            lines.append(
                f"| {row['label']} | {row['queries']} | {row['bytes']:,} | {c} | {m['rps']:,.1f} | "
                f"{_ratio(m)} | {latency} | {m['errors']} | {_cpu(m)} |"
            )
    static = results["static"]
    lines += ["", "| static file | bytes | gzip | brotli |", "| --- | ---: | ---: | ---: |"]
    for asset in static["assets"]:
        lines.append(
            f"| `{asset['path'].rsplit('/', 1)[-1]}` | {asset['bytes']:,} | {_size(asset['gzip_bytes'])} | "
            f"{_size(asset['brotli_bytes'])} |"
        )
    lines += ["", "| target | result | met |", "| --- | --- | --- |"]
    for t in results["targets"]:
        lines.append(f"| {t['target']} | {t['value']} | {'yes' if t['met'] else '**no**'} |")
    return "\n".join(lines)


def render_compact(results: dict) -> str:
    """One row per endpoint, for the README: `python -m bench.report bench/results.json`."""
    db = results["database"]
    lines = [
        f"{db['vendor']} {db['version']}, {results['date'][:10]}, {results['cores']} cores, "
        f"{results['gunicorn_workers']} gunicorn workers, load average {results['load_average']['before'][0]} "
        f"before and {results['load_average']['after'][0]} after the run",
        "",
        "| endpoint | queries | bytes | server CPU ms | req/s at 1 / 8 / 32 clients | x bare at 8 "
        "| p50 / p99 ms at 8 | errors at 32 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in results["endpoints"]:
        by_c = row["by_concurrency"]
        at8 = by_c["8"]
        latency = f"{at8['p50_ms']:,.0f} / {at8['p99_ms']:,.0f}" if at8["requests"] else "n/a"
        rates = " / ".join(f"{by_c[c]['rps']:,.1f}" for c in ("1", "8", "32"))
        lines.append(
            f"| {row['label']} | {row['queries']} | {row['bytes']:,} | {_cpu(by_c['1'])} | {rates} | "
            f"{_ratio(at8)} | {latency} | {by_c['32']['errors']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import json
    import sys
    from pathlib import Path

    for path in sys.argv[1:]:
        print(render_compact(json.loads(Path(path).read_text())))
        print()
