import { CHANGE_REQUEST_STATUSES, CardframeError, isMessageId, type ChangeRequestStatus, type FrameEventDetails, type JsonValue } from '@cardframe/protocol';

export function parseJsonBody(body: JsonValue): unknown {
  if (typeof body !== 'string') return body;
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    throw new CardframeError('ERR_MALFORMED_RESPONSE', 'the issuer response is not JSON');
  }
}

/** 204 No Content means done; a change request carries its own status. */
export function parsePinOutcome(body: JsonValue): FrameEventDetails['submit'] {
  const parsed = parseJsonBody(body);
  if (parsed === undefined || parsed === null) return { flow: 'pin', status: 'COMPLETED' };
  const request = parsed as { id?: unknown; status?: unknown };
  if (typeof parsed !== 'object' || !(CHANGE_REQUEST_STATUSES as readonly unknown[]).includes(request.status)) {
    throw new CardframeError('ERR_MALFORMED_RESPONSE', 'the issuer response is not a change request');
  }
  const status = request.status as ChangeRequestStatus;
  if (status === 'FAILED') throw new CardframeError('ERR_ISSUER_REQUEST', 'the issuer refused the PIN change');
  return isMessageId(request.id) ? { flow: 'pin', status, changeRequestId: request.id } : { flow: 'pin', status };
}

