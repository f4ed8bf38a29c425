"""Run fake providers on 127.0.0.1 (port 0) in a background thread, over real HTTP.

    with run_fakes(clock=clock) as hub:        # every registered provider, mounted at /<name>
        env = hub.env()                        # SMMKPI_VK_API_URL=http://127.0.0.1:PORT/vk/method, ...
        hub["vk"].expire_access_tokens()       # each provider object is the fake's state and controls

A provider is a class with ``name``, ``__init__(base_url, **options)``, ``app`` (a Starlette app or
any ASGI app, mounted under ``/<name>``) and ``env()`` (the SMMKPI_<SOURCE>_* settings that point the
app at it). Register it with :func:`register_provider` in its module and list the module in
``tests/fakes/__init__.py``.
"""

from __future__ import annotations

import importlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Mount, Route

PROVIDERS: dict[str, type] = {}
START_TIMEOUT_S = 10


def register_provider(cls: type) -> type:
    PROVIDERS[cls.name] = cls
    return cls


def load_providers() -> dict[str, type]:
    from tests import fakes

    for module in fakes.PROVIDER_MODULES:
        importlib.import_module(module)
    return PROVIDERS


class FakeClock:
    """A clock whose ``sleep`` only moves time forward: share it between a connector and a fake."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start
        self.slept: list[float] = []
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.slept.append(seconds)
            self.now += max(0.0, seconds)

    def advance(self, seconds: float) -> None:
        self.sleep(seconds)


class FakeServer:
    """An ASGI app served by uvicorn on 127.0.0.1 in a daemon thread; the port is known before start."""

    def __init__(self, port: int = 0) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # accepted connections inherit it: without it every keep-alive response waits ~40 ms (Nagle)
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._socket.bind(("127.0.0.1", port))
        self.port = self._socket.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self, app) -> str:
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the fake provider server did not start")
            time.sleep(0.01)
        return self.base_url

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        self._socket.close()


class FakeHub:
    """The running fakes: ``hub["vk"]`` is the VK fake, ``hub.env()`` the settings for all of them."""

    def __init__(self, base_url: str, providers: dict[str, object]) -> None:
        self.base_url = base_url
        self.providers = providers

    def __getitem__(self, name: str):
        return self.providers[name]

    def env(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for provider in self.providers.values():
            out.update(provider.env())
        return out


@contextmanager
def run_fakes(
    *names: str, clock: Callable[[], float] | None = None, port: int = 0, **options
) -> Iterator[FakeHub]:
    """Start the named providers (default: all registered) on one 127.0.0.1 server; stop them after.

    ``options`` maps a provider name to its keyword arguments (``vk={"today": ...}``).
    """
    registry = load_providers()
    wanted = names or tuple(registry)
    server = FakeServer(port)  # the port exists before the providers need their base URL
    providers = {}
    for name in wanted:
        provider_options = dict(options.get(name, {}))
        if clock is not None:
            provider_options.setdefault("clock", clock)
        providers[name] = registry[name](f"{server.base_url}/{name}", **provider_options)
    routes = [Mount(f"/{name}", app=p.app) for name, p in providers.items()]
    routes.append(Route("/favicon.ico", lambda request: Response(status_code=204)))  # browsers ask for it
    server.start(Starlette(routes=routes))
    try:
        yield FakeHub(server.base_url, providers)
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.fakes.server``: run every fake until Ctrl+C and print the settings that use them."""
    import argparse

    parser = argparse.ArgumentParser(description="Run the fake providers on 127.0.0.1 for manual testing.")
    parser.add_argument("names", nargs="*", help="providers to run (default: all)")
    parser.add_argument("--port", type=int, default=0, help="fixed port (default: any free one)")
    args = parser.parse_args(argv)
    # run as __main__ this file is a second module object: use the one the providers registered with
    module = importlib.import_module("tests.fakes.server")
    with module.run_fakes(*args.names, port=args.port) as hub:
        for key, value in sorted(hub.env().items()):
            print(f"export {key}={value}")
        print("# fakes running; Ctrl+C stops them", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
