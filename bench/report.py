"""Turn wrk's numbers into results.json, the table, issue 12's budgets and the other targets."""

from __future__ import annotations

KB = 1024
# Issue 12's budgets. A ratio is requests per second at 8 clients over the bare view's run right before.
PAGE_MIN_RATIO = 0.15  # the overview and each section page of the typical plan
PAGE_MAX_BYTES = 20 * KB
PAGE_MAX_QUERIES = 8
CHANGE_MIN_RATIO = 0.20  # one state change, counting every request the click causes
CHANGE_P99_MAX_MS = 30
CHANGE_MAX_BYTES = 3 * KB
LARGEST_MAX_CPU_MS = 100  # the 500-item plan's largest section: server CPU per request at 1 client
SECTION_50_MAX_BYTES = 60 * KB
# Earlier targets that still hold.
QUERY_BUDGET = 12
FIRST_VISIT_MAX_BYTES = 100 * KB


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
    cpu = "" if m["server_cpu_ms"] is None else f"  server CPU {m['server_cpu_ms']:5.1f} ms"
    return f"{m['rps']:8.1f} req/s  p50 {m['p50_ms']:6.1f}  p99 {m['p99_ms']:6.1f} ms  errors {m['errors']}{cpu}"


def build(
    *, date, cores, workers, database, users, duration, endpoints, runs, bare_runs, load_average, in_process, static
) -> dict:
    """Every endpoint at each concurrency it ran at; its ratio is to the bare-view run just before it."""
    rows = []
    for ep in endpoints:
        if ep.key == "bare":
            continue
        measured = {}
        for c, run in runs[ep.key].items():
            m = metrics(run)
            paired = metrics(bare_runs[ep.key][c])
            m["bare_rps"] = paired["rps"]
            m["bare_server_cpu_ms"] = paired["server_cpu_ms"]
            m["ratio_to_bare"] = round(m["rps"] / paired["rps"], 3) if paired["rps"] else None
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
        # Items each section lists for the typical, big, medium and small users.
        "items": in_process["items"],
        "largest_section": in_process["largest_section"],
        "section_50": in_process["section_50"],
        "click": in_process["click"],
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


def _at8(row: dict) -> dict:
    return row["by_concurrency"]["8"]


def _ratio_at8(row: dict, requests_per_action: int = 1) -> float:
    """Actions per second at 8 clients over the bare view's requests per second."""
    return (_at8(row)["ratio_to_bare"] or 0.0) / requests_per_action


def _ratio_text(row: dict, requests_per_action: int = 1) -> str:
    """The measured ratio and, in brackets, the ratio of server CPU per request:
    what a dedicated, CPU-bound machine would show, barely moved by other work."""
    m = _at8(row)
    cpu, bare_cpu = m.get("server_cpu_ms"), m.get("bare_server_cpu_ms")
    by_cpu = f" (CPU {bare_cpu / (cpu * requests_per_action):.2f})" if cpu and bare_cpu else ""
    return f"{_ratio_at8(row, requests_per_action):.2f}{by_cpu}"


def _kb(n: int) -> str:
    return f"{n / KB:.2f} KB"


def targets(results: dict) -> list[dict]:
    """Issue 12's budgets, then the earlier targets that still hold: each met or missed, with its figure."""
    overview, change = _row(results, "overview"), _row(results, "course_status")
    sections = [r for r in results["endpoints"] if r["key"].startswith("section_")]
    largest = _row(results, "largest_500")
    big, small = results["largest_section"]["big"], results["largest_section"]["small"]
    clicks = results["click"]["requests"]
    pages = [r for r in results["endpoints"] if r["page"]]
    heaviest = max(pages, key=lambda r: r["queries"])
    errors_32 = {
        r["label"]: r["by_concurrency"]["32"]["errors"] for r in results["endpoints"] if "32" in r["by_concurrency"]
    }
    static = results["static"]
    first_visit = static["first_visit_all_pages_bytes"]
    largest_cpu = largest["by_concurrency"]["1"].get("server_cpu_ms")
    change_p99 = _at8(change)["p99_ms"]

    def budget(text: str, met: bool, value: str) -> dict:
        return {"group": "budget", "target": text, "met": bool(met), "value": value}

    def kept(text: str, met: bool, value: str) -> dict:
        return {"group": "kept", "target": text, "met": bool(met), "value": value}

    def each(figure) -> str:
        return ", ".join(f"{r['key'].removeprefix('section_')} {figure(r)}" for r in sections)

    return [
        budget(
            f"Overview (typical plan) ≥ {PAGE_MIN_RATIO} x bare at 8 clients",
            _ratio_at8(overview) >= PAGE_MIN_RATIO,
            _ratio_text(overview),
        ),
        budget(
            f"Overview ≤ {PAGE_MAX_BYTES // KB} KB of HTML", overview["bytes"] <= PAGE_MAX_BYTES, _kb(overview["bytes"])
        ),
        budget(
            f"Overview ≤ {PAGE_MAX_QUERIES} queries", overview["queries"] <= PAGE_MAX_QUERIES, str(overview["queries"])
        ),
        budget(
            f"Each section page (typical plan) ≥ {PAGE_MIN_RATIO} x bare at 8 clients",
            all(_ratio_at8(r) >= PAGE_MIN_RATIO for r in sections),
            each(_ratio_text),
        ),
        budget(
            f"Each section page ≤ {PAGE_MAX_BYTES // KB} KB of HTML",
            all(r["bytes"] <= PAGE_MAX_BYTES for r in sections),
            each(lambda r: _kb(r["bytes"])),
        ),
        budget(
            f"Each section page ≤ {PAGE_MAX_QUERIES} queries",
            all(r["queries"] <= PAGE_MAX_QUERIES for r in sections),
            each(lambda r: r["queries"]),
        ),
        budget(
            f"State change (course status, {clicks} request{'s' if clicks > 1 else ''} per click) "
            f"≥ {CHANGE_MIN_RATIO} x bare at 8 clients",
            _ratio_at8(change, clicks) >= CHANGE_MIN_RATIO,
            _ratio_text(change, clicks),
        ),
        budget(
            f"State change p99 < {CHANGE_P99_MAX_MS} ms at 8 clients",
            change_p99 < CHANGE_P99_MAX_MS and clicks == 1,
            f"{change_p99:.1f} ms" + ("" if clicks == 1 else f", then {clicks - 1} more requests"),
        ),
        budget(
            f"State change response < {CHANGE_MAX_BYTES // KB} KB",
            change["bytes"] < CHANGE_MAX_BYTES,
            _kb(change["bytes"]),
        ),
        budget(
            f"Largest section of the {big['plan_items']}-item plan ({big['section']}, {big['items']} items) "
            f"≤ {LARGEST_MAX_CPU_MS} ms server CPU per request",
            largest_cpu is not None and largest_cpu <= LARGEST_MAX_CPU_MS,
            "not measured" if largest_cpu is None else f"{largest_cpu:.1f} ms",
        ),
        budget(
            f"Its queries the same as at {small['items']} items",
            big["queries"] == small["queries"],
            f"{big['queries']} and {small['queries']}",
        ),
        budget(
            f"{results['section_50'][0]['items']}-item section page (its first page) "
            f"≤ {SECTION_50_MAX_BYTES // KB} KB of HTML",
            all(page["bytes"] <= SECTION_50_MAX_BYTES for page in results["section_50"]),
            ", ".join(f"{page['section']} {_kb(page['bytes'])}" for page in results["section_50"]),
        ),
        kept(
            "Zero errors at 32 clients",
            not any(errors_32.values()),
            ", ".join(f"{k}: {v}" for k, v in errors_32.items() if v) or "0",
        ),
        kept(
            f"No page over {QUERY_BUDGET} queries",
            heaviest["queries"] <= QUERY_BUDGET,
            f"max {heaviest['queries']} ({heaviest['label']})",
        ),
        kept("Static file names hashed", static["all_hashed"], f"{len(static['assets'])} CSS/JS files"),
        kept("Static served with gzip and brotli", static["all_gzip_and_brotli"], "br + gzip"),
        kept(
            "Static far-future Cache-Control (1 year+, immutable)",
            static["all_far_future"],
            static["assets"][0]["cache_control"] if static["assets"] else "-",
        ),
        kept(
            f"First visit CSS+JS, compressed, < {FIRST_VISIT_MAX_BYTES // KB} KB",
            first_visit < FIRST_VISIT_MAX_BYTES,
            f"{_kb(first_visit)} (home, overview and a section page)",
        ),
    ]


def _ratio(m: dict) -> str:
    return "n/a" if m.get("ratio_to_bare") is None else f"{m['ratio_to_bare']:.2f}"


def _cpu(m: dict | None) -> str:
    return "-" if m is None else "n/a" if m.get("server_cpu_ms") is None else f"{m['server_cpu_ms']:.1f}"


def _size(n: int | None) -> str:
    return f"{n:,}" if n else "not served"


def _header(results: dict) -> str:
    db = results["database"]
    load = results["load_average"]
    return (
        f"{results['date'][:10]} · {results['cores']} cores · gunicorn {results['gunicorn_workers']} sync workers · "
        f"{db['vendor']} {db['version']} · {results['users']} users · {results['seconds_per_measurement']} s per run · "
        f"load average {load['before'][0]} before, {load['after'][0]} after"
        + (f" · {results['elapsed_s']:.0f} s in all" if "elapsed_s" in results else "")
        + _revision(results.get("revision"))
    )


def _revision(revision: dict | None) -> str:
    if not revision:
        return ""
    before, after = revision["before"], revision["after"]
    return f" · code {before}" if before == after else f" · code {before}, then {after} (changed during the run)"


def render_targets(results: dict) -> str:
    """Issue 12's budgets and the earlier targets, as Markdown tables."""
    lines = []
    groups = (("budget", "Issue 12's budgets"), ("kept", "Other targets"))
    for group, title in groups:
        chosen = [t for t in results["targets"] if t.get("group", "kept") == group]
        if not chosen:
            continue
        lines += ["", f"{title}:", "", "| target | result | met |", "| --- | --- | --- |"]
        lines += [f"| {t['target']} | {t['value']} | {'yes' if t['met'] else '**no**'} |" for t in chosen]
    click = results.get("click")
    if click:
        oob = ", ".join(f"#{name}" for name in click["oob_swaps"]) or "none"
        lines += [
            "",
            f"A click on a state button: {click['requests']} request{'' if click['requests'] == 1 else 's'}; "
            "its answer swaps the row and, out of band, "
            f"{oob}; hx-trigger listeners that could fetch more: {click['hx_trigger_listeners']}.",
        ]
    return "\n".join(lines)


def render(results: dict) -> str:
    """The table (Markdown, so it pastes into the README), the static files and the targets."""
    lines = [
        _header(results),
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
    return "\n".join(lines) + "\n" + render_targets(results)


def render_compact(results: dict) -> str:
    """One row per endpoint, for the README: `python -m bench.report bench/results.json`.
    Server CPU per request at 1 client where the endpoint ran at 1, else at 8."""
    lines = [
        _header(results),
        "",
        "| endpoint | queries | bytes | server CPU ms | req/s at 1 / 8 / 32 clients | x bare at 8 "
        "| p50 / p99 ms at 8 | errors at 32 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in results["endpoints"]:
        by_c = row["by_concurrency"]
        at8 = by_c["8"]
        latency = f"{at8['p50_ms']:,.0f} / {at8['p99_ms']:,.0f}" if at8["requests"] else "n/a"
        rates = " / ".join(f"{by_c[c]['rps']:,.1f}" if c in by_c else "-" for c in ("1", "8", "32"))
        errors = by_c["32"]["errors"] if "32" in by_c else "-"
        cpu = _cpu(by_c["1"]) if "1" in by_c else f"{_cpu(at8)} (at 8)"
        lines.append(
            f"| {row['label']} | {row['queries']} | {row['bytes']:,} | {cpu} | {rates} | "
            f"{_ratio(at8)} | {latency} | {errors} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import json
    import sys
    from pathlib import Path

    for path in sys.argv[1:]:
        results = json.loads(Path(path).read_text())
        print(render_compact(results))
        print(render_targets(results))
        print()
