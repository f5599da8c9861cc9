// @ts-check
// A fake GitLab API v4 for job artifacts, on loopback, built to GitLab's documented behaviour:
// archives by job id or by ref + job name, single files, keep, delete, 302 redirects to a
// separate "object storage" origin, Content-Disposition / Content-Length / ETag, rate limits,
// and failure injection. The storage origin records any GitLab credential that reaches it.
import { createHash, randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import net from 'node:net'
import { Readable } from 'node:stream'
import { finished, pipeline } from 'node:stream/promises'
import { sendJson, startServer } from './server.js'
import { entryContent, zipChunks, zipSize } from './zip.js'

/**
 * @typedef {import('./zip.js').ZipEntry} ZipEntry
 * @typedef {import('./server.js').RecordedRequest} RecordedRequest
 * @typedef {import('./server.js').RunningServer} RunningServer
 * @typedef {import('node:http').ServerResponse} ServerResponse
 */

/**
 * @typedef {object} FakeJob
 * @property {number} id
 * @property {string} [name]  Job name, for lookups by ref + job.
 * @property {string} [ref]  Branch or tag of the pipeline the job ran in.
 * @property {boolean} [latest]  In the latest successful pipeline of its ref (default true); false: found by ref only with search_recent_successful_pipelines=true.
 * @property {ZipEntry[]} [entries]  Its artifacts archive, generated (and streamed) from these entries.
 * @property {Buffer} [archive]  Or the archive's raw bytes (a corrupt zip, say). Neither: the job has no artifacts (404).
 * @property {'sha256' | string} [etag]  ETag on archive downloads: the archive's real SHA-256 (strong), or this exact header value.
 * @property {boolean} [kept]  Set by POST .../artifacts/keep.
 * @property {boolean} [deleted]  Set by DELETE .../artifacts.
 */

/**
 * A one-off failure for the next download, keep or delete request:
 * `{status}` answers that status (on GitLab, or on storage with `at: 'storage'`) with optional headers and body;
 * `{truncateAfter}` sends the full Content-Length, then cuts the connection after that many bytes;
 * `{hostile}` answers a download as a misconfigured server or proxy would (see Hostile).
 * @typedef {{ status: number, headers?: Record<string, string>, body?: string, at?: 'gitlab' | 'storage' }
 *   | { truncateAfter: number, at?: 'gitlab' | 'storage' }
 *   | { hostile: Hostile, at?: 'gitlab' | 'storage' }} Failure
 */

/**
 * Hostile answers to a download:
 * `login-page`: 200 text/html, an SSO sign-in page; `huge-error`: 403 with a 100 MB text body;
 * `gzip`: 200 with the body gzip-encoded (Content-Encoding: gzip) though identity was asked for;
 * `trickle`: 200 with the right Content-Length, then one byte a second; `stall`: 200, 1 KiB, then nothing;
 * `hang`: no answer at all (the request waits for headers).
 * @typedef {'login-page' | 'huge-error' | 'gzip' | 'trickle' | 'stall' | 'hang'} Hostile
 */

/**
 * @typedef {object} GitLabOptions
 * @property {FakeJob[]} jobs
 * @property {{ id: number, path: string }} [project]  Default { id: 42, path: 'group/sub/project' }.
 * @property {string} [token]  Accepted PRIVATE-TOKEN (default 'glpat-simulator-token').
 * @property {string} [jobToken]  Accepted JOB-TOKEN (default none).
 * @property {'reporter' | 'developer' | 'maintainer'} [role]  The token user's role (default maintainer): keep needs developer, delete maintainer.
 * @property {boolean} [redirectToStorage]  Archive downloads answer 302 to a signed URL on the storage origin, as GitLab.com does.
 * @property {string} [storageHost]  Loopback address of the storage origin (default 127.0.0.2; another port of 127.0.0.1 where that is not available).
 * @property {number} [port]  Port of the GitLab origin (default: any free port).
 * @property {{ key: string, cert: string }} [tls]  Serve GitLab and storage over HTTPS with this certificate (simulator/tls.js).
 * @property {{ gitlab: string, storage: string }} [names]  Host names in the URLs (and redirects) instead of
 *   addresses; reachable only through the simulator's proxy (simulator/proxy.js), which maps them back.
 */

/**
 * @typedef {object} FakeGitLab
 * @property {string} url  The `gitlab-url` to give the action.
 * @property {RecordedRequest[]} requests  Requests GitLab received.
 * @property {RunningServer} storage  The storage origin; its `requests` too.
 * @property {RecordedRequest[]} leaks  Requests that carried a GitLab credential to storage: must stay empty.
 * @property {string} signature  The signed URLs' secret query value: must never appear in a log.
 * @property {Map<number, FakeJob>} jobs
 * @property {(failure: Failure, times?: number) => void} failNext
 * @property {() => number} trickled  Bytes sent so far by `trickle` answers.
 * @property {() => Promise<void>} close
 */

const CREDENTIAL_HEADERS = ['private-token', 'job-token', 'authorization']
const ROLES = ['reporter', 'developer', 'maintainer']

/** @param {FakeJob} job */
function hasArtifacts(job) {
  return !job.deleted && (job.entries !== undefined || job.archive !== undefined)
}

/** @param {FakeJob} job @returns {Iterable<Buffer>} */
function archiveChunks(job) {
  return job.archive ? [job.archive] : zipChunks(job.entries ?? [])
}

/** @param {FakeJob} job */
function archiveSize(job) {
  return job.archive ? job.archive.length : zipSize(job.entries ?? [])
}

/** @type {WeakMap<FakeJob, string>} */
const archiveHashes = new WeakMap()

/** The archive's SHA-256, from one streamed pass (archives may be far bigger than memory). @param {FakeJob} job */
function archiveSha256(job) {
  let hash = archiveHashes.get(job)
  if (!hash) {
    const hasher = createHash('sha256')
    for (const chunk of archiveChunks(job)) hasher.update(chunk)
    hash = hasher.digest('hex')
    archiveHashes.set(job, hash)
  }
  return hash
}

/** @param {string} name */
function contentDisposition(name) {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/**
 * The first `limit` bytes of `chunks`.
 * @param {Iterable<Buffer>} chunks
 * @param {number} limit
 */
function* firstBytes(chunks, limit) {
  let sent = 0
  for (const chunk of chunks) {
    if (sent + chunk.length >= limit) {
      yield chunk.subarray(0, limit - sent)
      return
    }
    sent += chunk.length
    yield chunk
  }
}

/**
 * Streams a body with its Content-Length; when told to, sends only the first bytes and then
 * closes the connection, as a proxy or a flaky network would.
 * @param {ServerResponse} res
 * @param {Iterable<Buffer>} chunks
 * @param {number} size
 * @param {Record<string, string>} headers
 * @param {number | undefined} truncateAfter
 */
async function sendBody(res, chunks, size, headers, truncateAfter) {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size), ...headers })
  if (truncateAfter === undefined) {
    await pipeline(Readable.from(chunks), res).catch(() => res.destroy())
    return
  }
  res.flushHeaders()
  const source = Readable.from(firstBytes(chunks, truncateAfter))
  source.pipe(res, { end: false })
  await finished(source).catch(() => undefined)
  // Ends the connection once what was written has gone out.
  res.socket?.end()
}

/**
 * Starts the fake GitLab (and its storage origin).
 * @param {GitLabOptions} options
 * @returns {Promise<FakeGitLab>}
 */
export async function startGitLab(options) {
  const project = options.project ?? { id: 42, path: 'group/sub/project' }
  const token = options.token ?? 'glpat-simulator-token'
  const role = options.role ?? 'maintainer'
  const jobs = new Map(options.jobs.map(job => [job.id, job]))
  const signature = randomBytes(16).toString('hex')
  /** @type {Failure[]} */
  const failures = []
  /** @type {RecordedRequest[]} */
  const leaks = []
  let trickled = 0

  /** @param {'gitlab' | 'storage'} where */
  const takeFailure = where => {
    const index = failures.findIndex(failure => (failure.at ?? ('status' in failure ? 'gitlab' : where)) === where)
    return index < 0 ? undefined : failures.splice(index, 1)[0]
  }

  /**
   * Answers with a due status failure, if there is one.
   * @param {ServerResponse} res
   * @param {Failure | undefined} failure
   */
  const failed = (res, failure) => {
    if (!failure || !('status' in failure)) return false
    const text = failure.body ?? JSON.stringify({ message: `${failure.status} simulated failure` })
    const type = text.startsWith('{') ? 'application/json' : text.startsWith('<') ? 'application/xml' : 'text/plain'
    res.writeHead(failure.status, { 'content-type': type, ...failure.headers })
    res.end(text)
    return true
  }

  /**
   * Answers as a misconfigured server or proxy would.
   * @param {ServerResponse} res
   * @param {Hostile} hostile
   * @param {() => { chunks: Iterable<Buffer>, size: number, headers: Record<string, string> }} body
   */
  const hostileAnswer = async (res, hostile, body) => {
    if (hostile === 'hang') return
    if (hostile === 'login-page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      return void res.end('<!DOCTYPE html><html><head><title>Sign in · Company SSO</title></head><body><form>Sign in</form></body></html>')
    }
    if (hostile === 'huge-error') {
      const size = 100 * 1024 * 1024
      res.writeHead(403, { 'content-type': 'text/plain', 'content-length': String(size) })
      const line = Buffer.from('Access denied by policy. '.repeat(40) + '\n')
      const lines = function* () {
        for (let sent = 0; sent < size; sent += line.length) yield line.subarray(0, Math.min(line.length, size - sent))
      }
      return void (await pipeline(Readable.from(lines()), res).catch(() => res.destroy()))
    }
    const { chunks, size, headers } = body()
    if (hostile === 'gzip') {
      const coded = gzipSync(Buffer.concat([...chunks]))
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip', 'content-length': String(coded.length), ...headers })
      return void res.end(coded)
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size), ...headers })
    if (hostile === 'stall') return void res.write(Buffer.alloc(1024))
    // trickle: a byte a second until the client gives up.
    const timer = setInterval(() => {
      res.write(Buffer.alloc(1))
      trickled++
    }, 1000)
    res.on('close', () => clearInterval(timer))
  }

  /**
   * Serves an archive or a file body, unless a failure is due.
   * @param {ServerResponse} res
   * @param {'gitlab' | 'storage'} where
   * @param {() => { chunks: Iterable<Buffer>, size: number, headers: Record<string, string> }} body
   */
  const serve = async (res, where, body) => {
    const failure = takeFailure(where)
    if (failed(res, failure)) return
    if (failure && 'hostile' in failure) return hostileAnswer(res, failure.hostile, body)
    const { chunks, size, headers } = body()
    await sendBody(res, chunks, size, headers, failure && 'truncateAfter' in failure ? failure.truncateAfter : undefined)
  }

  /** @param {FakeJob} job */
  const archiveBody = job => () => {
    /** @type {Record<string, string>} */
    const headers = { 'content-disposition': contentDisposition('artifacts.zip') }
    if (job.etag) headers.etag = job.etag === 'sha256' ? `"${archiveSha256(job)}"` : job.etag
    return { chunks: archiveChunks(job), size: archiveSize(job), headers }
  }

  const storage = await startServer(async (request, res) => {
    const credential = CREDENTIAL_HEADERS.some(name => request.headers[name] !== undefined) || request.query.has('job_token')
    if (credential) {
      leaks.push(request)
      res.writeHead(400, { 'content-type': 'application/xml' })
      res.end('<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>')
      return
    }
    const match = /^\/artifacts-bucket\/(\d+)\/artifacts\.zip$/.exec(request.path)
    const job = match ? jobs.get(Number(match[1])) : undefined
    if (!job || request.query.get('X-Amz-Signature') !== signature) {
      res.writeHead(403, { 'content-type': 'application/xml' })
      res.end('<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>')
      return
    }
    await serve(res, 'storage', archiveBody(job))
  }, { host: options.storageHost ?? (await loopbackAlias()), tls: options.tls, publicName: options.names?.storage })

  /**
   * @param {ServerResponse} res
   * @param {FakeJob} job
   */
  const sendArchive = async (res, job) => {
    if (!options.redirectToStorage) return serve(res, 'gitlab', archiveBody(job))
    const failure = failures.find(f => 'status' in f && (f.at ?? 'gitlab') === 'gitlab')
    if (failure) return serve(res, 'gitlab', archiveBody(job))
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'SIMULATOR/20240102/us-east-1/s3/aws4_request',
      'X-Amz-Expires': '600',
      'X-Amz-Signature': signature,
      'response-content-disposition': 'attachment; filename="artifacts.zip"'
    })
    res.writeHead(302, { location: `${storage.url}/artifacts-bucket/${job.id}/artifacts.zip?${query}` })
    res.end()
  }

  /**
   * @param {ServerResponse} res
   * @param {FakeJob} job
   * @param {string} rawPath  As sent: `/` between segments, each percent-encoded.
   */
  const sendFile = async (res, job, rawPath) => {
    if (/%2f/i.test(rawPath)) return sendJson(res, 404, { message: '404 Not found' })
    let artifactPath
    try {
      artifactPath = rawPath.split('/').map(decodeURIComponent).join('/')
    } catch {
      return sendJson(res, 400, { error: 'artifact_path is invalid' })
    }
    if (artifactPath.includes('\0')) return sendJson(res, 400, { error: 'artifact_path is invalid' })
    const entry = job.entries?.find(candidate => candidate.name === artifactPath && !candidate.name.endsWith('/') && candidate.type !== 'directory')
    if (!entry) return sendJson(res, 404, { message: '404 Not found' })
    const size = entry.size ?? Buffer.byteLength(entry.data ?? '')
    const name = artifactPath.split('/').pop() ?? artifactPath
    return serve(res, 'gitlab', () => ({ chunks: entryContent(entry), size, headers: { 'content-disposition': contentDisposition(name) } }))
  }

  /**
   * @param {string} ref
   * @param {URLSearchParams} query
   */
  const jobByRef = (ref, query) => {
    const searchRecent = query.get('search_recent_successful_pipelines') === 'true'
    return [...jobs.values()].find(job => job.ref === ref && job.name === query.get('job') && (job.latest !== false || searchRecent))
  }

  /**
   * @param {RecordedRequest} request
   * @param {ServerResponse} res
   */
  const route = async (request, res) => {
    const { method, path, query } = request
    const authorized = request.headers['private-token'] === token || (options.jobToken !== undefined && request.headers['job-token'] === options.jobToken)
    if (!authorized) return sendJson(res, 401, { message: '401 Unauthorized' })
    const inProject = /^\/api\/v4\/projects\/([^/]+)\/jobs\/(.+)$/.exec(path)
    if (!inProject || !isProject(inProject[1], project)) return sendJson(res, 404, { message: '404 Project Not Found' })
    const rest = inProject[2]
    const byId = /^(\d+)\/artifacts(?:\/(.+))?$/.exec(rest)
    if (byId) {
      const job = jobs.get(Number(byId[1]))
      if (!job) return sendJson(res, 404, { message: '404 Not found' })
      if (method === 'POST' && byId[2] === 'keep') return keep(res, job)
      if (method === 'DELETE' && byId[2] === undefined) return remove(res, job)
      if (method !== 'GET') return sendJson(res, 405, { message: '405 Method Not Allowed' })
      if (!hasArtifacts(job)) return sendJson(res, 404, { message: '404 Not found' })
      return byId[2] === undefined ? sendArchive(res, job) : sendFile(res, job, byId[2])
    }
    const byRef = /^artifacts\/([^/]+)\/(?:download|raw\/(.+))$/.exec(rest)
    if (byRef && method === 'GET') {
      const job = jobByRef(decodeURIComponent(byRef[1]), query)
      if (!job || !hasArtifacts(job)) return sendJson(res, 404, { message: '404 Not found' })
      return byRef[2] === undefined ? sendArchive(res, job) : sendFile(res, job, byRef[2])
    }
    return sendJson(res, 404, { error: '404 Not Found' })
  }

  /**
   * @param {ServerResponse} res
   * @param {FakeJob} job
   */
  const keep = (res, job) => {
    if (failed(res, takeFailure('gitlab'))) return
    if (ROLES.indexOf(role) < ROLES.indexOf('developer')) return sendJson(res, 403, { message: '403 Forbidden' })
    if (!hasArtifacts(job)) return sendJson(res, 404, { message: '404 Not found' })
    job.kept = true
    sendJson(res, 200, {
      id: job.id,
      name: job.name ?? 'build',
      ref: job.ref ?? 'main',
      status: 'success',
      artifacts_expire_at: null,
      web_url: `${gitlab.url}/${project.path}/-/jobs/${job.id}`
    })
  }

  /**
   * @param {ServerResponse} res
   * @param {FakeJob} job
   */
  const remove = (res, job) => {
    if (failed(res, takeFailure('gitlab'))) return
    if (role !== 'maintainer') return sendJson(res, 403, { message: '403 Forbidden' })
    if (!hasArtifacts(job)) return sendJson(res, 404, { message: '404 Not found' })
    job.deleted = true
    res.writeHead(204)
    res.end()
  }

  const gitlab = await startServer(route, { port: options.port, tls: options.tls, publicName: options.names?.gitlab })
  return {
    url: gitlab.url,
    requests: gitlab.requests,
    storage,
    leaks,
    signature,
    jobs,
    trickled: () => trickled,
    failNext: (failure, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(failure)
    },
    close: async () => {
      await Promise.all([gitlab.close(), storage.close()])
    }
  }
}

/**
 * @param {string} segment  The `:id` segment as sent.
 * @param {{ id: number, path: string }} project
 */
function isProject(segment, project) {
  return segment === String(project.id) || segment.toLowerCase() === encodeURIComponent(project.path).toLowerCase()
}

/** 127.0.0.2 where it can be bound (Linux routes all of 127/8 to loopback), else 127.0.0.1: another origin either way. */
/** @returns {Promise<string>} */
function loopbackAlias() {
  return new Promise(resolve => {
    const probe = net.createServer()
    probe.once('error', () => resolve('127.0.0.1'))
    probe.listen(0, '127.0.0.2', () => probe.close(() => resolve('127.0.0.2')))
  })
}
