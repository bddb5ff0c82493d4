/** What kind of personal data a customer profile field holds, as a record of processing names it. */
export type PersonalDataCategory =
  'name' | 'email' | 'gender' | 'birthdate' | 'address' | 'phone' | 'consent';

/**
 * Process-independent (customer) variables: visible in every experience of the platform.
 * Sample values describe the sample customer John Smith used by the test bench. `personal`
 * classes each field: every one describes the identified customer, so all are personal data
 * (the country as part of the postal address, gender as data about the person).
 */
export const customerVariables = [
  { name: 'firstname', sample: 'John', personal: 'name' },
  { name: 'lastname', sample: 'Smith', personal: 'name' },
  { name: 'email', sample: 'john.smith@example.org', personal: 'email' },
  { name: 'auth_email', sample: 'john.smith@example.org', personal: 'email' },
  { name: 'gender', sample: 'male', personal: 'gender' },
  { name: 'birthdate', sample: '1980-04-12', personal: 'birthdate' },
  { name: 'street', sample: 'Main Street 1', personal: 'address' },
  { name: 'zip', sample: '12345', personal: 'address' },
  { name: 'city', sample: 'Springfield', personal: 'address' },
  { name: 'country', sample: 'US', personal: 'address' },
  { name: 'phone', sample: '+1 555 0100', personal: 'phone' },
  { name: 'consent_single_opt_in_newsletter', sample: 'true', personal: 'consent' },
  { name: 'consent_double_opt_in_sms', sample: 'false', personal: 'consent' },
] as const satisfies readonly {
  name: string;
  sample: string;
  personal: PersonalDataCategory | null;
}[];

export const customerVariableNames: ReadonlySet<string> = new Set(
  customerVariables.map((variable) => variable.name),
);

/** The sample customer John Smith's values: the test bench's samples, a preview's start. */
export function sampleCustomerValues(): Record<string, string> {
  return Object.fromEntries(customerVariables.map(({ name, sample }) => [name, sample]));
}
