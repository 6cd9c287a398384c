/**
 * The SCP request-signing headers as OpenAPI security schemes: four apiKey headers that are
 * required together, with the signing algorithm described in `x-scp-signature-algorithm`.
 */

export const SIGNATURE_ALGORITHM = {
  signature: 'base64(HMAC-SHA256(key, message))',
  key: 'the secret key of the access key pair, as UTF-8',
  message: [
    'HTTP method in upper case',
    'full request URL as sent: scheme, host, path and, when there is one, "?" + the encoded query string',
    'Scp-Timestamp (Unix epoch milliseconds as decimal text)',
    'Scp-Accesskey',
    'account id (sent as Scp-AccountId; empty string when none)',
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
        'The URL is the full request URL including the query string; the body is not signed. See x-scp-signature-algorithm.',
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
  };
}

/** Global security requirement: all four headers on every request. */
export const SECURITY_REQUIREMENT: Readonly<Record<string, readonly string[]>> = { ScpAccessKey: [], ScpSignature: [], ScpTimestamp: [], ScpClientType: [] };
