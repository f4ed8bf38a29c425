"""Fake providers (VK, OK, Telegram, Yandex Metrica, ...) served over real HTTP on 127.0.0.1.

`tests.fakes.server` runs one Starlette app with every provider mounted under its own prefix
(`/vk/...`, `/ok/...`); each provider lives in its own module here and registers itself with
`tests.fakes.server.register_provider`. Add a provider by adding its module to PROVIDER_MODULES.
"""

PROVIDER_MODULES = [
    "tests.fakes.vk",
    # --- more providers (issue 4, part B): one line per module ---
    "tests.fakes.yandex_metrica",
    "tests.fakes.ok",
    "tests.fakes.telegram",
]
