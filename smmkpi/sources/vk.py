"""VK: VK ID OAuth 2.1 (PKCE), communities the user manages, daily stats, posts, post reach, comments.

What comes from where (reference: /work/shared/reference/api-notes.md §1):

| canonical column | VK method and field |
|---|---|
| daily.reach | ``stats.get`` → ``reach.reach`` (unique daily reach of the community) |
| daily.profile_visits | ``stats.get`` → ``visitors.views`` (views of the community page) |
| daily.followers_gained / _lost | ``stats.get`` → ``activity.subscribed`` / ``activity.unsubscribed`` |
| daily.followers | ``groups.getById`` → ``members_count``: only for the day of the sync (VK has no history) |
| posts.views, likes, comments, shares | ``wall.get`` → ``views.count``, ``likes.count``, ``comments.count``, ``reposts.count`` |
| posts.reach, link_clicks | ``stats.getPostReach`` → ``reach_total``, ``links`` (VK: only the latest 300 posts) |
| interactions (comment) | ``wall.getComments``: a user's comment; answered when the community replied in its thread |

Daily ``views`` (impressions) and post ``saves`` are not reported by VK: they stay NULL ("—").
``fetch_*`` methods do HTTP (rate limit, retries, token refresh); ``parse_*`` functions are pure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pandas as pd

from smmkpi.sources.base import (
    AuthExpired,
    ConnectorBase,
    Credentials,
    FetchResult,
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
from smmkpi.sources.http import Backoff, RateLimiter, TransientError, send

NETWORK = "vk"
# VK API maxima (api-notes §1.3): wall.get count ≤ 100, stats.getPostReach post_ids ≤ 30,
# wall.getComments count ≤ 100 and thread_items_count ≤ 10, groups.get count ≤ 1000.
WALL_PAGE = 100
POST_REACH_BATCH = 30
COMMENTS_PAGE = 100
THREAD_ITEMS = 10
GROUPS_PAGE = 1000
MESSAGES_PAGE = 200  # messages.getConversations and messages.getHistory: count ≤ 200
DAILY_LIMIT_RETRY_AFTER_S = 3600.0  # error 29 is a daily quota: waiting a minute would not help

RATE_LIMIT_CODES = frozenset({6, 9, 29})
AUTH_CODES = frozenset({5, 17})  # 17: "validation required" also needs the user in VK
PERMISSION_CODES = frozenset({7, 15, 18, 27, 30, 203})
TRANSIENT_CODES = frozenset({1, 10})

PERMISSION_MESSAGES = {
    7: "VK: the app lacks a permission for this (check the scopes: groups, stats, wall)",
    15: "VK: access denied — you must be an administrator of the community to read its statistics",
    18: "VK: the page was deleted or blocked",
    27: "VK: this is not available with a community token — connect with a user token of an administrator",
    30: "VK: this profile or community is private",
    203: "VK: access to the community is denied",
}


# --------------------------------------------------------------------------------------------------
# Pure parsing


def to_int(value: Any) -> int | None:
    """VK numbers: ints, numeric strings ("1234") or missing; anything else is "not reported"."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value == value else None
    text = str(value).strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.0*", text):
        return int(float(text))
    return None


def parse_envelope(payload: Any, *, method: str = "") -> Any:
    """``{"response": …}`` → the response; ``{"error": {...}}`` (HTTP 200) → the matching SourceError."""
    if not isinstance(payload, Mapping):
        raise SourceError(f"VK {method}: unexpected answer")
    if "error" in payload:
        error = payload["error"] if isinstance(payload["error"], Mapping) else {}
        code = to_int(error.get("error_code"))
        text = str(error.get("error_msg") or "")[:200]
        label = f"VK {method}: error {code}" + (f" ({text})" if text else "")
        if code in RATE_LIMIT_CODES:
            retry_after = DAILY_LIMIT_RETRY_AFTER_S if code == 29 else None
            raise RateLimited(label, retry_after=retry_after, hint="retry_later")
        if code in AUTH_CODES:
            raise AuthExpired(label, hint="reconnect")
        if code in PERMISSION_CODES:
            raise PermissionDenied(PERMISSION_MESSAGES.get(code, label) + f" [{method}, error {code}]",
                                   hint="permissions")  # fmt: skip
        if code in TRANSIENT_CODES:
            raise TransientError(label, hint="retry")
        raise SourceError(label)
    if "response" not in payload:
        raise SourceError(f"VK {method}: the answer has neither 'response' nor 'error'")
    return payload["response"]


def local_date(timestamp: Any, zone: ZoneInfo) -> dt.date | None:
    seconds = to_int(timestamp)
    if seconds is None:
        return None
    return dt.datetime.fromtimestamp(seconds, dt.UTC).astimezone(zone).date()


def utc_time(timestamp: Any) -> dt.datetime | None:
    seconds = to_int(timestamp)
    return None if seconds is None else dt.datetime.fromtimestamp(seconds, dt.UTC)


def _section(period: Mapping, name: str) -> Mapping:
    value = period.get(name)
    return value if isinstance(value, Mapping) else {}


def parse_stats(
    response: Any, *, account: str, zone: ZoneInfo, window: SyncWindow | None = None
) -> pd.DataFrame:
    """``stats.get`` periods (interval=day) → daily rows; a missing section or field is NULL, not 0."""
    rows = []
    for period in response if isinstance(response, list) else []:
        if not isinstance(period, Mapping):
            continue
        day = local_date(period.get("period_from"), zone)
        if day is None or (window is not None and not window.since <= day <= window.until):
            continue
        visitors, reach, activity = (
            _section(period, "visitors"),
            _section(period, "reach"),
            _section(period, "activity"),
        )
        rows.append({
            "date": day, "network": NETWORK, "account": account,
            "reach": to_int(reach.get("reach")),
            "profile_visits": to_int(visitors.get("views")),
            "followers_gained": to_int(activity.get("subscribed")),
            "followers_lost": to_int(activity.get("unsubscribed")),
        })  # fmt: skip
    columns = ["date", "network", "account", "reach", "profile_visits", "followers_gained", "followers_lost"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.drop_duplicates(["date"], keep="last").reset_index(drop=True)


def post_format(item: Mapping) -> str:
    kinds = [a.get("type") for a in item.get("attachments") or [] if isinstance(a, Mapping)]
    for attachment in item.get("attachments") or []:
        if isinstance(attachment, Mapping) and attachment.get("type") == "video":
            video = attachment.get("video") if isinstance(attachment.get("video"), Mapping) else {}
            return "clip" if video.get("type") == "short_video" else "video"
    if "poll" in kinds:
        return "poll"
    if "photo" in kinds or "album" in kinds:
        return "photo"
    if "clip" in kinds or "short_video" in kinds:
        return "clip"
    return "text" if not kinds else "other"


def _count(item: Mapping, name: str) -> int | None:
    value = item.get(name)
    return to_int(value.get("count")) if isinstance(value, Mapping) else None


def parse_wall_items(items: Iterable[Mapping], *, account: str, zone: ZoneInfo, window: SyncWindow,
                     domain: str = "https://vk.com") -> pd.DataFrame:  # fmt: skip
    """``wall.get`` items → posts published in ``window`` (public counters; reach comes separately)."""
    rows = []
    for item in items:
        if not isinstance(item, Mapping) or item.get("post_type", "post") not in ("post", "reply", "copy"):
            continue
        day = local_date(item.get("date"), zone)
        if day is None or not window.since <= day <= window.until:
            continue
        owner, number = to_int(item.get("owner_id")), to_int(item.get("id"))
        rows.append({
            "network": NETWORK, "account": account, "post_id": str(number),
            "published_at": utc_time(item.get("date")), "format": post_format(item),
            "url": f"{domain}/wall{owner}_{number}" if owner is not None else None,
            "views": _count(item, "views"), "likes": _count(item, "likes"),
            "comments": _count(item, "comments"), "shares": _count(item, "reposts"),
            "is_promoted": bool(to_int(item.get("marked_as_ads")) or 0),
        })  # fmt: skip
    columns = ["network", "account", "post_id", "published_at", "format", "url", "views", "likes", "comments",
               "shares", "is_promoted"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns).drop_duplicates(["post_id"]).reset_index(drop=True)


def parse_post_reach(response: Any) -> dict[str, dict[str, int | None]]:
    """``stats.getPostReach`` → {post_id: {"reach": reach_total, "link_clicks": links}}."""
    out = {}
    for item in response if isinstance(response, list) else []:
        if isinstance(item, Mapping) and to_int(item.get("post_id")) is not None:
            reach = item.get("reach_total", item.get("reach_total_count"))
            out[str(to_int(item["post_id"]))] = {
                "reach": to_int(reach),
                "link_clicks": to_int(item.get("links")),
            }
    return out


def parse_comments(items: Iterable[Mapping], *, group_id: int, owner_id: int, post_id: str,
                   replies: Mapping[int, list[Mapping]] | None = None) -> list[dict]:  # fmt: skip
    """Top-level comments of people → interactions; answered at the community's first reply in the thread.

    ``replies`` adds thread items fetched separately (when a thread had more than VK sends inline).
    """
    community = -abs(group_id)
    rows = []
    for item in items:
        if not isinstance(item, Mapping) or item.get("deleted"):
            continue
        author = to_int(item.get("from_id"))
        if author is None or author == community or author < 0:
            continue  # the community's own comments and other communities are not incoming
        received = utc_time(item.get("date"))
        number = to_int(item.get("id"))
        if received is None or number is None:
            continue
        thread = item.get("thread") if isinstance(item.get("thread"), Mapping) else {}
        answers = list(thread.get("items") or []) + list((replies or {}).get(number, []))
        answered = [utc_time(r.get("date")) for r in answers
                    if isinstance(r, Mapping) and to_int(r.get("from_id")) == community and not r.get("deleted")]  # fmt: skip
        answered = [a for a in answered if a is not None and a >= received]
        rows.append({
            "network": NETWORK, "interaction_id": f"wall{owner_id}_{post_id}_c{number}", "kind": "comment",
            "received_at": received, "answered_at": min(answered) if answered else None,
        })  # fmt: skip
    return rows


def parse_messages(items: Iterable[Mapping], *, peer_id: int, zone: ZoneInfo, window: SyncWindow
                   ) -> tuple[list[dict], dict[dt.date, int]]:  # fmt: skip
    """One conversation's messages → message interactions received in ``window`` (answered at the
    community's next reply) and the number of incoming messages per day."""
    ordered = sorted((m for m in items if isinstance(m, Mapping) and to_int(m.get("date")) is not None),
                     key=lambda m: (to_int(m["date"]), to_int(m.get("id")) or 0))  # fmt: skip
    replies = [to_int(m["date"]) for m in ordered if to_int(m.get("out")) == 1]
    rows, per_day = [], {}
    for message in ordered:
        if to_int(message.get("out")) == 1:
            continue
        day = local_date(message["date"], zone)
        if day is None or not window.since <= day <= window.until:
            continue
        per_day[day] = per_day.get(day, 0) + 1
        received = to_int(message["date"])
        answer = next((r for r in replies if r >= received), None)
        rows.append({
            "network": NETWORK, "interaction_id": f"msg{peer_id}_{to_int(message.get('id'))}", "kind": "message",
            "received_at": utc_time(received), "answered_at": utc_time(answer) if answer is not None else None,
        })  # fmt: skip
    return rows, per_day


def needs_thread(item: Mapping, *, group_id: int) -> bool:
    """True when the thread has more replies than VK sent inline and none of those is the community's."""
    thread = item.get("thread") if isinstance(item.get("thread"), Mapping) else {}
    inline = [r for r in thread.get("items") or [] if isinstance(r, Mapping)]
    total = to_int(thread.get("count")) or 0
    answered = any(to_int(r.get("from_id")) == -abs(group_id) for r in inline)
    return total > len(inline) and not answered


def _items(response: Any) -> list[Mapping]:
    """The ``items`` of a paged answer (``{"count", "items"}``); a bare list is its own items."""
    items = response.get("items") if isinstance(response, Mapping) else response
    return [i for i in items if isinstance(i, Mapping)] if isinstance(items, list) else []


def _pinned(item: Mapping) -> bool:
    return bool(to_int(item.get("is_pinned")) or item.get("is_pinned") is True)


def _last_page(response: Any, page: list, offset: int, size: int, *, total_key: str = "count") -> bool:
    """The documented end of ``offset``/``count`` paging: an empty page, or ``offset`` reached the total
    the answer states; an answer that states no total ends with a page shorter than asked for."""
    if not page:
        return True
    total = to_int(response.get(total_key)) if isinstance(response, Mapping) else None
    if total is None and total_key != "count" and isinstance(response, Mapping):
        total = to_int(response.get("count"))
    if total is not None:
        return offset >= total
    return len(page) < size


def group_account(group: Mapping, *, domain: str = "https://vk.com") -> SourceAccount:
    gid = to_int(group.get("id"))
    screen = str(group.get("screen_name") or "").strip()
    handle = screen or f"club{gid}"
    members = to_int(group.get("members_count"))
    details = {"type": str(group.get("type") or "")}
    if members is not None:
        details["members_count"] = str(members)
    return SourceAccount(external_id=str(gid), name=str(group.get("name") or handle), handle=handle,
                         url=f"{domain}/{handle}", network=NETWORK, details=details)  # fmt: skip


def parse_groups(response: Any) -> list[Mapping]:
    """``groups.getById`` (5.139+: {"groups": [...]}, older: [...]) or ``groups.get`` extended ({"items"})."""
    if isinstance(response, list):
        return [g for g in response if isinstance(g, Mapping)]
    if isinstance(response, Mapping):
        for key in ("groups", "items"):
            if isinstance(response.get(key), list):
                return [g for g in response[key] if isinstance(g, Mapping)]
    return []


GROUP_REF = re.compile(r"^(?:https?://)?(?:m\.)?(?:vk\.(?:com|ru)/)?(?P<ref>[A-Za-z0-9_.]+)/?$")


def group_reference(text: str) -> str:
    """ "https://vk.com/club123" → "123", "public45" → "45", "vk.com/coffee" → "coffee"."""
    match = GROUP_REF.match(text.strip())
    if not match:
        raise SourceError(f"VK: '{text.strip()[:80]}' is not a community id, short name or link")
    ref = match.group("ref")
    numeric = re.fullmatch(r"(?:club|public|event)?(\d+)", ref)
    return numeric.group(1) if numeric else ref


# --------------------------------------------------------------------------------------------------
# The connector


@register
class VkConnector(ConnectorBase):
    info: ClassVar[SourceInfo] = SourceInfo(
        key="vk",
        name="VK",
        auth="oauth+token",
        provides=("daily", "posts", "interactions"),
        account_kind="community",
        network=NETWORK,
        limits={
            "ru": "VK не отдаёт историю числа подписчиков (берём его в день синхронизации), показы за день и "
                  "сохранения постов. Охват и переходы по постам — только для 300 последних публикаций "
                  "сообщества. Статистика доступна администраторам сообщества, сообщения сообщества — только по ключу "
                  "сообщества (его можно подключить вторым).",
            "en": "VK gives no history of the follower count (it is taken on the day of each sync), no daily "
                  "impressions and no post saves. Post reach and link clicks exist only for the community's "
                  "latest 300 posts. Statistics are available to community administrators; the community's messages only "
                  "to a community token (connect one as well).",
        },
    )  # fmt: skip
    defaults: ClassVar[Mapping[str, str]] = {
        # VK moved to vk.ru in 2025 (api-notes §1.1); every host is a setting (SMMKPI_VK_API_URL, ...).
        "api_url": "https://api.vk.ru/method",
        "authorize_url": "https://id.vk.ru/authorize",
        "token_url": "https://id.vk.ru/oauth2/auth",
        "revoke_url": "https://id.vk.ru/oauth2/revoke",
        "scopes": "groups stats wall",
        "api_version": "5.199",
        "rate_user": "3",  # requests per second per user token (error 6 above it)
        "rate_community": "20",  # per community token
        "post_reach_limit": "300",  # stats.getPostReach answers only for the latest N posts [S/U]
        "timezone": "Europe/Moscow",  # VK's statistics days
        "web_url": "https://vk.com",
        "max_attempts": "6",
    }
    oauth: ClassVar[OAuthSpec] = OAuthSpec(
        pkce=True, challenge_method="s256", client_auth="none", callback_params=("device_id",),
        exchange_params=("device_id",), state_on_exchange=True, revoke_param="access_token",
        revoke_client_id=True,
    )  # fmt: skip
    token_help: ClassVar[Mapping[str, str]] = {
        "ru": "Ключ пользователя (администратора сообщества) даёт всё: статистику, посты, охват постов и "
              "комментарии. Ключ сообщества (Управление → Работа с API, с доступом к сообщениям) даёт число "
              "подписчиков и сообщения сообщества: статистику и охват VK выдаёт лишь по ключу пользователя.",
        "en": "A user token (of a community administrator) reads everything: statistics, posts, post reach and "
              "comments. A community token (Manage → API usage, with access to messages) reads the follower "
              "count and the community's messages: VK gives statistics and reach to user tokens only.",
    }  # fmt: skip

    def __init__(self, config, credentials=None, **kwargs) -> None:
        super().__init__(config, credentials, **kwargs)
        self.zone = ZoneInfo(self.config.extra.get("timezone") or "Europe/Moscow")
        self.domain = (self.config.extra.get("web_url") or "https://vk.com").rstrip("/")
        self._limiter: RateLimiter | None = None
        self._limiter_kind: str | None = None
        self.requests = 0  # API calls made (for logs and tests)

    # --- HTTP ---------------------------------------------------------------------------------------

    @classmethod
    def credentials_from_token(cls, token: str) -> Credentials:
        return Credentials(access_token=token.strip(), kind="unknown")

    def _rate(self) -> RateLimiter:
        kind = self.credentials.kind if self.credentials else "user"
        if self._limiter is None or self._limiter_kind != kind:
            key = "rate_community" if kind == "community" else "rate_user"
            self._limiter = RateLimiter(
                float(self.config.extra.get(key) or 3), clock=self.clock, sleep=self.sleep
            )
            self._limiter_kind = kind
        return self._limiter

    def _expiring(self) -> bool:
        expires = self.credentials.expires_at if self.credentials else None
        if expires is None or not self.credentials.refresh_token:
            return False
        expires = expires if expires.tzinfo else expires.replace(tzinfo=dt.UTC)
        return expires - dt.datetime.now(dt.UTC) < dt.timedelta(seconds=60)

    def _once(self, method: str, params: Mapping[str, Any]) -> Any:
        self._rate().wait()
        self.requests += 1
        data = {k: v for k, v in params.items() if v is not None}
        data["v"] = self.config.extra.get("api_version") or "5.199"
        data["access_token"] = self.credentials.access_token  # in the form body: never in a logged URL
        response = send(self.http, "POST", f"{self.config.api_url}/{method}", data=data)
        if response.status_code >= 400:
            raise SourceError(f"VK {method}: HTTP {response.status_code}")
        try:
            payload = response.json()
        except ValueError:
            raise TransientError(f"VK {method}: the answer is not JSON", hint="retry") from None
        return parse_envelope(payload, method=method)

    def call(self, method: str, **params: Any) -> Any:
        """One API method: rate-limited, retried with back-off on 6/9/10 and 5xx, refreshed once on 5."""
        if self.credentials is None:
            raise AuthExpired("VK: not connected", hint="reconnect")
        if self._expiring():
            self.refresh_credentials()
        backoff = Backoff(sleep=self.sleep, max_attempts=int(self.config.extra.get("max_attempts") or 6))
        try:
            return backoff.call(lambda: self._once(method, params), retry_on=(RateLimited, TransientError))
        except AuthExpired:
            if not (self.credentials.refresh_token and self.oauth is not None and self.config.token_url):
                raise
            self.refresh_credentials()  # raises AuthExpired itself when the refresh token is gone too
            return backoff.call(lambda: self._once(method, params), retry_on=(RateLimited, TransientError))

    # --- Identity and accounts ----------------------------------------------------------------------

    def check_token(self) -> Credentials:
        """Tell a user token from a community token: users.get names a user only for a user token."""
        users = []
        try:
            users = self.call("users.get") or []
        except (AuthExpired, RateLimited, TransientError):
            raise
        except SourceError:
            users = []  # a community token: VK refuses users.get without ids (27, 100, ...) or answers []
        user = users[0] if isinstance(users, list) and users and isinstance(users[0], Mapping) else None
        if user and to_int(user.get("id")):
            self.credentials.kind = "user"
            self.credentials.extra["external_id"] = str(to_int(user["id"]))
            self.credentials.extra["name"] = " ".join(
                str(user.get(k) or "").strip() for k in ("first_name", "last_name")).strip()  # fmt: skip
            return self.credentials
        groups = parse_groups(self.call("groups.getById", fields="members_count,screen_name"))
        if not groups:
            raise SourceError("VK: the token belongs neither to a user nor to a community")
        account = group_account(groups[0], domain=self.domain)
        self.credentials.kind = "community"
        self.credentials.extra.update(external_id=f"club{account.external_id}", name=account.name,
                                      group_id=account.external_id)  # fmt: skip
        self._limiter = None  # 20 requests per second from now on
        return self.credentials

    def whoami(self) -> str:
        extra = self.credentials.extra if self.credentials else {}
        if not extra.get("name") or self.credentials.kind not in ("user", "community"):
            self.check_token()
            extra = self.credentials.extra
        return str(extra.get("name") or extra.get("external_id") or "VK")

    def list_accounts(self) -> list[SourceAccount]:
        if self.credentials is not None and self.credentials.kind == "community":
            groups = parse_groups(self.call("groups.getById", fields="members_count,screen_name"))
            return [group_account(g, domain=self.domain) for g in groups]
        accounts, offset = [], 0
        while True:
            response = self.call("groups.get", filter="admin,editor,moder", extended=1,
                                 fields="members_count,screen_name", count=GROUPS_PAGE, offset=offset)  # fmt: skip
            items = parse_groups(response)
            accounts += [group_account(g, domain=self.domain) for g in items]
            offset += len(items)
            if _last_page(response, items, offset, GROUPS_PAGE):
                break
        return accounts

    def resolve_account(self, text: str) -> SourceAccount:
        groups = parse_groups(self.call("groups.getById", group_id=group_reference(text),
                                        fields="members_count,screen_name"))  # fmt: skip
        if not groups:
            raise SourceError(f"VK: no community '{text.strip()[:80]}'")
        return group_account(groups[0], domain=self.domain)

    # --- Fetching -----------------------------------------------------------------------------------

    def _day_bounds(self, window: SyncWindow) -> tuple[int, int]:
        start = dt.datetime.combine(window.since, dt.time(), self.zone)
        end = dt.datetime.combine(window.until + dt.timedelta(days=1), dt.time(), self.zone)
        return int(start.timestamp()), int(end.timestamp()) - 1

    def fetch_members(self, account: SourceAccount) -> int | None:
        groups = parse_groups(
            self.call("groups.getById", group_id=account.external_id, fields="members_count")
        )
        return to_int(groups[0].get("members_count")) if groups else None

    def fetch_stats(self, account: SourceAccount, window: SyncWindow) -> pd.DataFrame:
        start, end = self._day_bounds(window)
        days = (window.until - window.since).days + 1
        response = self.call("stats.get", group_id=account.external_id, timestamp_from=start, timestamp_to=end,
                             interval="day", intervals_count=days, stats_groups="visitors,reach,activity",
                             extended=0)  # fmt: skip
        return parse_stats(response, account=account.handle, zone=self.zone, window=window)

    def fetch_wall(self, account: SourceAccount, window: SyncWindow) -> tuple[list[Mapping], dict[str, int]]:
        """Posts of the window (newest first, paging by 100) and each post's rank on the wall."""
        items: list[Mapping] = []
        ranks: dict[str, int] = {}
        offset, owner = 0, -abs(int(account.external_id))
        start, _ = self._day_bounds(window)
        while True:
            response = self.call("wall.get", owner_id=owner, count=WALL_PAGE, offset=offset, filter="owner")
            page = _items(response)
            for item in page:
                if not _pinned(item):  # "the latest 300 posts" counts the wall's own order
                    ranks[str(to_int(item.get("id")))] = len(ranks)
            items += page
            offset += len(page)
            dated = [to_int(i.get("date")) for i in page if not _pinned(i) and to_int(i.get("date"))]
            if _last_page(response, page, offset, WALL_PAGE) or (dated and min(dated) < start):
                break
        return items, ranks

    def fetch_post_reach(self, account: SourceAccount, post_ids: list[str]) -> dict[str, dict]:
        owner = -abs(int(account.external_id))
        out: dict[str, dict] = {}
        for batch_start in range(0, len(post_ids), POST_REACH_BATCH):
            batch = post_ids[batch_start : batch_start + POST_REACH_BATCH]
            out.update(
                parse_post_reach(self.call("stats.getPostReach", owner_id=owner, post_ids=",".join(batch)))
            )
        return out

    def fetch_comments(self, account: SourceAccount, post_ids: list[str]) -> list[dict]:
        group_id, owner = abs(int(account.external_id)), -abs(int(account.external_id))
        rows: list[dict] = []
        for post_id in post_ids:
            offset, items = 0, []
            while True:
                response = self.call("wall.getComments", owner_id=owner, post_id=post_id, count=COMMENTS_PAGE,
                                     offset=offset, sort="asc", thread_items_count=THREAD_ITEMS, need_likes=0,
                                     extended=0)  # fmt: skip
                page = _items(response)
                items += page
                offset += len(page)
                if _last_page(response, page, offset, COMMENTS_PAGE, total_key="current_level_count"):
                    break
            replies = {}
            for item in items:
                if needs_thread(item, group_id=group_id):
                    thread = self.call("wall.getComments", owner_id=owner, post_id=post_id,
                                       comment_id=to_int(item.get("id")), count=COMMENTS_PAGE, sort="asc",
                                       extended=0)  # fmt: skip
                    replies[to_int(item.get("id"))] = _items(thread)
            rows += parse_comments(items, group_id=group_id, owner_id=owner, post_id=post_id, replies=replies)
        return rows

    def fetch_messages(
        self, account: SourceAccount, window: SyncWindow
    ) -> tuple[list[dict], dict[dt.date, int]]:
        """The community's messages (a community token only): conversations active in the window, their history."""
        group_id = abs(int(account.external_id))
        start, _ = self._day_bounds(window)
        rows: list[dict] = []
        per_day: dict[dt.date, int] = {}
        offset = 0
        while True:
            response = self.call("messages.getConversations", group_id=group_id, count=MESSAGES_PAGE,
                                 offset=offset, filter="all", extended=0)  # fmt: skip
            page = _items(response)
            offset += len(page)
            active = []
            for item in page:
                last = to_int(((item.get("last_message") or {}) if isinstance(item.get("last_message"), Mapping)
                               else {}).get("date"))  # fmt: skip
                peer = to_int(((item.get("conversation") or {}).get("peer") or {}).get("id"))
                if peer is not None and last is not None and last >= start:
                    active.append(peer)
            for peer in active:
                history, history_offset = [], 0
                while True:
                    part = self.call("messages.getHistory", group_id=group_id, peer_id=peer, count=MESSAGES_PAGE,
                                     offset=history_offset, extended=0)  # fmt: skip
                    messages = _items(part)
                    history += messages
                    history_offset += len(messages)
                    oldest = min((to_int(m.get("date")) or 0 for m in messages), default=0)
                    if _last_page(part, messages, history_offset, MESSAGES_PAGE) or oldest < start:
                        break
                found, days = parse_messages(history, peer_id=peer, zone=self.zone, window=window)
                rows += found
                for day, count in days.items():
                    per_day[day] = per_day.get(day, 0) + count
            # conversations come newest first: once one is older than the window, the rest are too
            if _last_page(response, page, offset, MESSAGES_PAGE) or len(active) < len(page):
                break
        return rows, per_day

    def fetch(self, account: SourceAccount, window: SyncWindow, progress: Progress) -> FetchResult:
        result = FetchResult()
        refused: list[str] = []

        def optional(what: str, action):
            try:
                return action()
            except (PermissionDenied, NotSupported) as error:
                refused.append(what)
                result.not_supported.append(note("refused", what=what, detail=str(error)))
                return None

        progress(0.0, "followers")
        today = self.today or dt.datetime.now(self.zone).date()
        members = optional("followers", lambda: self.fetch_members(account))
        if members is not None and window.since <= today <= window.until:
            result.snapshots["daily"] = pd.DataFrame(
                [{"date": today, "network": NETWORK, "account": account.handle, "followers": members}])  # fmt: skip

        if self.credentials is not None and self.credentials.kind == "community":
            return self._fetch_as_community(account, window, progress, result, members)

        progress(0.15, "community statistics")
        daily = optional("community_stats", lambda: self.fetch_stats(account, window))
        if daily is not None:
            result.frames["daily"] = daily

        progress(0.35, "posts")
        wall = optional("posts", lambda: self.fetch_wall(account, window))
        posts = pd.DataFrame()
        if wall is not None:
            items, ranks = wall
            posts = parse_wall_items(
                items, account=account.handle, zone=self.zone, window=window, domain=self.domain
            )
            result.frames["posts"] = posts
            limit = int(self.config.extra.get("post_reach_limit") or 300)
            recent = [p for p in posts["post_id"] if ranks.get(p, limit) < limit]
            if len(recent) < len(posts):
                result.not_supported.append(
                    note("vk_post_reach_limit", limit=limit, older=len(posts) - len(recent))
                )
            progress(0.55, "post reach")
            reach = optional("post_reach", lambda: self.fetch_post_reach(account, recent)) if recent else None
            if reach:
                result.snapshots["posts"] = pd.DataFrame([
                    {"network": NETWORK, "account": account.handle, "post_id": post_id,
                     "reach": values["reach"], "link_clicks": values["link_clicks"]}
                    for post_id, values in reach.items() if post_id in set(posts["post_id"])
                ], columns=["network", "account", "post_id", "reach", "link_clicks"])  # fmt: skip

            progress(0.7, "comments")
            commented = [p for p, c in zip(posts["post_id"], posts["comments"], strict=True) if c and c > 0]
            comments = (
                optional("comments", lambda: self.fetch_comments(account, commented)) if commented else []
            )
            frame = pd.DataFrame(comments or [], columns=["network", "interaction_id", "kind", "received_at",
                                                          "answered_at"])  # fmt: skip
            frame.insert(1, "account", account.handle)
            result.frames["interactions"] = frame
        if members is None and daily is None and wall is None:
            raise PermissionDenied(f"VK: nothing of {account.name} could be read ({'; '.join(refused)})",
                                   hint="permissions")  # fmt: skip
        progress(1.0, "done")
        return result

    def _fetch_as_community(self, account: SourceAccount, window: SyncWindow, progress: Progress,
                            result: FetchResult, members: int | None) -> FetchResult:  # fmt: skip
        """A community token reads the follower count and the community's messages, nothing else."""
        result.not_supported.append(note("vk_community_token"))
        progress(0.3, "messages")
        try:
            rows, per_day = self.fetch_messages(account, window)
        except (PermissionDenied, NotSupported) as error:
            result.not_supported.append(note("refused", what="messages", detail=str(error)))
            if members is None:
                raise PermissionDenied(
                    f"VK: nothing of {account.name} could be read", hint="permissions"
                ) from None
            progress(1.0, "done")
            return result
        last = min(window.until, self.today or dt.datetime.now(self.zone).date())
        days = [window.since + dt.timedelta(days=n) for n in range((last - window.since).days + 1)]
        # every message of the window was read, so a day without one is a reported zero
        result.frames["daily"] = pd.DataFrame(
            [{"date": day, "network": NETWORK, "account": account.handle, "messages_in": per_day.get(day, 0)}
             for day in days], columns=["date", "network", "account", "messages_in"])  # fmt: skip
        frame = pd.DataFrame(
            rows, columns=["network", "interaction_id", "kind", "received_at", "answered_at"]
        )
        frame.insert(1, "account", account.handle)
        result.frames["interactions"] = frame
        progress(1.0, "done")
        return result
