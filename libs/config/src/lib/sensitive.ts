const sensitiveVariables = new Set<string>();

/** Marks an env variable as a secret: accepted as `NAME_FILE`, never printed, redacted from logs. */
export function Sensitive(): PropertyDecorator {
  return (_target, propertyKey) => {
    sensitiveVariables.add(String(propertyKey));
  };
}

export function isSensitiveVariable(name: string): boolean {
  return sensitiveVariables.has(name);
}
