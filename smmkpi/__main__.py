"""The command line: ``python -m smmkpi <command>`` (demo, import, kpi, db upgrade, workspaces)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

EXIT_BAD_INPUT = 2


class CliError(Exception):
    """Bad input from the command line; printed as one paragraph, exit code 2."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; use YYYY-MM-DD, e.g. 2026-03-31") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m smmkpi", description="smmkpi — SMM KPIs from the command line."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="generate the demo workspace (imports it, or writes CSVs with --out)")
    demo.add_argument("--workspace", default="Demo")
    demo.add_argument("--out", type=Path, help="write the canonical CSV files here instead of importing them")
    demo.add_argument("--end", type=_date, help="last day of demo data (default: yesterday)")
    demo.add_argument("--months", type=int, default=15)

    imp = sub.add_parser("import", help="import a folder of canonical CSVs, one CSV or one XLSX workbook")
    imp.add_argument("path", type=Path)
    imp.add_argument("--workspace", required=True, help="created if missing")
    imp.add_argument("--dry-run", action="store_true", help="validate and summarise without writing")
    imp.add_argument("--lang", default="en", choices=("en", "ru"), help="language of error messages")

    k = sub.add_parser("kpi", help="KPIs for a scope and period (KPI.md §5 with --json)")
    k.add_argument("--workspace", required=True)
    k.add_argument("--client")
    k.add_argument("--network", action="append", default=[], dest="networks")
    k.add_argument("--account", action="append", default=[], dest="accounts")
    k.add_argument("--specialist")
    k.add_argument("--from", dest="date_from", type=_date, required=True)
    k.add_argument("--to", dest="date_to", type=_date, required=True)
    k.add_argument("--json", action="store_true", help="print the JSON object of KPI.md §5")

    db = sub.add_parser("db", help="database maintenance")
    db.add_argument("action", choices=("upgrade",))

    sub.add_parser("workspaces", help="list workspaces with their clients and accounts")

    bench = sub.add_parser("bench", help="measure import and KPI query times on a fresh demo database")
    bench.add_argument("--months", type=int, default=15)
    bench.add_argument("--repeat", type=int, default=3)
    # features add their sub-parsers below this line (one block each, with a comment naming the feature)
    # connections (issue 4): sync, connect
    from smmkpi import sync_cli

    sync_cli.add_parsers(sub)
    # analysis pages (issue 5): bench-pages
    from smmkpi import scale

    scale.add_parser(sub)
    # trust (issue 6): inflation
    from smmkpi import trust

    trust.add_parser(sub)
    return parser


def _settings():
    """Environment first, then .streamlit/secrets.toml of the working directory (as the app), then defaults."""
    from smmkpi.settings import Settings

    return Settings.for_cli()


def _engine():
    from smmkpi.bootstrap import open_database

    return open_database(_settings())


def cmd_demo(args) -> int:
    from smmkpi import demo
    from smmkpi.bootstrap import default_demo_end, load_demo

    end = args.end or default_demo_end(dt.date.today())
    if args.out:
        counts = demo.write_demo(args.out, end=end, months=args.months)
        print(f"Wrote {sum(counts.values())} rows in {len(counts)} files to {args.out}: "
              + ", ".join(f"{k} {v}" for k, v in counts.items()))  # fmt: skip
        return 0
    summary = load_demo(_engine(), workspace=args.workspace, end=end, months=args.months)
    _print_summary(summary)
    return 0


def _print_summary(summary) -> None:
    verb = "Checked (dry run)" if summary.dry_run else "Imported"
    print(f"{verb} into workspace '{summary.workspace}':")
    for f in summary.files:
        print(
            f"  {f.name:<14} {f.rows:>7} rows: {f.inserted} new, {f.updated} updated, {f.unchanged} unchanged"
        )
    if summary.accounts_created:
        print(f"  accounts created: {', '.join(summary.accounts_created)}")


def cmd_import(args) -> int:
    from smmkpi import importer

    if not args.path.exists():
        raise CliError(
            f"'{args.path}' does not exist. Give a folder of CSV files, one CSV file or one XLSX workbook."
        )
    try:
        summary = importer.import_path(_engine(), args.path, workspace=args.workspace, dry_run=args.dry_run)
    except importer.ImportValidationError as exc:
        raise CliError(exc.report(args.lang)) from None
    _print_summary(summary)
    if not args.dry_run:
        _recheck_trust(args.workspace)
    return 0


def _recheck_trust(workspace: str) -> None:
    """Redo the trust checks of the accounts the import changed (the others stay current)."""
    from db import repo
    from db.session import session_scope
    from smmkpi import trust

    engine = _engine()
    with session_scope(engine) as session:
        workspace_id = repo.get_workspace(session, name=workspace).id
    count = trust.refresh(engine, workspace_id=workspace_id)
    if count:
        print(f"Trust checks redone for {count} account(s).")


def cmd_kpi(args) -> int:
    from db.session import session_scope
    from smmkpi.query import KpiFilters, ScopeError, kpi_report

    filters = KpiFilters(client=args.client, networks=tuple(args.networks), accounts=tuple(args.accounts),
                         specialist=args.specialist)  # fmt: skip
    try:
        with session_scope(_engine()) as session:
            report = kpi_report(session, workspace_name=args.workspace, filters=filters,
                                date_from=args.date_from, date_to=args.date_to)  # fmt: skip
    except ScopeError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    from smmkpi.metrics import format_metric, label

    print(f"{args.workspace}: {report['period']['from']} … {report['period']['to']} "
          f"(previous {report['period']['previous_from']} … {report['period']['previous_to']})")  # fmt: skip
    for key, value in report["total"].items():
        prev = report["previous"][key]
        line = f"  {label(key, 'en'):<40} {format_metric(key, value, 'en', report['currency']):>16}"
        line += f"   prev {format_metric(key, prev, 'en', report['currency'])}"
        if key in report["plan"]:
            line += f"   plan {format_metric(key, report['plan'][key], 'en', report['currency'])}"
        print(line)
    return 0


def cmd_db(args) -> int:
    from smmkpi.settings import safe_database_url

    settings = _settings()
    _engine().dispose()
    print(f"Upgraded {safe_database_url(settings.database_url)}: the database schema is up to date.")
    return 0


def cmd_workspaces(args) -> int:
    from db import repo
    from db.session import session_scope

    with session_scope(_engine()) as session:
        for ws in repo.list_workspaces(session):
            accounts = repo.list_accounts(session, workspace_id=ws.id)
            print(f"{ws.name} ({ws.currency}, {ws.timezone}): {len(accounts)} accounts")
            for row in accounts.itertuples():
                print(f"  {row.client}: {row.network}/{row.handle}")
    return 0


def cmd_bench(args) -> int:
    """Measure and print; not a test. Uses a temporary SQLite database unless SMMKPI_DATABASE_URL is set."""
    import os
    import statistics
    import tempfile
    import time

    from db.session import session_scope
    from smmkpi import kpi
    from smmkpi.bootstrap import load_demo
    from smmkpi.query import KpiFilters, kpi_report, load_kpi_data, resolve_workspace

    with tempfile.TemporaryDirectory(prefix="smmkpi-bench-") as folder:
        os.environ.setdefault("SMMKPI_DATABASE_URL", f"sqlite:///{folder}/bench.db")
        engine = _engine()
        end = dt.date(2026, 6, 30)
        started = time.perf_counter()
        summary = load_demo(engine, workspace="Bench", end=end, months=args.months)
        rows = sum(f.rows for f in summary.files)
        print(f"import: {rows} rows in {time.perf_counter() - started:.2f} s ({engine.dialect.name})")
        for days in (7, 30, 90, 365):
            start = end - dt.timedelta(days=days - 1)
            for label, filters in (
                ("workspace", KpiFilters()),
                ("one network", KpiFilters(networks=("vk",))),
            ):
                times = []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    with session_scope(engine) as session:
                        kpi_report(
                            session, workspace_name="Bench", filters=filters, date_from=start, date_to=end
                        )
                    times.append(time.perf_counter() - t0)
                print(
                    f"kpi report {days:>3} days, {label:<11}: median {statistics.median(times) * 1000:.0f} ms"
                )
        with session_scope(engine) as session:
            period = kpi.Period(end - dt.timedelta(days=364), end)
            ws = resolve_workspace(session, "Bench")
            t0 = time.perf_counter()
            data = load_kpi_data(session, workspace=ws, filters=KpiFilters(), period=period)
            t1 = time.perf_counter()
            kpi.trend(data, period, "day")
            t2 = time.perf_counter()
        print(f"365 days: load {1000 * (t1 - t0):.0f} ms, daily trend {1000 * (t2 - t1):.0f} ms")
        engine.dispose()
    return 0


COMMANDS = {
    "bench": cmd_bench,
    "db": cmd_db,
    "demo": cmd_demo,
    "import": cmd_import,
    "kpi": cmd_kpi,
    "workspaces": cmd_workspaces,
    # features add their commands below, one line each
    "sync": lambda args: __import__("smmkpi.sync_cli").sync_cli.run("sync", args),  # connections (issue 4)
    "connect": lambda args: __import__("smmkpi.sync_cli").sync_cli.run("connect", args),  # connections
    "bench-pages": lambda args: __import__("smmkpi.scale").scale.run(args),  # analysis pages (issue 5)
    "inflation": lambda args: __import__("smmkpi.trust").trust.run(args),  # trust (issue 6)
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from smmkpi.bootstrap import UNREACHABLE_ERRORS
    from smmkpi.settings import SettingsError

    try:
        return COMMANDS[args.command](args)
    except (CliError, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UNREACHABLE_ERRORS as exc:
        print(f"error: {_unreachable(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _unreachable(exc: BaseException) -> str:
    """One paragraph for a database that cannot be reached: where, why, and which setting to change."""
    from smmkpi.bootstrap import database_location, unreachable_reason

    try:
        url = _settings().database_url
    except Exception:  # the settings themselves were readable a moment ago; be safe in an error path
        url = ""
    return (
        f"cannot open the database at {database_location(url)}: {unreachable_reason(exc, url)}. "
        "Check that the database server is running and reachable from here, or point SMMKPI_DATABASE_URL "
        "(or database_url under [smmkpi] in .streamlit/secrets.toml) at the right database."
    )


if __name__ == "__main__":
    sys.exit(main())
