import { SimHttpError } from '../../shared/sim-http-error';

/** `{"errors":[{msg, code}]}`: Kore's error shape without the webhook's `_v`/`_t` (UNCONFIRMED for the SDK endpoints). */
export function botkitErrorBody(msg: string, code: number): { errors: { msg: string; code: number }[] } {
  return { errors: [{ msg, code }] };
}

/** BotKit's own auth failure body (`APIKeyMiddleware`); the simulator answers SDK auth failures with it too. */
export const INVALID_APIKEY = botkitErrorBody('Invalid apikey', 4002);

export function botkitError(status: number, msg: string, code: number = status): SimHttpError {
  return new SimHttpError(status, msg, botkitErrorBody(msg, code));
}
