import { ActionError } from '../errors.js'

// Node's own advice for an untrusted certificate is to start node with --use-system-ca, which an
// action's user cannot do. What they can do is give the runner's Node the CA in the step's
// environment: NODE_EXTRA_CA_CERTS is read when the action's process starts, so `env:` of the
// step (or the job, or the workflow) is the place for it.

const EXAMPLE = 'e.g. `env:` `NODE_EXTRA_CA_CERTS: /etc/ssl/certs/corporate-ca.pem` on the step or job (a PEM file on the runner)'

/** Certificates Node does not trust: a private CA, a self-signed server, or a TLS-inspecting proxy. */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE'
])
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'])
const WRONG_HOST = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH'])

function tlsCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e && typeof e === 'object'; e = e.cause as typeof e) {
    const code = e.code
    if (typeof code === 'string' && (UNTRUSTED.has(code) || EXPIRED.has(code) || WRONG_HOST.has(code))) return code
  }
  return undefined
}

function hintFor(code: string, host: string): string {
  if (UNTRUSTED.has(code)) {
    return (
      `The certificate of ${host} is not signed by a CA this runner's Node trusts (a private CA, a self-signed certificate, or a proxy that inspects TLS). ` +
      `Give Node the CA's certificate with NODE_EXTRA_CA_CERTS in the workflow's env: ${EXAMPLE}.`
    )
  }
  if (EXPIRED.has(code)) {
    return `The certificate of ${host} is expired or not yet valid: its administrator must renew it (or the runner's clock is wrong). NODE_EXTRA_CA_CERTS in the workflow's env: adds trusted CAs but cannot make an expired certificate valid.`
  }
  return `The certificate of ${host} is for another host name: use the name the certificate was issued for in the URL input. NODE_EXTRA_CA_CERTS in the workflow's env: (${EXAMPLE}) helps only when the CA is unknown, not with a name that does not match.`
}

/** A TLS verification failure as an error naming the host and what to do, or undefined for any other error. */
export function tlsFailure(what: string, url: URL, error: unknown): ActionError | undefined {
  const code = tlsCode(error)
  if (!code) return undefined
  return new ActionError(`Could not ${what}: the TLS certificate of ${url.host} was refused (${code})`, {
    title: `Could not ${what}`,
    hint: hintFor(code, url.host),
    cause: error
  })
}
