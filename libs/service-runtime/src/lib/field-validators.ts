import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateBy, type ValidationArguments } from 'class-validator';

/** No C0/C1 control characters (NUL breaks PostgreSQL text columns; all of them break log lines). */
export const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;

/** An identifier we key rows or log lines on: a non-empty string, bounded, without control characters. */
export function IsIdentifier(maxLength: number): PropertyDecorator {
  return applyDecorators(
    IsString(),
    IsNotEmpty(),
    MaxLength(maxLength),
    Matches(NO_CONTROL_CHARACTERS, { message: '$property must not contain control characters' }),
  );
}

/** An optional short string (names, enums a partner may extend). */
export function OptionalText(maxLength: number): PropertyDecorator {
  return applyDecorators(IsOptional(), IsString(), MaxLength(maxLength));
}

/** `GenesysMetaData`: a JSON object, or a JSON string of one (Kore passes `JSON.stringify(meta)`); "" means none. */
export function IsJsonObjectOrString(): PropertyDecorator {
  const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  return ValidateBy({
    name: 'isJsonObjectOrString',
    validator: {
      validate: (value: unknown) => {
        if (isObject(value) || value === '') return true;
        if (typeof value !== 'string') return false;
        try {
          return isObject(JSON.parse(value));
        } catch {
          return false;
        }
      },
      defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} must be a JSON object or a string holding one`,
    },
  });
}
