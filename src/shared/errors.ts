import type { z } from 'zod';
import type { ApiError, ErrorCode } from './contract';

/** An error meant for the agent: a code, a Chinese message, and per-field messages when known. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return this.fieldErrors
      ? { code: this.code, message: this.message, fieldErrors: this.fieldErrors }
      : { code: this.code, message: this.message };
  }
}

/** First message per field path ("appeal.callerPhone"), so the UI can show it next to the field. */
export function fieldErrorsFromZod(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (!(path in fieldErrors)) fieldErrors[path] = issueMessage(issue);
  }
  return fieldErrors;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_type':
      // zod's own English text is for developers; keep it after a Chinese lead.
      return `类型不对（${issue.message}）`;
    default:
      return issue.message;
  }
}

export function validationError(error: z.ZodError, prefix = ''): AppError {
  const fields = fieldErrorsFromZod(error);
  const prefixed = prefix
    ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [k === '_' ? prefix : `${prefix}.${k}`, v]))
    : fields;
  const first = Object.values(prefixed)[0] ?? '输入有误';
  return new AppError('VALIDATION', `输入有误：${first}`, prefixed);
}

/** Turns anything thrown into the structured error the boundary returns; never leaks a stack. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof AppError) return error.toApiError();
  return { code: 'INTERNAL', message: '系统内部错误，请重试；如仍失败请联系管理员' };
}
