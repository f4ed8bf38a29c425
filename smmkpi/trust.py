"""Trust checks over the database: recompute stored findings, read them back with verdicts, the CLI.

:mod:`smmkpi.inflation` holds the pure detectors; this module runs them on what the database holds and
stores the results (``db.trust_repo``), so pages, reports and the command line read findings instead of
recomputing them. A check is stale when the workspace got an import or a sync after it; stale accounts
are rechecked on the next read (or with ``--recheck`` / the page's button), idempotently.

``python -m smmkpi inflation --workspace W [--client C] [--network N]... [--account A]... --from D --to D
--json`` prints ``[{"network", "account", "detector", "kind", "start", "end", "severity", "evidence"}]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from db import repo, trust_repo
from db.session import session_scope
from smmkpi import inflation
from smmkpi.inflation import AccountInput, Finding

EXIT_OK, EXIT_BAD_INPUT = 0, 2
Progress = Callable[[int, int, str], None]


# --------------------------------------------------------------------------------------------------
# Recomputing stored findings


def refresh(engine: Engine, *, workspace_id: int, account_ids: Iterable[int] | None = None, force: bool = False,
            settings: inflation.InflationSettings = inflation.DEFAULT_SETTINGS,
            progress: Progress | None = None) -> int:  # fmt: skip
    """Recheck the accounts whose stored check is stale (every one with ``force``); returns how many.

    One transaction per account: findings appear account by account and a failure keeps the others.
    """
    with session_scope(engine) as session:
        workspace = repo.get_workspace_by_id(session, workspace_id=workspace_id)
        if workspace is None:
            raise ValueError(f"Workspace {workspace_id} does not exist.")
        accounts = repo.list_accounts(session, workspace_id=workspace_id)
        if account_ids is not None:
            accounts = accounts[accounts["account_id"].isin([int(a) for a in account_ids])]
        version = trust_repo.data_version(session, workspace_id=workspace_id)
        ids = [int(a) for a in accounts["account_id"]]
        todo = ids if force else trust_repo.stale_accounts(session, workspace_id=workspace_id, account_ids=ids,
                                                           version=version)  # fmt: skip
    for number, account_id in enumerate(todo, start=1):
        row = accounts[accounts["account_id"] == account_id]
        label = f"{row['network'].iloc[0]}/{row['handle'].iloc[0]}"
        try:
            with session_scope(engine) as session:
                inputs = trust_repo.load_inputs(session, workspace=workspace, accounts=row)
                data = inputs.get(account_id) or {"daily": pd.DataFrame({"date": []})}
                analysis = inflation.analyze_account(
                    AccountInput(row["network"].iloc[0], row["handle"].iloc[0], **data), settings
                )
                trust_repo.save_account_check(session, workspace_id=workspace_id, account_id=account_id,
                                              analysis=analysis, version=version)  # fmt: skip
        except IntegrityError:
            pass  # another replica stored the same check at the same moment
        if progress is not None:
            progress(number, len(todo), label)
    return len(todo)


# --------------------------------------------------------------------------------------------------
# Reading findings back


def findings_from_frame(frame: pd.DataFrame) -> list[Finding]:
    """Findings (as the detectors made them) from a ``trust_repo.load_findings`` frame."""
    return [
        Finding(row.network, row.handle, row.detector, row.kind, row.first_day, row.last_day, float(row.severity),
                dict(row.evidence))
        for row in frame.itertuples()
    ]  # fmt: skip


@dataclass
class AccountTrust:
    """What the Trust page shows for one account and period."""

    account_id: int
    network: str
    handle: str
    name: str | None
    client: str
    verdict: str
    findings: pd.DataFrame  # trust_repo.load_findings rows, ordered as inflation.order_findings
    status: dict

    @property
    def flags(self) -> pd.DataFrame:
        return self.findings[self.findings["kind"].isin(inflation.FLAG_KINDS) & ~self.findings["explained"]]


_RANK = {"impossible": 0, "suspicious": 1, "legit_cause": 2}


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return frame
    order = frame.assign(_rank=frame["kind"].map(_RANK).fillna(3), _day=pd.to_datetime(frame["first_day"]))
    order = order.sort_values(["_rank", "severity", "_day"], ascending=[True, False, False], kind="stable")
    return order.drop(columns=["_rank", "_day"]).reset_index(drop=True)


def account_trust(session, *, workspace_id: int, accounts: pd.DataFrame, date_from: dt.date,
                  date_to: dt.date) -> list[AccountTrust]:  # fmt: skip
    """Verdict and ordered findings per account (``repo.list_accounts`` rows) for a period."""
    ids = [int(a) for a in accounts["account_id"]]
    findings = trust_repo.load_findings(session, workspace_id=workspace_id, account_ids=ids, date_from=date_from,
                                        date_to=date_to)  # fmt: skip
    checks = trust_repo.list_checks(session, workspace_id=workspace_id)
    status = {int(r.account_id): r.status for r in checks.itertuples()}
    out = []
    for account in accounts.itertuples():
        own = _ordered(findings[findings["account_id"] == account.account_id])
        explained = {(r.detector, r.finding_key.split("~")[0]) for r in own.itertuples() if r.explained}
        found = findings_from_frame(own)
        # an account that was never checked has no findings yet; that is not "clean"
        verdict = inflation.verdict(
            found, explained=explained, status=status.get(int(account.account_id), {})
        )
        out.append(AccountTrust(int(account.account_id), account.network, account.handle, account.name,
                                account.client, verdict, own, status.get(int(account.account_id), {})))  # fmt: skip
    return out


def summary(session, *, workspace_id: int, account_ids: Iterable[int], date_from: dt.date,
            date_to: dt.date) -> dict[int, dict]:  # fmt: skip
    """{account_id: {"verdict", "suspicious", "impossible", "legit_causes", "explained"}} for a period.

    For other pages and reports (the Overview's follower cards, the specialist scorecard, PDF reports):
    reads stored findings only, never recomputes.
    """
    accounts = repo.list_accounts(session, workspace_id=workspace_id)
    accounts = accounts[accounts["account_id"].isin([int(a) for a in account_ids])]
    out = {}
    for item in account_trust(session, workspace_id=workspace_id, accounts=accounts, date_from=date_from,
                              date_to=date_to):  # fmt: skip
        frame = item.findings
        out[item.account_id] = {
            "verdict": item.verdict,
            "suspicious": int(((frame["kind"] == "suspicious") & ~frame["explained"]).sum()),
            "impossible": int(((frame["kind"] == "impossible") & ~frame["explained"]).sum()),
            "legit_causes": int((frame["kind"] == "legit_cause").sum()),
            "explained": int(frame["explained"].sum()),
        }
    return out


def cli_rows(frame: pd.DataFrame) -> list[dict]:
    """The CLI's JSON objects, in the issue's shape (explained marks go inside ``evidence``)."""
    rows = []
    for row in frame.itertuples():
        evidence = dict(row.evidence)
        if row.explained:
            evidence["explained"] = {"by": row.explained_by, "comment": row.explained_comment,
                                     "at": pd.Timestamp(row.explained_at).isoformat() if row.explained_at else None}  # fmt: skip
        rows.append({
            "network": row.network, "account": row.handle, "detector": row.detector, "kind": row.kind,
            "start": row.first_day.isoformat(), "end": row.last_day.isoformat(),
            "severity": round(float(row.severity), 3), "evidence": evidence,
        })  # fmt: skip
    return rows


# --------------------------------------------------------------------------------------------------
# Command line


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; use YYYY-MM-DD, e.g. 2026-03-31") from None


def add_parser(sub) -> None:
    p = sub.add_parser("inflation", help="findings of the trust checks (inflated followers and engagement)")
    p.add_argument("--workspace", required=True)
    p.add_argument("--client")
    p.add_argument("--network", action="append", default=[], dest="networks")
    p.add_argument("--account", action="append", default=[], dest="accounts")
    p.add_argument("--from", dest="date_from", type=_date, required=True)
    p.add_argument("--to", dest="date_to", type=_date, required=True)
    p.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    p.add_argument(
        "--recheck", action="store_true", help="recompute every account in scope, not only stale ones"
    )


def run(args, engine: Engine | None = None) -> int:
    from smmkpi.query import KpiFilters, ScopeError, resolve_workspace, scoped_accounts

    if args.date_to < args.date_from:
        print(f"error: the period ends ({args.date_to}) before it starts ({args.date_from}); swap the dates.",
              file=sys.stderr)  # fmt: skip
        return EXIT_BAD_INPUT
    if engine is None:
        from smmkpi.bootstrap import open_database
        from smmkpi.settings import Settings

        engine = open_database(Settings.for_cli())  # env, then .streamlit/secrets.toml, as the app
    filters = KpiFilters(client=args.client, networks=tuple(args.networks), accounts=tuple(args.accounts))
    try:
        with session_scope(engine) as session:
            workspace = resolve_workspace(session, args.workspace)
            accounts = scoped_accounts(session, workspace, filters)
            workspace_id = workspace.id
    except ScopeError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    refresh(engine, workspace_id=workspace_id, account_ids=accounts["account_id"], force=args.recheck)
    with session_scope(engine) as session:
        trust = account_trust(session, workspace_id=workspace_id, accounts=accounts, date_from=args.date_from,
                              date_to=args.date_to)  # fmt: skip
    if args.json:
        rows = [row for item in trust for row in cli_rows(item.findings)]
        print(json.dumps(rows, ensure_ascii=False))
        return EXIT_OK
    print(f"{args.workspace}: {args.date_from} … {args.date_to}")
    for item in trust:
        print(f"\n{item.network}/{item.handle}: {item.verdict.replace('_', ' ')}")
        if item.findings.empty:
            print("  no findings")
        for row in item.findings.itertuples():
            what = finding_title(row, "en")
            mark = "  (explained)" if row.explained else ""
            print(f"  {row.detector:<3} {row.kind:<12} {row.first_day} … {row.last_day}  {what}{mark}")
        missing = {k: v for k, v in item.status.items() if v != inflation.STATUS_OK}
        for detector, reason in missing.items():
            print(f"  {detector:<3} {reason.replace('not_enough_data: ', 'not enough data: ')}")
    return EXIT_OK


# --------------------------------------------------------------------------------------------------
# Words: a finding's title and the sentence with the numbers behind it (pages, reports, CLI)


def finding_title(row, lang: str) -> str:
    """ "Followers without reach", "Viral post or repost", … for a findings-frame row."""
    from smmkpi import i18n

    cause = None if pd.isna(row.cause) else row.cause
    if row.kind == "legit_cause" and cause:
        return i18n.t(f"trust.cause.{cause}", lang)
    return i18n.t(f"trust.detector.{row.detector}", lang)


def finding_text(row, lang: str, currency: str = "RUB") -> str:
    """The finding in one or two sentences with its numbers, in the UI language."""
    from smmkpi import i18n

    e = dict(row.evidence or {})
    cause = None if pd.isna(row.cause) else row.cause

    def n(key: str, signed: bool = False) -> str:
        value = e.get(key)
        if value is None:
            return i18n.MISSING
        text = i18n.format_number(abs(value) if signed else value, lang, decimals=0)
        return ("+" if value >= 0 else i18n.MINUS) + text if signed else text

    def pct(key: str, decimals: int = 0) -> str:
        return i18n.format_percent(e.get(key), lang, decimals=decimals)

    when = (i18n.format_date(row.first_day, lang) if row.first_day == row.last_day
            else i18n.format_period(row.first_day, row.last_day, lang))  # fmt: skip
    churn = ""
    if e.get("churn_share") is not None and e.get("churn_significant") and e["churn_share"] >= 0.2:
        churn = " " + i18n.t("trust.text.churn", lang, share=pct("churn_share"), days=e.get("churn_days", 30))
    key = f"trust.text.{row.detector}.{cause or row.kind}"
    if row.detector == "D1" and row.kind == "suspicious":
        if e.get("ad_spend") == 0:
            ads = i18n.t("trust.text.no_ads", lang)
        elif "ad_spend" not in e:
            ads = i18n.t("trust.text.ads_unknown", lang)
        else:
            ads = ""
        return i18n.t(key, lang, gain=n("gain", signed=True), when=when, expected=n("expected_given_reach"),
                      z=i18n.format_number(e.get("z"), lang, decimals=1), reach=n("reach"), reach_median=n("reach_median"),
                      ads=ads) + churn  # fmt: skip
    if row.detector == "D2" and cause == "platform_purge":
        return i18n.t(key, lang, drop=n("drop"), share=pct("share", 1), when=when)
    if row.detector == "D2":
        step = i18n.t("trust.text.step", lang) if e.get("churn_step") else ""
        return i18n.t(key, lang, excess=n("excess"), when=when, share=pct("churn_share"),
                      days=e.get("churn_days", 30), step=step, reach_peak=n("reach_peak"))  # fmt: skip
    if row.detector == "D1":  # viral post or paid promotion
        spend = e.get("ad_spend")
        return i18n.t(key, lang, gain=n("gain", signed=True), when=when, reach_peak=n("reach_peak"),
                      reach_median=n("reach_median"),
                      spend=i18n.format_money(spend, currency, lang) if spend else i18n.MISSING) + churn  # fmt: skip
    if row.detector == "DQ":
        pattern = e.get("pattern", "backfill")
        metric = i18n.t(f"trust.metric.{e.get('metric', 'gained')}", lang)
        return i18n.t(f"trust.text.DQ.{pattern}", lang, when=when, jump=n("jump", signed=True),
                      days=e.get("days", e.get("empty_days", 1)), metric=metric, value=n("catch_up_value"),
                      total=n("total_change", signed=True), net=n("joins_minus_leaves", signed=True))  # fmt: skip
    if row.detector == "D3":
        return i18n.t("trust.text.D3", lang, growth=pct("growth"), start=n("followers_from"), end=n("followers_to"),
                      reach_before=n("reach_before"), reach_after=n("reach_after"))  # fmt: skip
    if row.detector == "D4":
        basis = "reach" if "reach" in e else "views"
        return i18n.t(key, lang, post=e.get("post_id", ""), likes=n("likes"), base=n(basis),
                      basis=i18n.t(f"trust.metric.{basis}", lang), rate=pct("like_rate", 1),
                      rate_median=pct("like_rate_median", 1), z=i18n.format_number(e.get("z"), lang, decimals=1))  # fmt: skip
    if row.detector == "D5":
        posts = i18n.t_plural("trust.posts_row", e.get("posts", 3), lang)
        return i18n.t(f"trust.text.D5.{e.get('direction', 'rise')}", lang, posts=posts,
                      value=i18n.format_number(e.get("comments_per_like"), lang, decimals=3),
                      median=i18n.format_number(e.get("comments_per_like_median"), lang, decimals=3))  # fmt: skip
    if row.detector == "D6":
        return i18n.t(
            "trust.text.D6", lang, posts=e.get("posts_in_run", e.get("posts", 12)), spread=pct("spread")
        )
    if row.detector == "D7":
        return i18n.t(
            "trust.text.D7", lang, when=when, share=pct("night_share"), median=pct("night_share_median")
        )
    if row.detector == "D8":
        return i18n.t("trust.text.D8", lang, when=when, reach=n("reach"), reach_median=n("reach_median"),
                      sessions=n("sessions"), sessions_median=n("sessions_median"))  # fmt: skip
    return ""
