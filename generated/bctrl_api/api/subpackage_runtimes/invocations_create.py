from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.act_invocation_request import ActInvocationRequest
from ...models.browser_use_invocation_request import BrowserUseInvocationRequest
from ...models.error_response import ErrorResponse
from ...models.extract_invocation_request import ExtractInvocationRequest
from ...models.invocation import Invocation
from ...models.observe_invocation_request import ObserveInvocationRequest
from ...models.solve_captcha_invocation_request import SolveCaptchaInvocationRequest
from ...models.stagehand_agent_invocation_request import StagehandAgentInvocationRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    runtime_id: str,
    *,
    body: Union[
        "ActInvocationRequest",
        "BrowserUseInvocationRequest",
        "ExtractInvocationRequest",
        "ObserveInvocationRequest",
        "SolveCaptchaInvocationRequest",
        "StagehandAgentInvocationRequest",
    ],
    idempotency_key: Union[Unset, str] = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/runtimes/{runtime_id}/invocations".format(
            runtime_id=runtime_id,
        ),
    }

    _kwargs["json"]: dict[str, Any]
    if isinstance(body, ActInvocationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, BrowserUseInvocationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, ExtractInvocationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, ObserveInvocationRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, SolveCaptchaInvocationRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[ErrorResponse, Invocation]]:
    if response.status_code == 202:
        response_202 = Invocation.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorResponse.from_dict(response.json())

        return response_402

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
) -> Response[Union[ErrorResponse, Invocation]]:
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
    body: Union[
        "ActInvocationRequest",
        "BrowserUseInvocationRequest",
        "ExtractInvocationRequest",
        "ObserveInvocationRequest",
        "SolveCaptchaInvocationRequest",
        "StagehandAgentInvocationRequest",
    ],
    idempotency_key: Union[Unset, str] = UNSET,
) -> Response[Union[ErrorResponse, Invocation]]:
    """Create a durable invocation for a live runtime

     Submit durable AI work to a live runtime using the simplified invocation contract.

    Args:
        runtime_id (str):
        idempotency_key (Union[Unset, str]): 1 to 255 printable ASCII characters, without leading
            or trailing spaces
        body (Union['ActInvocationRequest', 'BrowserUseInvocationRequest',
            'ExtractInvocationRequest', 'ObserveInvocationRequest', 'SolveCaptchaInvocationRequest',
            'StagehandAgentInvocationRequest']):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[ErrorResponse, Invocation]]
    """

    kwargs = _get_kwargs(
        runtime_id=runtime_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    runtime_id: str,
    *,
    client: AuthenticatedClient,
    body: Union[
        "ActInvocationRequest",
        "BrowserUseInvocationRequest",
        "ExtractInvocationRequest",
        "ObserveInvocationRequest",
        "SolveCaptchaInvocationRequest",
        "StagehandAgentInvocationRequest",
    ],
    idempotency_key: Union[Unset, str] = UNSET,
) -> Optional[Union[ErrorResponse, Invocation]]:
    """Create a durable invocation for a live runtime

     Submit durable AI work to a live runtime using the simplified invocation contract.

    Args:
        runtime_id (str):
        idempotency_key (Union[Unset, str]): 1 to 255 printable ASCII characters, without leading
            or trailing spaces
        body (Union['ActInvocationRequest', 'BrowserUseInvocationRequest',
            'ExtractInvocationRequest', 'ObserveInvocationRequest', 'SolveCaptchaInvocationRequest',
            'StagehandAgentInvocationRequest']):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[ErrorResponse, Invocation]
    """

    return sync_detailed(
        runtime_id=runtime_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    runtime_id: str,
    *,
    client: AuthenticatedClient,
    body: Union[
        "ActInvocationRequest",
        "BrowserUseInvocationRequest",
        "ExtractInvocationRequest",
        "ObserveInvocationRequest",
        "SolveCaptchaInvocationRequest",
        "StagehandAgentInvocationRequest",
    ],
    idempotency_key: Union[Unset, str] = UNSET,
) -> Response[Union[ErrorResponse, Invocation]]:
    """Create a durable invocation for a live runtime

     Submit durable AI work to a live runtime using the simplified invocation contract.

    Args:
        runtime_id (str):
        idempotency_key (Union[Unset, str]): 1 to 255 printable ASCII characters, without leading
            or trailing spaces
        body (Union['ActInvocationRequest', 'BrowserUseInvocationRequest',
            'ExtractInvocationRequest', 'ObserveInvocationRequest', 'SolveCaptchaInvocationRequest',
            'StagehandAgentInvocationRequest']):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[ErrorResponse, Invocation]]
    """

    kwargs = _get_kwargs(
        runtime_id=runtime_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    runtime_id: str,
    *,
    client: AuthenticatedClient,
    body: Union[
        "ActInvocationRequest",
        "BrowserUseInvocationRequest",
        "ExtractInvocationRequest",
        "ObserveInvocationRequest",
        "SolveCaptchaInvocationRequest",
        "StagehandAgentInvocationRequest",
    ],
    idempotency_key: Union[Unset, str] = UNSET,
) -> Optional[Union[ErrorResponse, Invocation]]:
    """Create a durable invocation for a live runtime

     Submit durable AI work to a live runtime using the simplified invocation contract.

    Args:
        runtime_id (str):
        idempotency_key (Union[Unset, str]): 1 to 255 printable ASCII characters, without leading
            or trailing spaces
        body (Union['ActInvocationRequest', 'BrowserUseInvocationRequest',
            'ExtractInvocationRequest', 'ObserveInvocationRequest', 'SolveCaptchaInvocationRequest',
            'StagehandAgentInvocationRequest']):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[ErrorResponse, Invocation]
    """

    return (
        await asyncio_detailed(
            runtime_id=runtime_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
