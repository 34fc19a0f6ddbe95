from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.legacy_browser_use_invocation_request import (
    LegacyBrowserUseInvocationRequest,
)
from ...models.legacy_invocation import LegacyInvocation
from ...models.legacy_stagehand_invocation_request import (
    LegacyStagehandInvocationRequest,
)
from ...types import Response


def _get_kwargs(
    id: str,
    runtime_id: str,
    *,
    body: Union[
        "LegacyBrowserUseInvocationRequest", "LegacyStagehandInvocationRequest"
    ],
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/spaces/{id}/runtimes/{runtime_id}/invocations".format(
            id=id,
            runtime_id=runtime_id,
        ),
    }

    _kwargs["json"]: dict[str, Any]
    if isinstance(body, LegacyStagehandInvocationRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[LegacyInvocation]:
    if response.status_code == 202:
        response_202 = LegacyInvocation.from_dict(response.json())

        return response_202

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Response[LegacyInvocation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    runtime_id: str,
    *,
    client: AuthenticatedClient,
    body: Union[
        "LegacyBrowserUseInvocationRequest", "LegacyStagehandInvocationRequest"
    ],
) -> Response[LegacyInvocation]:
    """Create a durable invocation for a live runtime

     Submit durable AI work to a live runtime. Use invocations for agent execution such as Stagehand or
    browser-use work that needs lifecycle tracking.

    Args:
        id (str):
        runtime_id (str):
        body (Union['LegacyBrowserUseInvocationRequest', 'LegacyStagehandInvocationRequest']):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LegacyInvocation]
    """

    kwargs = _get_kwargs(
        id=id,
        runtime_id=runtime_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    runtime_id: str,
    *,
    client: AuthenticatedClient,
    body: Union[
        "LegacyBrowserUseInvocationRequest", "LegacyStagehandInvocationRequest"
    ],
) -> Optional[LegacyInvocation]:
    """Create a durable invocation for a live runtime

     Submit durable AI work to a live runtime. Use invocations for agent execution such as Stagehand or
    browser-use work that needs lifecycle tracking.

    Args:
        id (str):
        runtime_id (str):
        body (Union['LegacyBrowserUseInvocationRequest', 'LegacyStagehandInvocationRequest']):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LegacyInvocation
    """

    return sync_detailed(
        id=id,
        runtime_id=runtime_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    runtime_id: str,
    *,
    client: AuthenticatedClient,
    body: Union[
        "LegacyBrowserUseInvocationRequest", "LegacyStagehandInvocationRequest"
    ],
) -> Response[LegacyInvocation]:
    """Create a durable invocation for a live runtime

     Submit durable AI work to a live runtime. Use invocations for agent execution such as Stagehand or
    browser-use work that needs lifecycle tracking.

    Args:
        id (str):
        runtime_id (str):
        body (Union['LegacyBrowserUseInvocationRequest', 'LegacyStagehandInvocationRequest']):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LegacyInvocation]
    """

    kwargs = _get_kwargs(
        id=id,
        runtime_id=runtime_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    runtime_id: str,
    *,
    client: AuthenticatedClient,
    body: Union[
        "LegacyBrowserUseInvocationRequest", "LegacyStagehandInvocationRequest"
    ],
) -> Optional[LegacyInvocation]:
    """Create a durable invocation for a live runtime

     Submit durable AI work to a live runtime. Use invocations for agent execution such as Stagehand or
    browser-use work that needs lifecycle tracking.

    Args:
        id (str):
        runtime_id (str):
        body (Union['LegacyBrowserUseInvocationRequest', 'LegacyStagehandInvocationRequest']):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LegacyInvocation
    """

    return (
        await asyncio_detailed(
            id=id,
            runtime_id=runtime_id,
            client=client,
            body=body,
        )
    ).parsed
