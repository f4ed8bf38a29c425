"""Odnoklassniki (OK.ru): groups the user runs → daily stats and posts with likes, comments and reshares.

OAuth 2.0 server flow (no PKCE; scopes joined with ``;``); every REST call is signed (:func:`signature`):
``sig = md5(sorted "key=value" pairs without access_token/session_key/sig + secret_key)`` where
``secret_key = md5(access_token + application_secret_key)`` for a server-side call in a session, or the
``session_secret_key`` when the token came with one. Calls go as POST forms to ``/fb.do`` (the token never
sits in a URL). Errors come back with HTTP 200 as ``{"error_code", "error_msg", "error_data"}`` (and an
``invocation-error`` header) and map to the base errors (:func:`error_from`).

What a sync reads for one group:
- ``group.getStatTrends`` (``start_time``/``end_time`` in unix ms, ``fields``) → ``daily``: followers
  (MEMBERS_COUNT), followers_gained/lost (NEW_MEMBERS/LEFT_MEMBERS), reach, views (RENDERINGS), profile
  visits (PAGE_VISITS), link clicks; a field the API refuses is left out and noted, not a failed sync;
- ``group.getStatTopics`` (``anchor``/``has_more`` paging) → ``posts`` with reach, views, likes, comments,
  reshares and link clicks (OK returns only posts that have statistics);
- ``group.getInfo`` (MEMBERS_COUNT) → today's member count as a snapshot.
Every method needs the user to be an administrator of the group and the app to have ``VALUABLE_ACCESS``
and ``GROUP_CONTENT`` (granted by OK's API support on request).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pandas as pd

from smmkpi.sources.base import (
    AuthExpired,
    ConnectorBase,
    FetchResult,
    Message,
    NotSupported,
    OAuthSpec,
    PermissionDenied,
    Progress,
    RateLimited,
    SourceAccount,
    SourceError,
    SourceInfo,
    SyncWindow,
    note,
    register,
)
from smmkpi.sources.http import Backoff, TransientError, mask_in_logs, send

KEY = "ok"
DEFAULTS: dict[str, str] = {
    "api_url": "https://api.ok.ru",
    "authorize_url": "https://connect.ok.ru/oauth/authorize",
    "token_url": "https://api.ok.ru/oauth/token.do",
    "revoke_url": "",  # OK documents no revocation API: users revoke at ok.ru/settings/oauth
    "scopes": "VALUABLE_ACCESS;LONG_ACCESS_TOKEN;GROUP_CONTENT",
    "application_key": "",  # the app's public key, sent with every call (SMMKPI_OK_APPLICATION_KEY)
    # [U]/[S] facts and choices, kept configurable:
    "timezone": "Europe/Moscow",  # OK's statistics days
    "trend_fields": "MEMBERS_COUNT,NEW_MEMBERS,LEFT_MEMBERS,REACH,RENDERINGS,PAGE_VISITS,LINK_CLICKS",
    "topic_fields": "REACH,RENDERINGS,LIKES,COMMENTS,RESHARES,LINK_CLICKS",
    "group_fields": "UID,NAME,MEMBERS_COUNT",
    "trend_days": "31",  # days per getStatTrends request
    "page_size": "100",  # topics / groups per page
    "groups_per_info": "100",  # group ids per getInfo call
    "max_retries": "5",
    "backoff_seconds": "2",
}
MAX_BACKOFF_SECONDS = 120.0
ADMIN_STATUSES = frozenset({"ADMIN", "MODERATOR", "SUPER_MODERATOR", "EDITOR", "ANALYST", "OWNER"})
# getStatTrends field (lower-case in the answer) → canonical `daily` column
TREND_COLUMNS: dict[str, str] = {
    "members_count": "followers",
    "new_members": "followers_gained",
    "left_members": "followers_lost",
    "reach": "reach",
    "renderings": "views",
    "page_visits": "profile_visits",
    "link_clicks": "link_clicks",
}
# getStatTopics field → canonical `posts` column
TOPIC_COLUMNS: dict[str, str] = {
    "reach": "reach",
    "renderings": "views",
    "likes": "likes",
    "comments": "comments",
    "reshares": "shares",
    "link_clicks": "link_clicks",
}
DAILY_COLUMNS = ["date", "network", "account", *dict.fromkeys(TREND_COLUMNS.values())]
POST_COLUMNS = [
    "network",
    "account",
    "post_id",
    "published_at",
    "url",
    *dict.fromkeys(TOPIC_COLUMNS.values()),
]

INFO = SourceInfo(
    key=KEY,
    name="Одноклассники (OK)",
    auth="oauth",
    provides=("daily", "posts"),
    account_kind="group",
    network="ok",
    limits={
        "ru": (
            "Статистика доступна только администраторам группы, а приложению нужны права VALUABLE_ACCESS и "
            "GROUP_CONTENT (их выдаёт поддержка API OK по запросу). OK отдаёт по дням подписчиков, вступивших "
            "и вышедших, охват, показы, переходы по ссылкам; по публикациям — охват, показы, лайки, "
            "комментарии, репосты. Публикации без статистики OK не возвращает. Сообщения группы и ответы на "
            "комментарии через API не видны — их можно загрузить импортом."
        ),
        "en": (
            "Statistics are available to group administrators only, and the app needs the VALUABLE_ACCESS and "
            "GROUP_CONTENT permissions (granted by OK's API support on request). OK gives daily followers, "
            "joins and leaves, reach, impressions, link clicks; per post reach, impressions, likes, comments, "
            "reshares. Posts without statistics are not returned. Group messages and replies to comments are "
            "not visible through the API — import them instead."
        ),
    },
)


TOKEN_IN_QUERY = re.compile(r"(access_token=)[^&\s\"']+")
mask_in_logs("access_token=", TOKEN_IN_QUERY, r"\1***")


# --------------------------------------------------------------------------------------------------
# Signing


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest().lower()


def secret_key(*, access_token: str | None, application_secret_key: str, session_secret_key: str | None = None
               ) -> str:  # fmt: skip
    """The key a request is signed with: the session secret when the token came with one, else
    ``md5(access_token + application_secret_key)`` in a session, else the application secret key."""
    if session_secret_key:
        return session_secret_key
    if access_token:
        return _md5(access_token + application_secret_key)
    return application_secret_key


def signature(params: Mapping[str, Any], *, access_token: str | None, application_secret_key: str,
              session_secret_key: str | None = None) -> str:  # fmt: skip
    """OK's ``sig``: the parameters except access_token/session_key/sig, sorted by name, joined as
    ``name=value`` with no separator, followed by the secret key, MD5 in lower-case hex."""
    signed = "".join(
        f"{name}={params[name]}"
        for name in sorted(params)
        if name not in ("access_token", "session_key", "sig")
    )
    key = secret_key(access_token=access_token, application_secret_key=application_secret_key,
                     session_secret_key=session_secret_key)  # fmt: skip
    return _md5(signed + key)


# --------------------------------------------------------------------------------------------------
# Errors inside HTTP 200


def error_from(code: int, message: str, *, method: str = "") -> SourceError:
    """The base error for an OK ``error_code`` (apiok.ru/dev/errors)."""
    where = f" in {method}" if method else ""
    detail = f"OK API error {code}{where}: {message}"[:300]
    if code in (102, 103):
        return AuthExpired(detail, hint="Reconnect Odnoklassniki: the session expired or was revoked.")
    if code in (10, 50, 7):
        return PermissionDenied(
            detail,
            hint="You must be an administrator of the group, and the app needs VALUABLE_ACCESS and GROUP_CONTENT "
            "(ask api-support@ok.ru).",
        )
    if code in (8, 11):
        return RateLimited(detail, hint="OK limits calls: the sync will continue later.")
    if code in (1, 2):
        return TransientError(detail, hint="retry")
    if code in (3, 100):
        return NotSupported(detail)
    if code == 101:
        return SourceError(detail, hint="Check SMMKPI_OK_APPLICATION_KEY (the app's public key).")
    if code == 104:
        return SourceError(
            detail, hint="Check SMMKPI_OK_CLIENT_SECRET (the app's secret key): OK rejected the sig."
        )
    if code == 9:
        return SourceError(detail, hint="OK blocked this server's IP address: contact api-support@ok.ru.")
    return SourceError(detail)


def raise_for_error(payload: Any, *, method: str = "", header: str | None = None) -> None:
    """Raise the mapped error when an answer is OK's error envelope (or the ``invocation-error`` header)."""
    if isinstance(payload, Mapping) and payload.get("error_code") not in (None, ""):
        code = _int(payload.get("error_code"))
        raise error_from(code if code is not None else 1, str(payload.get("error_msg") or ""), method=method)
    if header:
        code = _int(header)
        raise error_from(code if code is not None else 1, "invocation error", method=method)


# --------------------------------------------------------------------------------------------------
# Parsing (pure)


def _int(value: Any) -> int | None:
    """A count from an int, float or numeric string; None/""/NaN are "not reported"."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return None if math.isnan(number) else int(round(number))


def day_of_ms(ms: Any, zone: ZoneInfo) -> dt.date | None:
    """The calendar day (in OK's zone) of a unix time in milliseconds (a number or a string)."""
    value = _int(ms)
    if value is None:
        return None
    return dt.datetime.fromtimestamp(value / 1000, dt.UTC).astimezone(zone).date()


def parse_trends(payload: Mapping, *, account: str, zone: ZoneInfo, fields: Iterable[str] | None = None
                 ) -> pd.DataFrame:  # fmt: skip
    """``group.getStatTrends`` → canonical ``daily`` rows (one per day any requested field reports).

    Columns are those of the requested fields; a day a field does not report is NULL, never 0.
    """
    raise_for_error(payload, method="group.getStatTrends")
    wanted = [f.lower() for f in fields] if fields is not None else list(TREND_COLUMNS)
    columns = [TREND_COLUMNS[f] for f in wanted if f in TREND_COLUMNS]
    by_day: dict[dt.date, dict[str, int | None]] = {}
    for name, series in payload.items() if isinstance(payload, Mapping) else ():
        column = TREND_COLUMNS.get(str(name).lower())
        if column is None or column not in columns or not isinstance(series, list):
            continue
        for point in series:
            if not isinstance(point, Mapping):
                continue
            day = day_of_ms(point.get("time"), zone)
            if day is None:
                continue
            by_day.setdefault(day, {})[column] = _int(point.get("value"))
    rows = [{"date": day, "network": "ok", "account": account, **{c: values.get(c) for c in columns}}
            for day, values in sorted(by_day.items())]  # fmt: skip
    return pd.DataFrame(rows, columns=["date", "network", "account", *columns]).astype(
        {c: "Int64" for c in columns}
    )


def _flag(value: Any) -> bool | None:
    """A JSON boolean, also sent as "true"/"false" or 1/0; None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def parse_topics(payload: Mapping, *, account: str, gid: str) -> tuple[list[dict], str | None, bool | None]:
    """``group.getStatTopics`` → (post rows, next anchor, has more — None when the answer does not say)."""
    raise_for_error(payload, method="group.getStatTopics")
    payload = payload if isinstance(payload, Mapping) else {}
    rows = []
    for topic in payload.get("topics") or []:
        if not isinstance(topic, Mapping):
            continue
        topic_id = topic.get("id")
        if topic_id in (None, ""):
            continue
        created = _int(topic.get("created_ms"))
        published = dt.datetime.fromtimestamp(created / 1000, dt.UTC) if created is not None else None
        row = {"network": "ok", "account": account, "post_id": str(topic_id), "published_at": published,
               "url": f"https://ok.ru/group/{gid}/topic/{topic_id}"}  # fmt: skip
        for field, column in TOPIC_COLUMNS.items():
            row[column] = _int(topic.get(field))
        rows.append(row)
    anchor = payload.get("anchor")
    return rows, (str(anchor) if anchor not in (None, "") else None), _flag(payload.get("has_more"))


def posts_frame(rows: list[dict], fields: Iterable[str] | None = None) -> pd.DataFrame:
    """Canonical ``posts``; with ``fields``, only the value columns of those statistics (the others are
    left out, so what is stored for them stays)."""
    values = list(dict.fromkeys(TOPIC_COLUMNS.values())) if fields is None else [
        TOPIC_COLUMNS[f.lower()] for f in fields if f.lower() in TOPIC_COLUMNS
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=POST_COLUMNS)[
        ["network", "account", "post_id", "published_at", "url", *values]
    ]
    frame = frame.drop_duplicates(subset=["post_id"], keep="last")
    # a post without a publish time cannot be dated (KPI.md dates posts by it): leave it out
    frame = frame[frame["published_at"].notna()].reset_index(drop=True)
    return frame.astype({c: "Int64" for c in values})


def parse_user_groups(payload: Mapping) -> tuple[list[dict], str | None]:
    """``group.getUserGroupsV2`` → ([{group_id, status, roles}], next anchor)."""
    raise_for_error(payload, method="group.getUserGroupsV2")
    groups = []
    for item in (payload or {}).get("groups") or []:
        gid = item.get("groupId") or item.get("group_id") or item.get("uid")
        if gid in (None, ""):
            continue
        roles = item.get("role") or item.get("roles") or []
        groups.append({"group_id": str(gid), "status": str(item.get("status") or "").upper(),
                       "roles": [str(r).upper() for r in (roles if isinstance(roles, list) else [roles])]})  # fmt: skip
    anchor = (payload or {}).get("anchor")
    return groups, (str(anchor) if anchor not in (None, "") else None)


def parse_group_info(payload: Any) -> list[SourceAccount]:
    """``group.getInfo`` (``{"groups": [...]}`` or a bare list) → accounts (handle = the group id)."""
    raise_for_error(payload, method="group.getInfo")
    items = payload.get("groups") if isinstance(payload, Mapping) else payload
    accounts = []
    for group in items or []:
        gid = group.get("uid") or group.get("id") or group.get("group_id")
        if gid in (None, ""):
            continue
        gid = str(gid)
        members = _int(group.get("members_count"))
        details = {"members_count": str(members)} if members is not None else {}
        accounts.append(SourceAccount(external_id=gid, name=str(group.get("name") or gid), handle=gid,
                                      url=f"https://ok.ru/group/{gid}", network="ok", details=details))  # fmt: skip
    return accounts


def window_chunks(window: SyncWindow, days: int) -> list[SyncWindow]:
    """The window cut into pieces of at most ``days`` days."""
    days = max(1, days)
    chunks = []
    start = window.since
    while start <= window.until:
        end = min(window.until, start + dt.timedelta(days=days - 1))
        chunks.append(SyncWindow(start, end))
        start = end + dt.timedelta(days=1)
    return chunks


def ms_range(window: SyncWindow, zone: ZoneInfo) -> tuple[int, int]:
    """Unix milliseconds from the first moment of ``since`` to the last of ``until`` in ``zone``."""
    start = dt.datetime.combine(window.since, dt.time(), zone)
    end = dt.datetime.combine(window.until + dt.timedelta(days=1), dt.time(), zone)
    return int(start.timestamp() * 1000), int(end.timestamp() * 1000) - 1


# --------------------------------------------------------------------------------------------------
# The connector


@register
class OkConnector(ConnectorBase):
    """OK groups → ``daily`` and ``posts`` (and today's member count as a snapshot)."""

    info: ClassVar[SourceInfo] = INFO
    defaults: ClassVar[Mapping[str, str]] = DEFAULTS
    oauth: ClassVar[OAuthSpec | None] = OAuthSpec(pkce=False, scope_separator=";", client_auth="client_secret_post",
                                                  authorize_params={"layout": "w"})  # fmt: skip

    # -- settings
    def _setting(self, name: str) -> str:
        return str(self.config.extra.get(name) or DEFAULTS[name])

    def _int_setting(self, name: str) -> int:
        try:
            return int(float(self._setting(name)))
        except ValueError:
            return int(DEFAULTS[name])

    def _fields(self, name: str) -> list[str]:
        return [f.strip().upper() for f in self._setting(name).split(",") if f.strip()]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self._setting("timezone"))

    def current_day(self) -> dt.date:
        """The sync's "today" (workspace zone) when given, else today in the source's zone."""
        return self.today if self.today is not None else dt.datetime.now(self.zone).date()

    # -- HTTP
    _use_get = False

    def _token_expired(self) -> bool:
        creds = self.credentials
        if not (creds and creds.expires_at and creds.refresh_token):
            return False
        expires = creds.expires_at if creds.expires_at.tzinfo else creds.expires_at.replace(tzinfo=dt.UTC)
        return expires <= dt.datetime.now(dt.UTC)

    def signed_params(self, method: str, params: Mapping[str, Any]) -> dict[str, str]:
        """The form of one call: method + params + application_key + format, access_token and sig."""
        if not self.config.extra.get("application_key"):
            raise SourceError("OK: the application key is not set", hint="Set SMMKPI_OK_APPLICATION_KEY.")
        form = {k: str(v) for k, v in params.items() if v is not None}
        form.update(method=method, application_key=str(self.config.extra["application_key"]), format="json")
        creds = self.credentials
        form["sig"] = signature(form, access_token=creds.access_token, application_secret_key=self.config.client_secret,
                                session_secret_key=creds.extra.get("session_secret_key"))  # fmt: skip
        form["access_token"] = creds.access_token
        return form

    def call(self, method: str, **params: Any) -> Any:
        """One signed REST call with retries (flood limits and service errors back off, an expired
        session is refreshed once)."""
        if self.credentials is None:
            raise AuthExpired("OK: not connected", hint="reconnect")
        if self._token_expired():
            self.refresh_credentials()

        def once() -> Any:
            url = f"{self.config.api_url}/fb.do"
            form = self.signed_params(method, params)
            if not self._use_get:  # POST keeps the token out of URLs (and so out of access logs)
                response = send(self.http, "POST", url, data=form)
                if response.status_code == 405:  # the documentation allows GET as well: use it from now on
                    self._use_get = True
            if self._use_get:
                response = send(self.http, "GET", url, params=form)
            try:
                body = response.json()
            except ValueError:
                body = None
            raise_for_error(body, method=method, header=response.headers.get("invocation-error"))
            if response.status_code == 200 and body is None:  # a proxy's page instead of the API's JSON
                raise TransientError(f"OK API: the answer to {method} is not JSON", hint="retry")
            if response.status_code != 200:
                raise SourceError(f"OK API: HTTP {response.status_code} in {method}")
            return body

        backoff = Backoff(sleep=self.sleep, max_attempts=self._int_setting("max_retries"),
                          base_delay=float(self._setting("backoff_seconds")), max_delay=MAX_BACKOFF_SECONDS)  # fmt: skip
        try:
            return backoff.call(once, retry_on=(RateLimited, TransientError))
        except AuthExpired:
            if not self.credentials.refresh_token:
                raise
            self.refresh_credentials()
            return backoff.call(once, retry_on=(RateLimited, TransientError))

    # -- Connector protocol
    def _current_user(self) -> Mapping:
        body = self.call("users.getCurrentUser")
        return body if isinstance(body, Mapping) else {}

    def check_token(self):
        user = self._current_user()
        if user.get("uid") not in (None, ""):
            self.credentials.extra["external_id"] = str(user["uid"])
        return self.credentials

    def whoami(self) -> str:
        user = self._current_user()
        name = user.get("name") or " ".join(filter(None, [user.get("first_name"), user.get("last_name")]))
        return str(name or user.get("uid") or "OK user")

    def list_accounts(self) -> list[SourceAccount]:
        """Groups the user administers (all of them when OK does not say who administers what)."""
        groups: list[dict] = []
        anchor = None
        seen: set[str] = set()
        while True:
            body = self.call("group.getUserGroupsV2", count=self._int_setting("page_size"), anchor=anchor)
            page, anchor = parse_user_groups(body)
            new = [g for g in page if g["group_id"] not in seen]
            seen.update(g["group_id"] for g in new)
            groups += new
            if not new or anchor is None:
                break
        managed = [g for g in groups if g["status"] in ADMIN_STATUSES or g["roles"]]
        ids = [g["group_id"] for g in (managed or groups)]
        return self.group_info(ids)

    def group_info(self, ids: list[str]) -> list[SourceAccount]:
        accounts: list[SourceAccount] = []
        size = max(1, self._int_setting("groups_per_info"))
        for i in range(0, len(ids), size):
            body = self.call(
                "group.getInfo", uids=",".join(ids[i : i + size]), fields=self._setting("group_fields")
            )
            accounts += parse_group_info(body)
        return accounts

    def resolve_account(self, text: str) -> SourceAccount:
        """A group by its id or an ok.ru/group/<id> link."""
        digits = "".join(ch for ch in (text or "").rstrip("/").rsplit("/", 1)[-1] if ch.isdigit())
        if not digits:
            raise SourceError("OK: give the group's number id or its ok.ru/group/<id> link")
        found = self.group_info([digits])
        if not found:
            raise PermissionDenied(f"OK: group {digits} was not found or is not visible to this user")
        return found[0]

    def fetch_trends(self, gid: str, window: SyncWindow, fields: list[str]) -> pd.DataFrame:
        frames = []
        for chunk in window_chunks(window, self._int_setting("trend_days")):
            start, end = ms_range(chunk, self.zone)
            body = self.call(
                "group.getStatTrends", gid=gid, start_time=start, end_time=end, fields=",".join(fields)
            )
            frames.append(parse_trends(body, account=gid, zone=self.zone, fields=fields))
        frame = pd.concat(frames, ignore_index=True) if frames else parse_trends({}, account=gid, zone=self.zone,
                                                                                  fields=fields)  # fmt: skip
        frame = frame[(frame["date"] >= window.since) & (frame["date"] <= window.until)]
        return frame.drop_duplicates(subset=["date"], keep="last").reset_index(drop=True)

    def fetch_daily(self, gid: str, window: SyncWindow, notes: list[Message]) -> pd.DataFrame:
        """Daily trends; when OK refuses the field list, each field is asked alone and refused ones noted."""
        fields = self._fields("trend_fields")
        try:
            return self.fetch_trends(gid, window, fields)
        except NotSupported:
            pass
        frame: pd.DataFrame | None = None
        for field in fields:
            try:
                part = self.fetch_trends(gid, window, [field])
            except NotSupported:
                column = TREND_COLUMNS.get(field.lower(), field.lower())
                notes.append(note("ok_stat_refused", column=column, field=field))
                continue
            frame = (
                part if frame is None else frame.merge(part, on=["date", "network", "account"], how="outer")
            )
        if frame is None:
            return parse_trends({}, account=gid, zone=self.zone, fields=[])
        return frame.sort_values("date").reset_index(drop=True)

    def fetch_topics(self, gid: str, window: SyncWindow, fields: list[str]) -> list[dict]:
        """Every post of the window with statistics, following ``anchor`` while ``has_more``."""
        start, end = ms_range(window, self.zone)
        rows: list[dict] = []
        anchor = None
        seen_anchors: set[str] = set()
        while True:
            body = self.call("group.getStatTopics", gid=gid, start_time=start, end_time=end, fields=",".join(fields),
                             count=self._int_setting("page_size"), anchor=anchor)  # fmt: skip
            page, anchor, has_more = parse_topics(body, account=gid, gid=gid)
            rows += page
            if has_more is None:  # not stated: a non-empty page short of the stated total goes on
                total = (
                    _int(body.get("totalCount", body.get("total_count")))
                    if isinstance(body, Mapping)
                    else None
                )
                has_more = bool(page) and (total is None or len(rows) < total)
            # OK returns only topics with statistics, so a page may be empty while has_more is true
            if not has_more or anchor is None or anchor in seen_anchors:
                return rows
            seen_anchors.add(anchor)

    def fetch_posts(self, gid: str, window: SyncWindow, notes: list[Message]) -> pd.DataFrame:
        """Posts with their statistics; fields OK refuses are found one by one, left out and noted."""
        fields = self._fields("topic_fields")
        try:
            return posts_frame(self.fetch_topics(gid, window, fields))
        except NotSupported as refused:
            if len(fields) == 1:
                notes.append(note("refused", what="posts", detail=str(refused)))
                return posts_frame([], fields=[])
        start, end = ms_range(window, self.zone)
        accepted = []
        for field in fields:
            try:
                self.call(
                    "group.getStatTopics", gid=gid, start_time=start, end_time=end, fields=field, count=1
                )
            except NotSupported:
                column = TOPIC_COLUMNS.get(field.lower(), field.lower())
                notes.append(note("ok_post_stat_refused", column=column, field=field))
                continue
            accepted.append(field)
        if not accepted:
            return posts_frame([], fields=[])
        return posts_frame(self.fetch_topics(gid, window, accepted), fields=accepted)

    def fetch(self, account: SourceAccount, window: SyncWindow, progress: Progress) -> FetchResult:
        gid = account.external_id
        result = FetchResult()
        notes: list[Message] = []
        progress(0.0, "daily statistics")
        daily = self.fetch_daily(gid, window, notes)
        daily["account"] = account.handle
        result.frames["daily"] = daily
        progress(0.5, "posts")
        posts = self.fetch_posts(gid, window, notes)
        posts["account"] = account.handle
        result.frames["posts"] = posts
        today = self.current_day()
        if window.since <= today <= window.until:
            # today's trend point is not final yet; the live member count is
            progress(0.9, "members")
            info = self.group_info([gid])
            members = _int(info[0].details.get("members_count")) if info else None
            if members is not None:
                snapshot = {"date": today, "network": "ok", "account": account.handle, "followers": members}
                result.snapshots["daily"] = pd.DataFrame([snapshot])
        progress(1.0, "done")
        result.not_supported = notes
        return result
