from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.runtime import Runtime
from ...types import Response


def _get_kwargs(
    runtime_id: str,
) -> dict[str, Any]:
    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/runtimes/{runtime_id}/stop".format(
            runtime_id=runtime_id,
        ),
    }

    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[ErrorResponse, Runtime]]:
    if response.status_code == 200:
        response_200 = Runtime.from_dict(response.json())

        return response_200

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
) -> Response[Union[ErrorResponse, Runtime]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    runtime_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Union[ErrorResponse, Runtime]]:
    """Stop a runtime

     Stop the runtime: it becomes `stopped` with `activeRunId: null`, and its live invocations end
    `cancelled`. Stopping a runtime that is no longer active returns it unchanged, so stop is
    idempotent.

    Args:
        runtime_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[ErrorResponse, Runtime]]
    """

    kwargs = _get_kwargs(
        runtime_id=runtime_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    runtime_id: str,
    *,
    client: AuthenticatedClient,
) -> Optional[Union[ErrorResponse, Runtime]]:
    """Stop a runtime

     Stop the runtime: it becomes `stopped` with `activeRunId: null`, and its live invocations end
    `cancelled`. Stopping a runtime that is no longer active returns it unchanged, so stop is
    idempotent.

    Args:
        runtime_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[ErrorResponse, Runtime]
    """

    return sync_detailed(
        runtime_id=runtime_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    runtime_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Union[ErrorResponse, Runtime]]:
    """Stop a runtime

     Stop the runtime: it becomes `stopped` with `activeRunId: null`, and its live invocations end
    `cancelled`. Stopping a runtime that is no longer active returns it unchanged, so stop is
    idempotent.

    Args:
        runtime_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[ErrorResponse, Runtime]]
    """

    kwargs = _get_kwargs(
        runtime_id=runtime_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    runtime_id: str,
    *,
    client: AuthenticatedClient,
) -> Optional[Union[ErrorResponse, Runtime]]:
    """Stop a runtime

     Stop the runtime: it becomes `stopped` with `activeRunId: null`, and its live invocations end
    `cancelled`. Stopping a runtime that is no longer active returns it unchanged, so stop is
    idempotent.

    Args:
        runtime_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[ErrorResponse, Runtime]
    """

    return (
        await asyncio_detailed(
            runtime_id=runtime_id,
            client=client,
        )
    ).parsed
