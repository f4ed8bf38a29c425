"""Connections (issue 4): start-up safety and the Connections page.

Tokens never enter session state: the page keeps only connection ids, the authorization URL (its state is
public anyway) and messages for the next rerun.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from smmkpi import i18n
from smmkpi.settings import Settings
from smmkpi.ui.core import (
    WORKSPACE_KEY,
    PageContext,
    _catalog,
    _local_time,
    _secrets,
    _workspaces,
    clear_data_caches,
    current_language,
    data_version,
    get_engine,
)

__all__ = [
    "AUTH_URL_REUSE", "CONNECTIONS_FLASH", "CONNECTIONS_PICK", "CONNECTIONS_SYNC", "CONNECTIONS_URL_PATH",
    "HINTS", "OAUTH_RETURN_PARAMS", "account_picker", "connection_block", "connection_sources",
    "connections_overview", "connections_redirect_uri", "connections_sync_log", "connections_user",
    "disconnect_confirmation", "oauth_callback", "run_sync_now", "secure_startup",
    "show_connections_flash", "source_card",
]  # fmt: skip

CONNECTIONS_URL_PATH = "integrations"  # the page's url_path in streamlit_app.py: the OAuth redirect URI
CONNECTIONS_FLASH = "connections_flash"  # session key: [(kind, text)] shown once after a rerun
CONNECTIONS_PICK = "connections_pick"  # session key: the connection whose account picker is open
CONNECTIONS_SYNC = "connections_sync_now"  # session key: a connection to sync right after the picker
AUTH_URL_REUSE = dt.timedelta(minutes=8)  # reuse a started authorization while its 10-minute state lives
OAUTH_RETURN_PARAMS = ("code", "state", "device_id", "type", "expires_in", "error", "error_description",
                       "error_uri", "ext_id")  # fmt: skip
HINTS = ("reconnect", "permissions", "retry_later", "retry", "configure", "start_again")


def secure_startup(settings: Settings) -> None:
    """Once per run, before anything else: a secret key for tokens, and the workspace an OAuth return belongs to.

    Local mode generates the key into .streamlit/secrets.toml (the note goes to the server console);
    hosted mode (SMMKPI_HOSTED=true) without SMMKPI_SECRET_KEY stops the app with an explanation.
    """
    import os

    from smmkpi import crypto

    try:
        crypto.ensure_secret_key(environ=os.environ, secrets=_secrets())
    except crypto.SecretKeyError as error:
        st.error(i18n.t("connections.no_secret_key", current_language(settings), error=str(error)),
                 icon=":material/key_off:")  # fmt: skip
        st.stop()
    _conn_adopt_oauth_workspace(settings)


def _conn_adopt_oauth_workspace(settings: Settings) -> None:
    """Back from the provider, a new session has no workspace chosen: open the one the state was started in."""
    state = st.query_params.get("state")
    if not state or st.session_state.get(WORKSPACE_KEY) or st.query_params.get(WORKSPACE_KEY):
        return
    from smmkpi import sync

    workspace_id = sync.pending_state_workspace(get_engine(settings.database_url), state=state)
    for workspace in _workspaces(settings.database_url):
        if workspace.id == workspace_id:
            st.query_params[WORKSPACE_KEY] = workspace.name


def _conn_sync_env():
    import os

    from smmkpi import sync

    return sync.SyncEnv(environ=os.environ, secrets=_secrets())


def connections_user() -> str | None:
    """The logged-in user's e-mail (or name), None without login."""
    try:
        info = st.user.to_dict()
    except Exception:
        return None
    if not info.get("is_logged_in"):
        return None
    return info.get("email") or info.get("name") or info.get("sub")


def connections_redirect_uri(settings: Settings) -> str:
    """The Connections page's URL (the OAuth redirect URI): SMMKPI_PUBLIC_URL + /integrations when set (behind a
    proxy), else the host the browser uses."""
    import os
    from urllib.parse import urlsplit

    public = os.environ.get("SMMKPI_PUBLIC_URL") or dict(_secrets().get("smmkpi", {}) or {}).get("public_url")
    if public:
        return f"{str(public).rstrip('/')}/{CONNECTIONS_URL_PATH}"
    try:
        parts = urlsplit(st.context.url or "")
    except Exception:
        parts = urlsplit("")
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}/{CONNECTIONS_URL_PATH}"
    return f"http://localhost:8501/{CONNECTIONS_URL_PATH}"


def _conn_flash(kind: str, text: str) -> None:
    st.session_state.setdefault(CONNECTIONS_FLASH, []).append((kind, text))


def show_connections_flash() -> None:
    icons = {"success": ":material/check_circle:", "warning": ":material/warning:", "error": ":material/error:",
             "info": ":material/info:"}  # fmt: skip
    for kind, text in st.session_state.pop(CONNECTIONS_FLASH, []):
        getattr(st, kind)(text, icon=icons[kind])


def _conn_error_text(error: Exception, lang: str) -> str:
    hint = getattr(error, "hint", "") or getattr(error, "code", "")
    advice = i18n.t(f"connections.hint.{hint}", lang) if hint in HINTS else ""
    return f"{error} {advice}".strip()


def oauth_callback(ctx: PageContext) -> None:
    """Handle ``?code=&state=`` (or ``?error=``) from the provider, then clear them from the URL."""
    from smmkpi import sync
    from smmkpi.sources import oauth
    from smmkpi.sources.base import SourceError

    params = {key: st.query_params.get(key) for key in OAUTH_RETURN_PARAMS if st.query_params.get(key)}
    if "state" not in params or not ({"code", "error"} & set(params)):
        return
    for key in params:
        del st.query_params[key]
    lang = ctx.lang
    if "error" in params:
        _conn_flash("warning", i18n.t("connections.cancelled", lang))
        return
    try:
        connected = sync.complete_authorization(
            ctx.engine, state=params["state"], code=params["code"], workspace_id=ctx.workspace.id,
            user=connections_user(), callback_params=params, env=_conn_sync_env(),
        )  # fmt: skip
    except oauth.OAuthStateError as error:
        _conn_flash("error", i18n.t(f"connections.state_{error.reason}", lang))
        return
    except (SourceError, sync.SyncError) as error:
        _conn_flash("error", i18n.t("connections.connect_failed", lang, error=_conn_error_text(error, lang)))
        return
    _conn_flash("success", i18n.t("connections.connected", lang, name=connected.connected_as))
    st.session_state[CONNECTIONS_PICK] = connected.connection_id


def connection_sources() -> list:
    from smmkpi import sync

    return sync.sources()


def _conn_auth_url(ctx: PageContext, cls) -> str | None:
    """A started authorization for this session, reused while its state is young (a new one otherwise)."""
    from smmkpi import sync

    key = f"connections_auth_{cls.info.key}"
    cached = st.session_state.get(key)
    now = dt.datetime.now(dt.UTC)
    if cached and cached["workspace_id"] == ctx.workspace.id and now - cached["at"] < AUTH_URL_REUSE:
        return cached["url"]
    try:
        url = sync.begin_authorization(ctx.engine, workspace_id=ctx.workspace.id, source=cls.info.key,
                                       redirect_uri=connections_redirect_uri(ctx.settings), user=connections_user(), env=_conn_sync_env())  # fmt: skip
    except sync.SyncError:
        return None
    st.session_state[key] = {"url": url, "at": now, "workspace_id": ctx.workspace.id}
    return url


def _conn_oauth_button(label: str, url: str) -> None:
    """A button-looking link that opens the provider's consent page in the same tab (so it can come back)."""
    from html import escape

    st.markdown(
        f'<a href="{escape(url, quote=True)}" target="_self" class="smmkpi-connect" '
        'style="display:inline-block;padding:0.45rem 1rem;border-radius:0.5rem;background:#ff4b4b;color:white;'
        f'text-decoration:none;font-weight:600">{escape(label)}</a>',
        unsafe_allow_html=True,
    )


def _conn_state_label(info, lang: str) -> str:
    if info.state == "syncing" and info.running is not None:
        return i18n.t(
            "connections.state.syncing", lang, percent=i18n.format_percent(info.running.progress, lang, 0)
        )
    return i18n.t(f"connections.state.{info.state}", lang)


def source_card(ctx: PageContext, cls, infos: Sequence) -> None:
    """One source: what it gives and cannot give, how to connect it, and its connections."""
    lang = ctx.lang
    info = cls.info
    config = cls.load_config(None, _secrets())
    mine = [c for c in infos if c.source == info.key and c.state != "disconnected"]
    with st.container(border=True):
        head, badge = st.columns([3, 2], vertical_alignment="center")
        head.subheader(info.name, anchor=False)
        if mine:
            badge.markdown(
                " ".join(f":{_conn_state_color(c.state)}-badge[{_conn_state_label(c, lang)}]" for c in mine)
            )
        elif cls.oauth is not None and not config.oauth_ready and "token" not in info.auth:
            badge.markdown(f":gray-badge[{i18n.t('connections.state.not_configured', lang)}]")
        else:
            badge.markdown(f":blue-badge[{i18n.t('connections.state.ready', lang)}]")
        if info.limits.get(lang):
            st.caption(info.limits[lang])
        for connection in mine:
            connection_block(ctx, cls, connection)
        reauth = any(c.state == "needs_reauth" for c in mine)
        _conn_controls(ctx, cls, config, connected="reauth" if reauth else bool(mine))


def _conn_state_color(state: str) -> str:
    return {"connected": "green", "syncing": "blue", "needs_reauth": "orange", "failed": "red"}.get(
        state, "gray"
    )


def _conn_controls(ctx: PageContext, cls, config, *, connected: bool | str) -> None:
    lang, info = ctx.lang, cls.info
    if cls.oauth is not None:
        if config.oauth_ready:
            url = _conn_auth_url(ctx, cls)
            if url:
                label = {"reauth": "connections.reconnect", True: "connections.connect_another"}.get(
                    connected, "connections.connect"
                )
                _conn_oauth_button(i18n.t(label, lang, name=info.name), url)
        else:
            st.caption(
                i18n.t("connections.oauth_not_configured", lang, source=info.key.upper(), name=info.name)
            )
    if "token" in info.auth:
        label = "connections.paste_token" if cls.oauth is not None else "connections.paste_token_only"
        with st.expander(i18n.t(label, lang), icon=":material/key:"):
            if cls.token_help.get(lang):
                st.caption(cls.token_help[lang])
            with st.form(f"connections_token_{info.key}", border=False):
                st.text_input(i18n.t("connections.token", lang), type="password",
                              key=f"connections_token_value_{info.key}")  # fmt: skip
                st.form_submit_button(i18n.t("connections.check_and_save", lang), icon=":material/verified:",
                                      on_click=_conn_token_submitted, args=(ctx, info.key))  # fmt: skip


def _conn_token_submitted(ctx: PageContext, source: str) -> None:
    """Form callback: take the pasted token out of session state at once, check it, save it encrypted."""
    from smmkpi import sync
    from smmkpi.sources.base import SourceError

    lang = ctx.lang
    key = f"connections_token_value_{source}"
    token = st.session_state.get(key) or ""
    st.session_state[key] = ""  # a callback may clear the widget: the token never stays in session state
    try:
        connected = sync.connect_with_token(ctx.engine, workspace_id=ctx.workspace.id, source=source, token=token,
                                            user=connections_user(), env=_conn_sync_env())  # fmt: skip
    except (SourceError, sync.SyncError) as error:
        _conn_flash("error", i18n.t("connections.token_refused", lang, error=_conn_error_text(error, lang)))
        return
    kind = i18n.t(f"connections.kind.{connected.kind}", lang)
    _conn_flash(
        "success", i18n.t("connections.connected_token", lang, name=connected.connected_as, kind=kind)
    )
    st.session_state[CONNECTIONS_PICK] = connected.connection_id


def _conn_moment(moment, ctx: PageContext) -> str:
    return _local_time(moment, ctx.workspace.timezone, ctx.lang)


def connection_block(ctx: PageContext, cls, info) -> None:
    """A connection: who, state, tracked accounts, last sync, actions, the picker and the sync log."""
    lang = ctx.lang
    kind = i18n.t(f"connections.kind.{info.kind}", lang)
    st.markdown(i18n.t("connections.connected_as", lang, name=info.connected_as, kind=kind))
    if info.state == "needs_reauth":
        st.warning(
            i18n.t("connections.needs_reauth_help", lang, name=cls.info.name), icon=":material/lock_reset:"
        )
    elif info.state == "failed" and info.last_error:
        st.error(i18n.t("connections.failed_help", lang, error=info.last_error), icon=":material/error:")
    if info.running is not None:  # a sync started elsewhere (another session, the CLI, another replica)
        _conn_live_progress(ctx, info.running.id)
    tracked = [a for a in info.accounts if a.enabled]
    if tracked:
        st.dataframe(_conn_tracked_table(tracked, ctx), hide_index=True, width="stretch")
    if info.last_run is not None:
        run = info.last_run
        key = "connections.last_run_ok" if run.status == "ok" else f"connections.last_run_{run.status}"
        st.caption(
            i18n.t(
                key, lang, when=_conn_moment(run.finished_at, ctx), rows=i18n.format_number(run.rows, lang)
            )
        )
        if run.notes:
            st.caption(i18n.t("connections.not_supported", lang, notes="; ".join(run.note_texts(lang))))
    picking = st.session_state.get(CONNECTIONS_PICK) == info.id or (
        not tracked and info.state != "needs_reauth"
    )
    buttons = st.container(horizontal=True)
    if buttons.button(i18n.t("connections.sync_now", lang), key=f"connections_sync_{info.id}", type="primary",
                         icon=":material/sync:", disabled=not tracked or info.running is not None):  # fmt: skip
        run_sync_now(ctx, info.id)
    if buttons.button(i18n.t("connections.accounts", lang), key=f"connections_pick_{info.id}",
                         icon=":material/checklist:"):  # fmt: skip
        st.session_state[CONNECTIONS_PICK] = info.id
        picking = True
    with buttons.popover(i18n.t("connections.disconnect", lang), icon=":material/link_off:"):
        disconnect_confirmation(ctx, cls, info)
    if picking and info.state != "needs_reauth":
        account_picker(ctx, cls, info)
    connections_sync_log(ctx, info)


@st.fragment(run_every=2)
def _conn_live_progress(ctx: PageContext, run_id: int) -> None:
    """The progress of a sync running elsewhere, read from the database every 2 s; the page reloads when done."""
    from smmkpi import sync

    run = sync.run_status(ctx.engine, workspace_id=ctx.workspace.id, run_id=run_id, env=_conn_sync_env())
    if run is None or run.status != "running":
        st.rerun()
    percent = i18n.format_percent(run.progress, ctx.lang, 0)
    st.progress(run.progress, text=i18n.t("connections.state.syncing", ctx.lang, percent=percent))


def _conn_tracked_table(tracked: Sequence, ctx: PageContext) -> pd.DataFrame:
    lang = ctx.lang
    return pd.DataFrame([{
        i18n.t("connections.account", lang): a.name or a.handle,
        i18n.t("connections.handle", lang): a.handle,
        i18n.t("filter.client", lang): a.client,
        i18n.t("filter.specialist", lang): a.specialist or i18n.MISSING,
        i18n.t("connections.synced_through", lang): i18n.format_date(a.synced_through, lang)
        if a.synced_through else i18n.MISSING,
    } for a in tracked]).astype(str)  # fmt: skip


def _conn_source_accounts(ctx: PageContext, connection_id: int) -> list:
    """The accounts the token can read (asked once per picker opening, kept as plain data in the session)."""
    from smmkpi import sync

    key = f"connections_accounts_{connection_id}"
    if key not in st.session_state:
        st.session_state[key] = sync.list_source_accounts(ctx.engine, workspace_id=ctx.workspace.id,
                                                          connection_id=connection_id, env=_conn_sync_env())  # fmt: skip
    return st.session_state[key]


def account_picker(ctx: PageContext, cls, info) -> None:
    """Pick communities/channels/counters, assign a client and a specialist, start the first sync."""
    from smmkpi import sync
    from smmkpi.sources.base import SourceAccount, SourceError

    lang = ctx.lang
    try:
        available = _conn_source_accounts(ctx, info.id)
    except (SourceError, sync.SyncError) as error:
        st.error(
            i18n.t("connections.accounts_failed", lang, error=_conn_error_text(error, lang)),
            icon=":material/error:",
        )
        return
    catalog = _catalog(ctx.database_url, ctx.workspace.id, data_version(ctx))
    tracked = {a.external_id: a for a in info.accounts if a.enabled}
    options = {a.external_id: a for a in available}
    # Telegram: channels are named, not listed
    lists_by_name = cls.resolve_account is not _conn_base_resolve()
    if lists_by_name:  # the channels added by name before are the ones to offer
        options |= {a.external_id: SourceAccount(external_id=a.external_id, name=a.name or a.handle,
                                                 handle=a.handle, url=a.url or "", network=a.network)
                    for a in tracked.values() if a.external_id not in options}  # fmt: skip
    new_client = i18n.t("connections.new_client", lang)
    with st.form(f"connections_picker_{info.id}", border=True):
        st.markdown(
            f"**{i18n.t('connections.pick_title', lang, kind=i18n.t(f'connections.account_kind.{cls.info.account_kind}', lang))}**"
        )
        if not options:
            st.caption(
                i18n.t("connections.add_by_name_hint" if lists_by_name else "connections.no_accounts", lang)
            )
        chosen = st.multiselect(i18n.t("connections.pick_accounts", lang), list(options),
                                default=[k for k in tracked if k in options] or list(options)[:1],
                                format_func=lambda k: _conn_account_label(options[k], lang),
                                key=f"connections_picked_{info.id}") if options else []  # fmt: skip
        manual = ""
        if lists_by_name:
            manual = st.text_input(
                i18n.t("connections.add_by_link", lang), key=f"connections_manual_{info.id}"
            )
        left, right = st.columns(2)
        clients = list(catalog["clients"]) + [new_client]
        current = next(iter(tracked.values())).client if tracked else None
        client = left.selectbox(i18n.t("filter.client", lang), clients,
                                index=clients.index(current) if current in clients else len(clients) - 1,
                                key=f"connections_client_{info.id}")  # fmt: skip
        typed_client = left.text_input(
            i18n.t("connections.new_client_name", lang), key=f"connections_client_new_{info.id}"
        )
        specialist = right.text_input(i18n.t("filter.specialist", lang), key=f"connections_specialist_{info.id}",
                                      value=(next(iter(tracked.values())).specialist or "") if tracked else "",
                                      help=i18n.t("connections.specialist_help", lang))  # fmt: skip
        submitted = st.form_submit_button(i18n.t("connections.start_sync", lang), type="primary",
                                          icon=":material/play_arrow:")  # fmt: skip
    if not submitted:
        return
    client_name = typed_client.strip() if client == new_client else client
    if not client_name:
        st.error(i18n.t("connections.client_required", lang), icon=":material/error:")
        return
    picked = [options[k] for k in chosen]
    try:
        if manual.strip():
            picked.append(sync.resolve_source_account(ctx.engine, workspace_id=ctx.workspace.id, connection_id=info.id,
                                                      text=manual, env=_conn_sync_env()))  # fmt: skip
        if not picked:
            st.error(i18n.t("connections.pick_required", lang), icon=":material/error:")
            return
        sync.track_accounts(ctx.engine, workspace_id=ctx.workspace.id, connection_id=info.id, accounts=picked,
                            client=client_name, specialist=specialist, env=_conn_sync_env())  # fmt: skip
    except (SourceError, sync.SyncError) as error:
        st.error(_conn_error_text(error, lang), icon=":material/error:")
        return
    st.session_state.pop(CONNECTIONS_PICK, None)
    st.session_state.pop(f"connections_accounts_{info.id}", None)
    run_sync_now(ctx, info.id)


def _conn_base_resolve():
    from smmkpi.sources.base import ConnectorBase

    return ConnectorBase.resolve_account


def _conn_account_label(account, lang: str) -> str:
    members = account.details.get("members_count") if account.details else None
    extra = (
        f" · {i18n.t('connections.members', lang, count=i18n.format_number(int(members), lang))}"
        if members
        else ""
    )
    return f"{account.name} ({account.handle}){extra}"


def run_sync_now(ctx: PageContext, connection_id: int) -> None:
    """Sync in this request with a progress bar ("Syncing 37 %"); other sessions see progress from the database."""
    from smmkpi import sync

    lang = ctx.lang
    bar = st.progress(
        0.0, text=i18n.t("connections.state.syncing", lang, percent=i18n.format_percent(0, lang, 0))
    )

    def progress(fraction: float, message: str) -> None:
        bar.progress(fraction, text=i18n.t("connections.state.syncing", lang,
                                           percent=i18n.format_percent(fraction, lang, 0)))  # fmt: skip

    try:
        outcome = sync.run_sync(ctx.engine, workspace_id=ctx.workspace.id, connection_id=connection_id,
                                progress=progress, env=_conn_sync_env())  # fmt: skip
    except sync.SyncError as error:
        _conn_flash("error", i18n.t("connections.sync_failed", lang, error=_conn_error_text(error, lang)))
    else:
        rows = i18n.format_number(outcome.rows, lang)
        if outcome.status == "ok":
            _conn_flash("success", i18n.t("connections.sync_done", lang, rows=rows))
        elif outcome.needs_reauth:
            _conn_flash("warning", i18n.t("connections.sync_reauth", lang))
        else:
            _conn_flash("error" if outcome.status == "failed" else "warning",
                   i18n.t("connections.sync_problems", lang, rows=rows,
                          errors="; ".join(m.text(lang) for m in outcome.log) or "; ".join(outcome.errors)))  # fmt: skip
        if outcome.notes:
            _conn_flash("info", i18n.t("connections.not_supported", lang,
                                       notes="; ".join(n.text(lang) for n in outcome.notes)))  # fmt: skip
    clear_data_caches()
    st.rerun()


def disconnect_confirmation(ctx: PageContext, cls, info) -> None:
    from smmkpi import sync

    lang = ctx.lang
    revokes = cls.oauth is not None and bool(cls.load_config(None, _secrets()).revoke_url)
    st.markdown(i18n.t("connections.disconnect_what", lang, name=cls.info.name))
    st.caption(
        i18n.t("connections.disconnect_revoke" if revokes else "connections.disconnect_no_revoke", lang)
    )
    delete = st.checkbox(i18n.t("connections.delete_data", lang), key=f"connections_delete_{info.id}",
                         help=i18n.t("connections.delete_data_help", lang))  # fmt: skip
    if st.button(i18n.t("connections.disconnect_confirm", lang), key=f"connections_disconnect_{info.id}",
                 type="primary", icon=":material/link_off:"):  # fmt: skip
        result = sync.disconnect(ctx.engine, workspace_id=ctx.workspace.id, connection_id=info.id,
                                 delete_data=delete, env=_conn_sync_env())  # fmt: skip
        key = "connections.disconnected_deleted" if delete else "connections.disconnected"
        _conn_flash("success", i18n.t(key, lang, rows=i18n.format_number(result.deleted_rows, lang)))
        clear_data_caches()
        st.rerun()


def connections_sync_log(ctx: PageContext, info) -> None:
    from smmkpi import sync

    lang = ctx.lang
    with st.expander(i18n.t("connections.sync_log", lang), icon=":material/history:"):
        history = sync.run_history(ctx.engine, workspace_id=ctx.workspace.id, connection_id=info.id, limit=5)
        if not history:
            st.caption(i18n.t("connections.sync_log_empty", lang))
        for run, lines in history:
            status = i18n.t(f"connections.run.{run.status}", lang)
            st.markdown(f"**{_conn_moment(run.started_at, ctx)}** · {status} · "
                        f"{i18n.t('connections.rows', lang, rows=i18n.format_number(run.rows, lang))}")  # fmt: skip
            text = "\n".join(
                f"{_conn_moment(at, ctx)[-5:]} {i18n.t(f'connections.level.{level}', lang):9} "
                f"{message if isinstance(message, str) else message.text(lang)}"
                for level, message, at in lines
            )
            if text:
                st.code(text, language=None, wrap_lines=True)


def connections_overview(ctx: PageContext) -> list:
    from smmkpi import sync

    return sync.connections_overview(ctx.engine, workspace_id=ctx.workspace.id, env=_conn_sync_env())
