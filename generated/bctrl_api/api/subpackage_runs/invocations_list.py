from http import HTTPStatus
from typing import Any, Optional, Union

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.invocation_action import InvocationAction
from ...models.invocation_status import InvocationStatus
from ...models.run_invocation_list_response import RunInvocationListResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    run_id: str,
    *,
    status: Union[InvocationStatus, Unset, list[InvocationStatus]] = UNSET,
    action: Union[InvocationAction, Unset, list[InvocationAction]] = UNSET,
    cursor: Union[Unset, str] = UNSET,
    limit: Union[Unset, int] = 50,
) -> dict[str, Any]:
    params: dict[str, Any] = {}

    json_status: Union[Unset, list[str], str]
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, InvocationStatus):
        json_status = status.value
    else:
        json_status = []
        for componentsschemas_invocation_status_list_item_data in status:
            componentsschemas_invocation_status_list_item = (
                componentsschemas_invocation_status_list_item_data.value
            )
            json_status.append(componentsschemas_invocation_status_list_item)

    params["status"] = json_status

    json_action: Union[Unset, list[str], str]
    if isinstance(action, Unset):
        json_action = UNSET
    elif isinstance(action, InvocationAction):
        json_action = action.value
    else:
        json_action = []
        for componentsschemas_invocation_action_list_item_data in action:
            componentsschemas_invocation_action_list_item = (
                componentsschemas_invocation_action_list_item_data.value
            )
            json_action.append(componentsschemas_invocation_action_list_item)

    params["action"] = json_action

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/runs/{run_id}/invocations".format(
            run_id=run_id,
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: Union[AuthenticatedClient, Client], response: httpx.Response
) -> Optional[Union[ErrorResponse, RunInvocationListResponse]]:
    if response.status_code == 200:
        response_200 = RunInvocationListResponse.from_dict(response.json())

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
) -> Response[Union[ErrorResponse, RunInvocationListResponse]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    run_id: str,
    *,
    client: AuthenticatedClient,
    status: Union[InvocationStatus, Unset, list[InvocationStatus]] = UNSET,
    action: Union[InvocationAction, Unset, list[InvocationAction]] = UNSET,
    cursor: Union[Unset, str] = UNSET,
    limit: Union[Unset, int] = 50,
) -> Response[Union[ErrorResponse, RunInvocationListResponse]]:
    """List run invocations

     List the invocations a run produced using the simplified response envelope. This is the
    observability view over invocation history.

    Args:
        run_id (str):
        status (Union[InvocationStatus, Unset, list[InvocationStatus]]):
        action (Union[InvocationAction, Unset, list[InvocationAction]]):
        cursor (Union[Unset, str]):
        limit (Union[Unset, int]):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[ErrorResponse, RunInvocationListResponse]]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
        status=status,
        action=action,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    run_id: str,
    *,
    client: AuthenticatedClient,
    status: Union[InvocationStatus, Unset, list[InvocationStatus]] = UNSET,
    action: Union[InvocationAction, Unset, list[InvocationAction]] = UNSET,
    cursor: Union[Unset, str] = UNSET,
    limit: Union[Unset, int] = 50,
) -> Optional[Union[ErrorResponse, RunInvocationListResponse]]:
    """List run invocations

     List the invocations a run produced using the simplified response envelope. This is the
    observability view over invocation history.

    Args:
        run_id (str):
        status (Union[InvocationStatus, Unset, list[InvocationStatus]]):
        action (Union[InvocationAction, Unset, list[InvocationAction]]):
        cursor (Union[Unset, str]):
        limit (Union[Unset, int]):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[ErrorResponse, RunInvocationListResponse]
    """

    return sync_detailed(
        run_id=run_id,
        client=client,
        status=status,
        action=action,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    run_id: str,
    *,
    client: AuthenticatedClient,
    status: Union[InvocationStatus, Unset, list[InvocationStatus]] = UNSET,
    action: Union[InvocationAction, Unset, list[InvocationAction]] = UNSET,
    cursor: Union[Unset, str] = UNSET,
    limit: Union[Unset, int] = 50,
) -> Response[Union[ErrorResponse, RunInvocationListResponse]]:
    """List run invocations

     List the invocations a run produced using the simplified response envelope. This is the
    observability view over invocation history.

    Args:
        run_id (str):
        status (Union[InvocationStatus, Unset, list[InvocationStatus]]):
        action (Union[InvocationAction, Unset, list[InvocationAction]]):
        cursor (Union[Unset, str]):
        limit (Union[Unset, int]):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Union[ErrorResponse, RunInvocationListResponse]]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
        status=status,
        action=action,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    run_id: str,
    *,
    client: AuthenticatedClient,
    status: Union[InvocationStatus, Unset, list[InvocationStatus]] = UNSET,
    action: Union[InvocationAction, Unset, list[InvocationAction]] = UNSET,
    cursor: Union[Unset, str] = UNSET,
    limit: Union[Unset, int] = 50,
) -> Optional[Union[ErrorResponse, RunInvocationListResponse]]:
    """List run invocations

     List the invocations a run produced using the simplified response envelope. This is the
    observability view over invocation history.

    Args:
        run_id (str):
        status (Union[InvocationStatus, Unset, list[InvocationStatus]]):
        action (Union[InvocationAction, Unset, list[InvocationAction]]):
        cursor (Union[Unset, str]):
        limit (Union[Unset, int]):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Union[ErrorResponse, RunInvocationListResponse]
    """

    return (
        await asyncio_detailed(
            run_id=run_id,
            client=client,
            status=status,
            action=action,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
