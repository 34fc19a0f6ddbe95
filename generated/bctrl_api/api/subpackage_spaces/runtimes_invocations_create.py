from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
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
) -> Optional[Union[ErrorResponse, LegacyInvocation]]:
    if response.status_code == 202:
        response_202 = LegacyInvocation.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 415:
        response_415 = ErrorResponse.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Response[Union[ErrorResponse, LegacyInvocation]]:
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
) -> Response[Union[ErrorResponse, LegacyInvocation]]:
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
        Response[Union[ErrorResponse, LegacyInvocation]]
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
) -> Optional[Union[ErrorResponse, LegacyInvocation]]:
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
        Union[ErrorResponse, LegacyInvocation]
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
) -> Response[Union[ErrorResponse, LegacyInvocation]]:
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
        Response[Union[ErrorResponse, LegacyInvocation]]
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
) -> Optional[Union[ErrorResponse, LegacyInvocation]]:
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
        Union[ErrorResponse, LegacyInvocation]
    """

    return (
        await asyncio_detailed(
            id=id,
            runtime_id=runtime_id,
            client=client,
            body=body,
        )
    ).parsed
