"""``python -m smmkpi sync`` and ``python -m smmkpi connect``: the Connections page for cron and scripts.

Output never contains a token: only names, ids, counts and the sources' own (token-free) messages.
Exit codes: 0 everything synced, 1 something failed or needs re-authorization, 2 bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
PROGRESS_STEP = 0.1  # print a progress line every 10 %


class CliInputError(Exception):
    """Bad input; printed as one paragraph, exit code 2."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; use YYYY-MM-DD, e.g. 2026-03-31") from None


def add_parsers(sub) -> None:
    """The ``sync`` and ``connect`` sub-commands."""
    s = sub.add_parser("sync", help="sync connected accounts (for cron): prints progress and a summary")
    s.add_argument("--workspace", help="only this workspace (default: every workspace)")
    s.add_argument("--source", help="only this source, e.g. vk")
    s.add_argument(
        "--account",
        action="append",
        default=[],
        dest="accounts",
        help="only this tracked account (handle, id or name); repeatable",
    )
    s.add_argument(
        "--since", type=_date, help="fetch from this day (default: the cursor minus the look-back)"
    )
    s.add_argument(
        "--today", type=_date, help=argparse.SUPPRESS
    )  # tests and back-fills: the last day to fetch

    c = sub.add_parser("connect", help="connect a source with a long-lived token and pick accounts to track")
    c.add_argument("source", help="vk, telegram, yandex_metrica, ...")
    c.add_argument("--workspace", required=True, help="created if missing")
    c.add_argument("--client", required=True, help="the client the accounts belong to (created if missing)")
    c.add_argument(
        "--token-file",
        required=True,
        type=Path,
        help="a file holding only the token (never pass tokens on the command line)",
    )
    c.add_argument(
        "--account",
        action="append",
        default=[],
        dest="accounts",
        help="an account to track (id, handle or link); repeatable; default: every account listed",
    )
    c.add_argument("--specialist", help="e-mail or name of the specialist running these accounts")


def _env():
    from smmkpi import crypto, sync
    from smmkpi.settings import SettingsError, read_secrets_file

    try:
        secrets = read_secrets_file()  # the same reader as the app's settings: a malformed file is an error
    except SettingsError as error:
        raise CliInputError(str(error)) from None
    try:
        crypto.ensure_secret_key(
            environ=os.environ, secrets=secrets, announce=lambda note: print(note, file=sys.stderr)
        )
    except crypto.SecretKeyError as error:
        raise CliInputError(str(error)) from None
    return sync.SyncEnv(environ=os.environ, secrets=secrets)


def _engine():
    from smmkpi.bootstrap import open_database
    from smmkpi.settings import Settings

    return open_database(Settings.for_cli())  # env, then .streamlit/secrets.toml, as the app


def run(command: str, args) -> int:
    try:
        return {"sync": cmd_sync, "connect": cmd_connect}[command](args)
    except CliInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _printer(prefix: str):
    shown = {"last": -1.0}

    def progress(fraction: float, message: str) -> None:
        if fraction >= 1.0 or fraction - shown["last"] >= PROGRESS_STEP:
            shown["last"] = fraction
            print(f"  {prefix} {fraction:>4.0%}  {message}", flush=True)

    return progress


def cmd_sync(args) -> int:
    from db import repo
    from db.session import session_scope
    from smmkpi import sync

    env = _env()
    engine = _engine()
    with session_scope(engine) as session:
        workspaces = repo.list_workspaces(session)
    if args.workspace:
        workspaces = [w for w in workspaces if w.name == args.workspace]
        if not workspaces:
            raise CliInputError(
                f"there is no workspace '{args.workspace}'; see `python -m smmkpi workspaces`"
            )
    failed = synced = 0
    for workspace in workspaces:
        connections = [
            c
            for c in sync.connections_overview(engine, workspace_id=workspace.id, env=env)
            if c.state != "disconnected" and (args.source in (None, c.source))
        ]
        for connection in connections:
            label = f"{workspace.name} / {connection.source} ({connection.connected_as})"
            if connection.state == "needs_reauth":
                print(f"{label}: needs re-authorization — reconnect it on the Connections page", flush=True)
                failed += 1
                continue
            tracked = {a.handle.lower() for a in connection.accounts if a.enabled}
            wanted = [a for a in args.accounts if a.lower() in tracked] if args.accounts else None
            if args.accounts and not wanted:
                continue
            print(f"{label}: syncing", flush=True)
            try:
                outcome = sync.run_sync(
                    engine,
                    workspace_id=workspace.id,
                    connection_id=connection.id,
                    accounts=wanted,
                    since=args.since,
                    today=args.today,
                    trigger="cli",
                    progress=_printer(connection.source),
                    env=env,
                )
            except sync.SyncError as error:
                print(f"{label}: not synced: {error}", flush=True)
                failed += 1
                continue
            synced += 1
            print(f"{label}: {outcome.status}, {outcome.rows} rows", flush=True)
            for account in outcome.accounts:
                window = f"{account.window.since} … {account.window.until}" if account.window else ""
                print(f"    {account.handle:<24} {account.status:<8} {account.rows:>7} rows  {window}")
            for note in outcome.notes:
                print(f"    not supported: {note}")
            for error in outcome.errors:
                print(f"    error: {error}")
            if outcome.status != "ok":
                failed += 1
    if not synced and not failed:
        print("nothing to sync: connect accounts on the Connections page or with `python -m smmkpi connect`")
    print(f"summary: {synced} connection(s) synced, {failed} with problems")
    return EXIT_FAILED if failed else EXIT_OK


def cmd_connect(args) -> int:
    from db import repo
    from db.session import session_scope
    from smmkpi import sync
    from smmkpi.sources.base import SourceError

    env = _env()
    if not args.token_file.is_file():
        raise CliInputError(f"'{args.token_file}' is not a file; put the token (and nothing else) in a file")
    token = args.token_file.read_text(encoding="utf-8").strip()
    if not token:
        raise CliInputError(f"'{args.token_file}' is empty")
    try:
        sync.connector_class(args.source)
    except sync.SyncError as error:
        raise CliInputError(str(error)) from None
    engine = _engine()
    with session_scope(engine) as session:
        workspace_id = repo.ensure_workspace(session, name=args.workspace).id
    try:
        connected = sync.connect_with_token(
            engine, workspace_id=workspace_id, source=args.source, token=token, env=env
        )
        available = sync.list_source_accounts(
            engine, workspace_id=workspace_id, connection_id=connected.connection_id, env=env
        )
        picked = []
        for wanted in args.accounts or []:
            match = [a for a in available if wanted.lower() in {a.external_id.lower(), a.handle.lower()}]
            picked += match or [
                sync.resolve_source_account(
                    engine,
                    workspace_id=workspace_id,
                    connection_id=connected.connection_id,
                    text=wanted,
                    env=env,
                )
            ]
        picked = picked if args.accounts else available
        if not picked:
            print(f"connected as {connected.connected_as}, but the token lists no accounts: pass --account")
            return EXIT_FAILED
        sync.track_accounts(
            engine,
            workspace_id=workspace_id,
            connection_id=connected.connection_id,
            accounts=picked,
            client=args.client,
            specialist=args.specialist,
            env=env,
        )
    except (SourceError, sync.SyncError) as error:
        hint = f" ({error.hint})" if getattr(error, "hint", "") else ""
        print(f"error: {error}{hint}", file=sys.stderr)
        return EXIT_FAILED
    print(
        f"connected {args.source} as {connected.connected_as} ({connected.kind} token) in '{args.workspace}'"
    )
    for account in picked:
        print(f"  tracking {account.handle} ({account.name}) for client '{args.client}'")
    print(f"next: python -m smmkpi sync --workspace '{args.workspace}' --source {args.source}")
    return EXIT_OK
