"""An httpx transport that spreads requests over several independent connection pools.

httpcore's pool rescans every connection for every queued request on each request event
(O(connections * queued) per event; encode/httpcore#1035, encode/httpx#3215). With a
thousand long polls in flight on one ``AsyncClient`` that dominates the client's CPU.
Spreading the same connections over ``shards`` pools (round robin) divides that work;
it is plain public httpx API, passed to the SDK as ``http_client``.
"""

from __future__ import annotations

import itertools
import ssl
from typing import List

import httpx


class ShardedAsyncTransport(httpx.AsyncBaseTransport):
    def __init__(self, shards: int = 20, max_connections: int = 1000, max_keepalive: int = 200) -> None:
        per_shard = httpx.Limits(
            max_connections=max(1, max_connections // shards),
            max_keepalive_connections=max(1, max_keepalive // shards),
        )
        verify = ssl.create_default_context()  # one context for every shard (each costs ~30 ms to build)
        self._pools: List[httpx.AsyncHTTPTransport] = [
            httpx.AsyncHTTPTransport(limits=per_shard, verify=verify) for _ in range(shards)
        ]
        self._next = itertools.cycle(range(shards))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._pools[next(self._next)].handle_async_request(request)

    async def aclose(self) -> None:
        for pool in self._pools:
            await pool.aclose()


def sharded_client(shards: int = 20, max_connections: int = 1000, max_keepalive: int = 200) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` with the SDK's default limits, spread over ``shards`` pools."""
    return httpx.AsyncClient(transport=ShardedAsyncTransport(shards, max_connections, max_keepalive))
