"""Resolve a KPI query's scope against the database and load what the engine needs.

This is the only place where names typed by a user (workspace, client, account, specialist) become
ids, so every unknown name gets one clear message listing what exists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session

from db import repo
from db.models import Workspace
from smmkpi import kpi
from smmkpi.kpi import KpiData, Period


class ScopeError(ValueError):
    """A filter names something the workspace does not have."""


@dataclass(frozen=True)
class KpiFilters:
    client: str | None = None
    networks: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    specialist: str | None = None


def _known(values) -> str:
    values = sorted({str(v) for v in values})
    return ", ".join(values[:20]) + (" …" if len(values) > 20 else "") if values else "none yet"


def resolve_workspace(session: Session, name: str) -> Workspace:
    workspace = repo.get_workspace(session, name=name)
    if workspace is None:
        known = _known(w.name for w in repo.list_workspaces(session))
        raise ScopeError(f"Workspace '{name}' does not exist (known: {known}). Import data into it first.")
    return workspace


def scoped_accounts(session: Session, workspace: Workspace, filters: KpiFilters) -> pd.DataFrame:
    """The accounts passing the client, network and account filters (specialist aside)."""
    accounts = repo.list_accounts(session, workspace_id=workspace.id)
    if filters.client is not None:
        clients = repo.list_clients(session, workspace_id=workspace.id)
        if filters.client not in set(clients["name"]):
            raise ScopeError(f"Client '{filters.client}' is not in workspace '{workspace.name}' "
                             f"(known: {_known(clients['name'])}).")  # fmt: skip
        accounts = accounts[accounts["client"] == filters.client]
    for network in filters.networks:
        if network not in kpi.SOCIAL_NETWORKS:
            raise ScopeError(f"Unknown network '{network}'. Use one of: {', '.join(kpi.SOCIAL_NETWORKS)}.")
    if filters.networks:
        accounts = accounts[accounts["network"].isin(filters.networks)]
    if filters.accounts:
        pool = repo.list_accounts(session, workspace_id=workspace.id)
        if filters.networks:
            pool = pool[pool["network"].isin(filters.networks)]
        chosen = []
        for handle in filters.accounts:
            match = pool[pool["handle"] == handle]
            if match.empty:
                raise ScopeError(f"Account '{handle}' is not in workspace '{workspace.name}'"
                                 f"{' on ' + '/'.join(filters.networks) if filters.networks else ''} "
                                 f"(known: {_known(pool['handle'])}).")  # fmt: skip
            if len(match) > 1:
                raise ScopeError(f"Account '{handle}' exists on several networks "
                                 f"({', '.join(sorted(match['network']))}); add --network to pick one.")  # fmt: skip
            chosen.extend(match["account_id"])
        accounts = accounts[accounts["account_id"].isin(chosen)]
    return accounts.reset_index(drop=True)


def resolve_specialist(session: Session, workspace: Workspace, key: str) -> int:
    specialists = repo.list_specialists(session, workspace_id=workspace.id)
    exact = specialists[specialists["key"] == key]
    if exact.empty:
        exact = specialists[specialists["key"].str.casefold() == key.casefold()]
    if exact.empty:
        raise ScopeError(f"Specialist '{key}' is not in workspace '{workspace.name}' "
                         f"(known: {_known(specialists['key'])}).")  # fmt: skip
    return int(exact["specialist_id"].iloc[0])


def _clients_of_days(base: KpiData, accounts: pd.DataFrame, period: Period) -> tuple[int, ...]:
    """The clients of the accounts with at least one day in scope in ``period``."""
    in_period = kpi.scope_days(base, period)["account_id"].unique()
    return tuple(sorted({int(c) for c in accounts.loc[accounts["account_id"].isin(in_period), "client_id"]}))


def load_kpi_data(session: Session, *, workspace: Workspace, filters: KpiFilters, period: Period) -> KpiData:
    """Load every frame the engine needs for ``period``, its previous period and the one before that."""
    accounts = scoped_accounts(session, workspace, filters)
    assignments = None
    if filters.specialist is not None:
        specialist_id = resolve_specialist(session, workspace, filters.specialist)
        assignments = repo.list_assignments(session, workspace_id=workspace.id, specialist_id=specialist_id)
        assignments = assignments[assignments["account_id"].isin(accounts["account_id"])]
        accounts = accounts[accounts["account_id"].isin(assignments["account_id"])]
    ids = [int(a) for a in accounts["account_id"]]
    with_posts = repo.accounts_with_rows(session, workspace_id=workspace.id, table="posts")
    with_interactions = repo.accounts_with_rows(session, workspace_id=workspace.id, table="interactions")
    frame = pd.DataFrame({
        "account_id": accounts["account_id"].astype("int64"),
        "network": accounts["network"].astype(object),
        "client_id": accounts["client_id"].astype("int64"),
        "has_posts": accounts["account_id"].isin(with_posts),
        "has_interactions": accounts["account_id"].isin(with_interactions),
    })  # fmt: skip

    previous = period.previous()
    before_previous = previous.previous()
    account_filter = bool(filters.accounts)
    base = kpi.empty_data(accounts=frame, assignments=assignments, account_filter=account_filter,
                          networks=tuple(filters.networks), currency=workspace.currency)  # fmt: skip
    # the clients in scope: the --client given, else the clients of the accounts in scope in P
    # (every client of the workspace when there is no account or specialist filter)
    all_clients = repo.list_clients(session, workspace_id=workspace.id)
    if filters.client is not None:
        clients = tuple(int(c) for c in all_clients.loc[all_clients["name"] == filters.client, "client_id"])
    elif account_filter or assignments is not None:
        clients = _clients_of_days(base, frame, period)
    else:
        clients = tuple(int(c) for c in all_clients["client_id"])
    # P' is computed as if it were the query period (KPI.md §4), so its channel rows come from the clients
    # of the accounts in scope in P' — under a specialist scope they can differ from P's
    loaded = set(clients)
    if filters.client is None and (account_filter or assignments is not None):
        loaded |= set(_clients_of_days(base, frame, previous))
    client_ids = sorted(loaded) or [-1]
    ws = workspace.id
    base.clients = clients
    # P' and P in full; of the period before P' only reach (for previous.reach_growth_rate)
    base.daily = pd.concat([
        repo.load_daily(session, workspace_id=ws, account_ids=ids, date_from=before_previous.start,
                        date_to=before_previous.end, columns=("reach",)),
        repo.load_daily(session, workspace_id=ws, account_ids=ids, date_from=previous.start, date_to=period.end),
    ], ignore_index=True)  # fmt: skip
    base.followers = repo.load_followers(
        session, workspace_id=ws, account_ids=ids, date_to=period.end,
        window_from=None if assignments is not None else previous.start,
    )  # fmt: skip
    base.posts = repo.load_posts(session, workspace_id=ws, account_ids=ids, date_from=previous.start,
                                 date_to=period.end, timezone=workspace.timezone)  # fmt: skip
    base.interactions = repo.load_interactions(session, workspace_id=ws, account_ids=ids,
                                               date_from=previous.start, date_to=period.end,
                                               timezone=workspace.timezone)  # fmt: skip
    window = dict(workspace_id=ws, client_ids=client_ids, date_from=previous.start, date_to=period.end)
    base.web = repo.load_web(session, **window)
    base.goal_reaches = repo.load_goal_reaches(session, **window)
    base.sales = repo.load_sales(session, **window)
    base.costs = repo.load_costs(session, **window)
    base.plan = repo.load_plan(session, workspace_id=ws, client_ids=client_ids)
    base.rates = repo.load_rates(session, workspace_id=ws)
    return base


def kpi_report(session: Session, *, workspace_name: str, filters: KpiFilters, date_from: dt.date,
               date_to: dt.date) -> dict:  # fmt: skip
    """The KPI.md §5 object for a workspace, filters and period."""
    if date_to < date_from:
        raise ScopeError(f"The period ends ({date_to}) before it starts ({date_from}); swap the dates.")
    workspace = resolve_workspace(session, workspace_name)
    period = Period(date_from, date_to)
    data = load_kpi_data(session, workspace=workspace, filters=filters, period=period)
    return kpi.compute_report(data, period)
