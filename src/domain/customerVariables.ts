/**
 * Process-independent (customer) variables: visible in every experience of the platform.
 * Sample values describe the sample customer John Smith used by the test bench.
 */
export const customerVariables = [
  { name: 'firstname', sample: 'John' },
  { name: 'lastname', sample: 'Smith' },
  { name: 'email', sample: 'john.smith@example.org' },
  { name: 'auth_email', sample: 'john.smith@example.org' },
  { name: 'gender', sample: 'male' },
  { name: 'birthdate', sample: '1980-04-12' },
  { name: 'street', sample: 'Main Street 1' },
  { name: 'zip', sample: '12345' },
  { name: 'city', sample: 'Springfield' },
  { name: 'country', sample: 'US' },
  { name: 'phone', sample: '+1 555 0100' },
  { name: 'consent_single_opt_in_newsletter', sample: 'true' },
  { name: 'consent_double_opt_in_sms', sample: 'false' },
] as const satisfies readonly { name: string; sample: string }[];

export const customerVariableNames: ReadonlySet<string> = new Set(
  customerVariables.map((variable) => variable.name),
);
