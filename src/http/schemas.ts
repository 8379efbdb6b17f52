// Schema pieces shared by routes.
import { Type, type TSchema } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });

export const ErrorBody = Type.Object({ detail: Type.String(), code: Type.String() });
export const ValidationErrorBody = Type.Object({ code: Type.Literal('invalid_request_data'), message: Type.String(), errors: Type.Object({}, { additionalProperties: true }) });

export function CursorPageOf<T extends TSchema>(item: T) {
  return Type.Object({ next: Type.Union([Type.String(), Type.Null()]), previous: Type.Union([Type.String(), Type.Null()]), results: Type.Array(item) });
}

/** A query datetime as the contract accepts it; parsed with parseQueryDate in the handler. */
export const QueryDate = Type.String({ minLength: 1, maxLength: 64 });

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
