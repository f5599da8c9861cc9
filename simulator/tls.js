// @ts-check
// A private CA and server certificates made at test time with the openssl command line, for the
// simulator's HTTPS mode: a certificate the action trusts only through NODE_EXTRA_CA_CERTS, as
// with a self-managed GitLab or Harness behind a company CA.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * @typedef {object} ServerCertificate
 * @property {string} key   PEM private key.
 * @property {string} cert  PEM certificate, signed by the CA.
 */

/**
 * @typedef {object} PrivateCa
 * @property {string} caFile  Path of the CA certificate (PEM): the value for NODE_EXTRA_CA_CERTS.
 * @property {(names: string[], options?: { expired?: boolean, selfSigned?: boolean }) => ServerCertificate} issue
 *   A certificate for these host names / IP addresses: signed by the CA, or self-signed, or expired (a validity in 2020).
 * @property {() => void} remove  Deletes the folder with the keys.
 */

/** @param {string[]} args @param {string} cwd */
function openssl(args, cwd) {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
}

/** A new P-256 key, unencrypted: the same for the CA and every server certificate. */
const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']

/** @param {string[]} names */
function subjectAltName(names) {
  return names.map(name => (/^[\d.]+$|:/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',')
}

/** @returns {PrivateCa} */
export function makePrivateCa() {
  const dir = mkdtempSync(path.join(tmpdir(), 'simulator-ca-'))
  openssl(
    [
      'req',
      '-x509',
      ...NEW_KEY,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=Simulator Private CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign'
    ],
    dir
  )
  let serial = 0
  return {
    caFile: path.join(dir, 'ca.pem'),
    issue(names, options = {}) {
      const id = `server-${++serial}`
      const san = subjectAltName(names)
      if (options.selfSigned) {
        openssl(
          [
            'req',
            '-x509',
            ...NEW_KEY,
            '-keyout',
            `${id}.key`,
            '-out',
            `${id}.pem`,
            '-days',
            '2',
            '-subj',
            `/CN=${names[0]}`,
            '-addext',
            `subjectAltName=${san}`
          ],
          dir
        )
      } else {
        openssl(['req', '-new', ...NEW_KEY, '-keyout', `${id}.key`, '-out', `${id}.csr`, '-subj', `/CN=${names[0]}`], dir)
        writeFileSync(path.join(dir, `${id}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`)
        if (options.expired) signExpired(dir, id)
        else
          openssl(
            [
              'x509',
              '-req',
              '-in',
              `${id}.csr`,
              '-CA',
              'ca.pem',
              '-CAkey',
              'ca.key',
              '-CAcreateserial',
              '-days',
              '2',
              '-out',
              `${id}.pem`,
              '-extfile',
              `${id}.ext`
            ],
            dir
          )
      }
      return { key: readFileSync(path.join(dir, `${id}.key`), 'utf8'), cert: readFileSync(path.join(dir, `${id}.pem`), 'utf8') }
    },
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

/** `openssl x509` of OpenSSL 3.0 cannot set dates in the past; `openssl ca` can. @param {string} dir @param {string} id */
function signExpired(dir, id) {
  writeFileSync(path.join(dir, 'index.txt'), '')
  writeFileSync(path.join(dir, 'serial'), '1000\n')
  writeFileSync(
    path.join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = simulator',
      '[simulator]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'serial = $dir/serial',
      'new_certs_dir = $dir',
      'certificate = $dir/ca.pem',
      'private_key = $dir/ca.key',
      'default_md = sha256',
      'policy = anything',
      'unique_subject = no',
      '[anything]',
      'commonName = supplied'
    ].join('\n')
  )
  openssl(
    [
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-in',
      `${id}.csr`,
      '-out',
      `${id}.pem`,
      '-notext',
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200102000000Z',
      '-extfile',
      `${id}.ext`
    ],
    dir
  )
}
