/**
 * The SCP request-authentication headers as OpenAPI security schemes, named as the docs and SCP's
 * own SDK send them. Every request carries the four signing headers; `Scp-AccountId` is sent when
 * there is an account id (the signature then includes it; without the header it signs the empty
 * string) and `X-Auth-Token` only with a session token. The global requirement lists the four
 * alternatives these make: OpenAPI ORs the requirement objects and ANDs the schemes within one.
 */

const SIGNATURE_ALGORITHM = {
  signature: 'base64(HMAC-SHA256(key, message))',
  key: 'the secret key of the access key pair, as UTF-8',
  message: [
    'HTTP method in upper case',
    'full request URL as sent: scheme, host, path and, when there is one, "?" + the encoded query string',
    'Scp-Timestamp (Unix epoch milliseconds as decimal text)',
    'Scp-Accesskey',
    'account id (the Scp-AccountId value; the empty string when none is sent)',
    'Scp-ClientType (Openapi)',
  ],
  concatenation: 'the message parts are concatenated without separators',
  body: 'the request body is not signed',
};

/** components.securitySchemes. */
export function securitySchemes(): Record<string, Record<string, unknown>> {
  return {
    ScpAccessKey: {
      type: 'apiKey',
      in: 'header',
      name: 'Scp-Accesskey',
      description: 'Access key of the SCP authentication key pair. Required together with Scp-Signature, Scp-Timestamp and Scp-ClientType.',
    },
    ScpSignature: {
      type: 'apiKey',
      in: 'header',
      name: 'Scp-Signature',
      description:
        'Request signature: base64(HMAC-SHA256(secret key, METHOD + URL + Scp-Timestamp + Scp-Accesskey + account id + Scp-ClientType)). ' +
        'The URL is the full request URL including the query string; the account id is the Scp-AccountId value (empty when none is sent); ' +
        'the body is not signed. See x-scp-signature-algorithm.',
      'x-scp-signature-algorithm': SIGNATURE_ALGORITHM,
    },
    ScpTimestamp: {
      type: 'apiKey',
      in: 'header',
      name: 'Scp-Timestamp',
      description: 'Request time as Unix epoch milliseconds (decimal text); the same value is part of the signed message.',
    },
    ScpClientType: {
      type: 'apiKey',
      in: 'header',
      name: 'Scp-ClientType',
      description: 'Client type; always `Openapi`. Part of the signed message.',
    },
    ScpAccountId: {
      type: 'apiKey',
      in: 'header',
      name: 'Scp-AccountId',
      description:
        'Account id, sent when the caller has one (SCP\'s SDK sends it, possibly empty). Part of the signed message: ' +
        'a request without it is signed with the empty string in its place.',
    },
    XAuthToken: {
      type: 'apiKey',
      in: 'header',
      name: 'X-Auth-Token',
      description: 'Session (auth) token, sent only when the caller has one, beside the signing headers; it is not part of the signed message.',
    },
  };
}

const SIGNED = { ScpAccessKey: [], ScpSignature: [], ScpTimestamp: [], ScpClientType: [] } as const;

/** Global security: the signing headers, with or without Scp-AccountId, with or without X-Auth-Token. */
export const SECURITY_REQUIREMENTS: readonly Readonly<Record<string, readonly string[]>>[] = [
  SIGNED,
  { ...SIGNED, ScpAccountId: [] },
  { ...SIGNED, XAuthToken: [] },
  { ...SIGNED, ScpAccountId: [], XAuthToken: [] },
];
