// @ts-check
// The floor for any Node.js client: the least work a Node process can do to save a download and
// give its SHA-256. One plain socket read into one reused buffer (no allocation per read, so no
// garbage to collect), no HTTP library (the fake GitLab sends a Content-Length and nothing after
// the body), each read hashed and the bytes written in 512 KiB batches, as the action does. Not a
// client anyone should ship: it exists to show where Node's own cost ends and the action's begins.
// Usage: node bench/node-floor-download.js <url> <token> <file> [--no-hash]
import { createHash } from 'node:crypto'
import { closeSync, openSync, writeSync } from 'node:fs'
import net from 'node:net'

const [address, token, file, flag] = process.argv.slice(2)
const url = new URL(address)
const hash = flag === '--no-hash' ? undefined : createHash('sha256')
const output = openSync(file, 'w')
const READ_BYTES = 64 * 1024
const BATCH_BYTES = 512 * 1024
const batch = Buffer.allocUnsafe(BATCH_BYTES + READ_BYTES)
let batched = 0
let inBody = false
let header = Buffer.alloc(0)
const readBuffer = Buffer.allocUnsafe(READ_BYTES)

function flush() {
  for (let offset = 0; offset < batched;) offset += writeSync(output, batch, offset, batched - offset)
  batched = 0
}

/** @param {Buffer} bytes */
function body(bytes) {
  hash?.update(bytes)
  bytes.copy(batch, batched)
  batched += bytes.length
  if (batched >= BATCH_BYTES) flush()
}

/** @param {Buffer} read */
function received(read) {
  if (inBody) return body(read)
  header = Buffer.concat([header, read])
  const end = header.indexOf('\r\n\r\n')
  if (end === -1) return
  if (!/^HTTP\/1\.1 200 /.test(header.toString('latin1', 0, 16))) throw new Error(`unexpected answer: ${header.toString('latin1', 0, end)}`)
  inBody = true
  body(header.subarray(end + 4))
}

await new Promise((resolve, reject) => {
  const socket = net.connect({
    host: url.hostname,
    port: Number(url.port),
    onread: {
      buffer: readBuffer,
      callback: length => {
        received(readBuffer.subarray(0, length))
        return true
      }
    }
  })
  socket.on('connect', () => socket.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nPRIVATE-TOKEN: ${token}\r\nConnection: close\r\n\r\n`))
  socket.on('end', resolve)
  socket.on('error', reject)
})
flush()
closeSync(output)
// Finished as the action finishes its hash, so that the floor pays the same; the value itself is not needed.
if (hash) hash.digest('hex')
