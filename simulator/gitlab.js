// @ts-check
// A fake GitLab API v4 for job artifacts, on loopback, built to GitLab's documented behaviour:
// archives by job id or by ref + job name, single files, keep, delete, 302 redirects to a
// separate "object storage" origin, Content-Disposition / Content-Length / ETag, rate limits,
// and failure injection. The storage origin records any GitLab credential that reaches it.
// Also the pipelines and jobs API (paginated as GitLab paginates), child pipelines, pipelines by
// commit (several per commit and per branch, of any status), jobs that run while they are watched,
// pipelines that appear late (a mirror that has not synced yet), and switches
// for what differs between GitLab versions: the ETag forms, a server that ignores
// search_recent_successful_pipelines, and whether a CI job token may read pipelines and jobs.
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
 * @property {string} [name]  Job name, for lookups by ref + job (default 'build').
 * @property {number} [pipeline]  Id of its pipeline (one of `pipelines`). Without it, a job with `ref` gets a successful pipeline of that ref made up for it.
 * @property {string} [ref]  Shorthand without `pipeline`: the branch or tag of the pipeline the job ran in.
 * @property {boolean} [latest]  Shorthand without `pipeline`: in the latest successful pipeline of its ref (default true); false: in an older one, found by ref only with search_recent_successful_pipelines=true.
 * @property {string} [status]  Job status (default 'success').
 * @property {string[]} [statuses]  A job that runs while it is watched: each read of GET /jobs/:id moves it on to the next
 *   status (pending → running → success, say), and it stays at the last. Until it reaches 'success' it has no artifacts.
 *   Lists show its current status without moving it on.
 * @property {string} [failureReason]  `failure_reason` GitLab gives a failed job (script_failure, ...).
 * @property {boolean} [expired]  Its artifacts expired: not downloadable, and no `artifacts_file` in the job's JSON.
 * @property {ZipEntry[]} [entries]  Its artifacts archive, generated (and streamed) from these entries.
 * @property {Buffer} [archive]  Or the archive's raw bytes (a corrupt zip, say). Neither: the job has no artifacts (404).
 * @property {'sha256' | string} [etag]  ETag on archive downloads from GitLab: the archive's real SHA-256 (strong), or this exact header value (overrides `etags`).
 * @property {boolean} [kept]  Set by POST .../artifacts/keep.
 * @property {boolean} [deleted]  Set by DELETE .../artifacts.
 */

/**
 * @typedef {object} FakePipeline
 * @property {number} id
 * @property {string} ref
 * @property {string} [status]  Default 'success'.
 * @property {string} [sha]  Commit; default made up from the id.
 * @property {number} [parent]  Id of the parent pipeline: a child pipeline (source parent_pipeline), triggered by a bridge of the parent.
 * @property {number} [hiddenFor]  A pipeline GitLab creates late (a mirror that has not synced yet, a child pipeline after
 *   earlier stages): the first this many requests that would list it (GET /pipelines, or its parent's bridges) do not.
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
 * @property {FakePipeline[]} [pipelines]  Pipelines beside those made up for jobs given with `ref`.
 * @property {'current' | 'weak'} [etags]  ETags GitLab sends on downloads: 'current' as GitLab with the fix for
 *   gitlab-org/gitlab#371991 (archives `"<archive sha256>"`, single files `"<sha256('<archive sha256>:<path>')>"`),
 *   'weak' as older GitLab (`W/"<32 hex>"`, the same for every artifact). Default none (a job's own `etag` still applies).
 * @property {boolean} [ignoresSearchRecent]  An "old" GitLab (before 18.7 for archives, 18.9 for single files): the ref
 *   endpoints ignore search_recent_successful_pipelines and look only at the latest successful pipeline.
 * @property {boolean} [jobTokenReadsPipelines]  A CI job token may read pipelines and jobs (newer GitLab's fine-grained job
 *   token permissions); default false, as older GitLab: 401 on those endpoints for a JOB-TOKEN.
 */

/**
 * @typedef {object} FakeGitLab
 * @property {string} url  The `gitlab-url` to give the action.
 * @property {RecordedRequest[]} requests  Requests GitLab received.
 * @property {RunningServer} storage  The storage origin; its `requests` too.
 * @property {RecordedRequest[]} leaks  Requests that carried a GitLab credential to storage: must stay empty.
 * @property {string} signature  The signed URLs' secret query value: must never appear in a log.
 * @property {Map<number, FakeJob>} jobs
 * @property {Map<number, FakePipeline>} pipelines  Given and made up, by id.
 * @property {(failure: Failure, times?: number) => void} failNext
 * @property {() => number} trickled  Bytes sent so far by `trickle` answers.
 * @property {() => Promise<void>} close
 */

const CREDENTIAL_HEADERS = ['private-token', 'job-token', 'authorization']
const ROLES = ['reporter', 'developer', 'maintainer']

/** A job's status now. @param {FakeJob} job */
function statusOf(job) {
  return job.statuses ? job.statuses[0] : (job.status ?? 'success')
}

/** A read of the job: a running one moves on to its next status. @param {FakeJob} job */
function advance(job) {
  if (job.statuses && job.statuses.length > 1) job.statuses.shift()
}

/** @param {FakeJob} job */
function hasArtifacts(job) {
  const finished = !job.statuses || statusOf(job) === 'success'
  return finished && !job.deleted && !job.expired && (job.entries !== undefined || job.archive !== undefined)
}

/** Whether a pipeline is listed yet; each request that would list it counts. @param {FakePipeline} pipeline */
function visible(pipeline) {
  if (!pipeline.hiddenFor) return true
  pipeline.hiddenFor--
  return false
}

/** The ETag of GitLab before its fix for gitlab-org/gitlab#371991: weak, and the same whatever the artifact. */
const WEAK_ETAG = 'W/"9f3b6c1f0b2f4e4f8a0c6e1d2b3a4c5d"'

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
 * The pipelines: those given, and for jobs given with `ref` instead of `pipeline`, one older and
 * one latest successful pipeline per ref (jobs with `latest: false` in the older one); a job with
 * neither gets a pipeline of its own without a ref. Sets every job's `pipeline`.
 * @param {FakeJob[]} jobs
 * @param {FakePipeline[]} given
 * @returns {Map<number, FakePipeline>}
 */
function pipelinesOf(jobs, given) {
  const pipelines = new Map(given.map(pipeline => [pipeline.id, pipeline]))
  let next = Math.max(9000, ...pipelines.keys()) + 1
  /** @type {Map<string, FakePipeline>} */
  const madeUp = new Map()
  const pipelineFor = (/** @type {string | undefined} */ ref, /** @type {string} */ kind) => {
    const key = `${kind} ${ref}`
    let pipeline = madeUp.get(key)
    if (!pipeline) {
      pipeline = { id: next++, ref: ref ?? '' }
      madeUp.set(key, pipeline)
      pipelines.set(pipeline.id, pipeline)
    }
    return pipeline
  }
  // Older pipelines first, so that their ids are lower, as GitLab's would be.
  for (const job of jobs) if (job.pipeline === undefined && job.ref !== undefined && job.latest === false) job.pipeline = pipelineFor(job.ref, 'older').id
  for (const job of jobs) if (job.pipeline === undefined && job.ref !== undefined) job.pipeline = pipelineFor(job.ref, 'latest').id
  for (const job of jobs) if (job.pipeline === undefined) job.pipeline = pipelineFor(undefined, `job ${job.id}`).id
  // A ref with only older jobs still has a newer successful pipeline, without them.
  for (const [key, pipeline] of [...madeUp]) if (key.startsWith('older ')) pipelineFor(pipeline.ref, 'latest')
  return pipelines
}

/**
 * One page of a list, with the headers GitLab sends (lib/api/helpers/pagination.rb, offset pagination):
 * X-Page, X-Per-Page, X-Next-Page and X-Prev-Page ('' when none), X-Total, X-Total-Pages and Link.
 * @template T
 * @param {T[]} items
 * @param {URLSearchParams} query
 * @param {string} url  The request's URL without query, for Link.
 */
function paginate(items, query, url) {
  const perPage = Math.min(Math.max(Number(query.get('per_page')) || 20, 1), 100)
  const page = Math.max(Number(query.get('page')) || 1, 1)
  const totalPages = Math.max(Math.ceil(items.length / perPage), 1)
  const link = (/** @type {number} */ target) => {
    const linked = new URLSearchParams(query)
    linked.set('page', String(target))
    linked.set('per_page', String(perPage))
    return `${url}?${linked.toString()}`
  }
  const links = [
    page < totalPages ? `<${link(page + 1)}>; rel="next"` : '',
    page > 1 ? `<${link(page - 1)}>; rel="prev"` : '',
    `<${link(1)}>; rel="first"`,
    `<${link(totalPages)}>; rel="last"`
  ]
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    headers: {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-next-page': page < totalPages ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(page - 1) : '',
      'x-total': String(items.length),
      'x-total-pages': String(totalPages),
      link: links.filter(Boolean).join(', ')
    }
  }
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
  const pipelines = pipelinesOf(options.jobs, options.pipelines ?? [])
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

  /**
   * The ETag GitLab (or the storage host) sends for an archive or, with `artifactPath`, one file.
   * @param {FakeJob} job
   * @param {'gitlab' | 'storage'} where
   * @param {string} [artifactPath]
   */
  const etagOf = (job, where, artifactPath) => {
    if (where === 'storage')
      return options.etags
        ? `"${createHash('md5').update(String(job.id)).digest('hex')}"`
        : job.etag?.startsWith('"') || job.etag?.startsWith('W/')
          ? job.etag
          : undefined
    if (artifactPath === undefined && job.etag) return job.etag === 'sha256' ? `"${archiveSha256(job)}"` : job.etag
    if (options.etags === 'weak') return WEAK_ETAG
    if (options.etags !== 'current') return undefined
    return artifactPath === undefined
      ? `"${archiveSha256(job)}"`
      : `"${createHash('sha256')
          .update(`${archiveSha256(job)}:${artifactPath}`)
          .digest('hex')}"`
  }

  /**
   * @param {FakeJob} job
   * @param {'gitlab' | 'storage'} where
   */
  const archiveBody = (job, where) => () => {
    /** @type {Record<string, string>} */
    const headers = { 'content-disposition': contentDisposition('artifacts.zip') }
    const etag = etagOf(job, where)
    if (etag) headers.etag = etag
    return { chunks: archiveChunks(job), size: archiveSize(job), headers }
  }

  const storage = await startServer(
    async (request, res) => {
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
        res.end(
          '<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>'
        )
        return
      }
      await serve(res, 'storage', archiveBody(job, 'storage'))
    },
    { host: options.storageHost ?? (await loopbackAlias()), tls: options.tls, publicName: options.names?.storage }
  )

  /**
   * @param {ServerResponse} res
   * @param {FakeJob} job
   */
  const sendArchive = async (res, job) => {
    if (!options.redirectToStorage) return serve(res, 'gitlab', archiveBody(job, 'gitlab'))
    const failure = failures.find(f => 'status' in f && (f.at ?? 'gitlab') === 'gitlab')
    if (failure) return serve(res, 'gitlab', archiveBody(job, 'gitlab'))
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'SIMULATOR/20240102/us-east-1/s3/aws4_request',
      'X-Amz-Expires': '600',
      'X-Amz-Signature': signature,
      'response-content-disposition': 'attachment; filename="artifacts.zip"'
    })
    res.writeHead(302, { location: `${storage.url}/artifacts-bucket/${job.id}/artifacts.zip?${query.toString()}` })
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
    /** @type {Record<string, string>} */
    const headers = { 'content-disposition': contentDisposition(name) }
    const etag = etagOf(job, 'gitlab', artifactPath)
    if (etag) headers.etag = etag
    return serve(res, 'gitlab', () => ({ chunks: entryContent(entry), size, headers }))
  }

  /**
   * @param {string} ref
   * @param {URLSearchParams} query
   */
  const jobByRef = (ref, query) => {
    const searchRecent = query.get('search_recent_successful_pipelines') === 'true' && !options.ignoresSearchRecent
    const candidates = successfulPipelines(ref).slice(0, searchRecent ? 100 : 1)
    for (const pipeline of candidates) {
      const job = jobInFamily(pipeline, query.get('job') ?? '')
      if (job) return job
    }
    return undefined
  }

  /** Successful pipelines of a ref that are not child pipelines, newest first. @param {string} ref */
  const successfulPipelines = ref =>
    [...pipelines.values()]
      .filter(pipeline => pipeline.ref === ref && (pipeline.status ?? 'success') === 'success' && pipeline.parent === undefined && !pipeline.hiddenFor)
      .sort((a, b) => b.id - a.id)

  /** A pipeline and its descendants, parent first. @param {FakePipeline} root */
  const family = root => {
    const members = [root]
    for (let i = 0; i < members.length; i++) members.push(...[...pipelines.values()].filter(child => child.parent === members[i].id))
    return members
  }

  /**
   * The job of that name with artifacts in a pipeline or its descendants, parent first
   * (Ci::Pipeline#build_with_artifacts_in_self_and_project_descendants).
   * @param {FakePipeline} root
   * @param {string} name
   */
  const jobInFamily = (root, name) => {
    for (const pipeline of family(root)) {
      const job = [...jobs.values()].find(candidate => candidate.pipeline === pipeline.id && (candidate.name ?? 'build') === name && hasArtifacts(candidate))
      if (job) return job
    }
    return undefined
  }

  /** A job's pipeline; a job added to `jobs` after the start gets one of its own. @param {FakeJob} job */
  const pipelineOf = job => {
    let pipeline = job.pipeline === undefined ? undefined : pipelines.get(job.pipeline)
    if (!pipeline) {
      pipeline = { id: job.pipeline ?? Math.max(9000, ...pipelines.keys()) + 1, ref: job.ref ?? '' }
      pipelines.set(pipeline.id, pipeline)
      job.pipeline = pipeline.id
    }
    return pipeline
  }

  /** Entities::Ci::PipelineBasic. @param {FakePipeline} pipeline */
  const pipelineJson = pipeline => ({
    id: pipeline.id,
    iid: pipeline.id,
    project_id: project.id,
    sha: pipeline.sha ?? createHash('sha1').update(String(pipeline.id)).digest('hex'),
    ref: pipeline.ref || null,
    status: pipeline.status ?? 'success',
    source: pipeline.parent === undefined ? 'push' : 'parent_pipeline',
    created_at: new Date(Date.UTC(2026, 0, 1) + pipeline.id * 60_000).toISOString(),
    updated_at: new Date(Date.UTC(2026, 0, 1) + pipeline.id * 60_000).toISOString(),
    web_url: `${gitlab.url}/${project.path}/-/pipelines/${pipeline.id}`
  })

  /** Entities::Ci::Job: `artifacts_file` only while the archive can be downloaded. @param {FakeJob} job */
  const jobJson = job => {
    const pipeline = pipelineOf(job)
    const pipelineFields = pipelineJson(pipeline)
    return {
      id: job.id,
      name: job.name ?? 'build',
      status: statusOf(job),
      stage: 'build',
      ref: pipelineFields.ref,
      tag: false,
      allow_failure: false,
      created_at: pipelineFields.created_at,
      web_url: `${gitlab.url}/${project.path}/-/jobs/${job.id}`,
      pipeline: pipelineFields,
      commit: { id: pipelineFields.sha, short_id: pipelineFields.sha.slice(0, 8), title: 'Simulated commit' },
      ...(statusOf(job) === 'failed' ? { failure_reason: job.failureReason ?? 'script_failure' } : {}),
      ...(hasArtifacts(job) ? { artifacts_file: { filename: 'artifacts.zip', size: archiveSize(job) } } : {}),
      artifacts: hasArtifacts(job) ? [{ file_type: 'archive', size: archiveSize(job), filename: 'artifacts.zip', file_format: 'zip' }] : [],
      artifacts_expire_at: job.kept ? null : '2030-01-01T00:00:00.000Z'
    }
  }

  /**
   * Answers one page of a list.
   * @param {ServerResponse} res
   * @param {RecordedRequest} request
   * @param {unknown[]} items
   */
  const sendPage = (res, request, items) => {
    const page = paginate(items, request.query, `${gitlab.url}${request.path}`)
    sendJson(res, 200, page.items, page.headers)
  }

  /**
   * The pipelines and jobs API: GET /pipelines, /pipelines/:id, /pipelines/:id/jobs, /pipelines/:id/bridges, /jobs/:id.
   * @param {RecordedRequest} request
   * @param {ServerResponse} res
   * @param {string} rest  The path after /projects/:id/
   */
  const pipelinesApi = (request, res, rest) => {
    if (request.headers['job-token'] !== undefined && !options.jobTokenReadsPipelines) return sendJson(res, 401, { message: '401 Unauthorized' })
    const { query } = request
    if (rest === 'pipelines') {
      const listed = [...pipelines.values()]
        .filter(pipeline => (query.get('source') === 'parent_pipeline' ? pipeline.parent !== undefined : pipeline.parent === undefined))
        .filter(pipeline => !query.has('ref') || pipeline.ref === query.get('ref'))
        .filter(pipeline => !query.has('status') || (pipeline.status ?? 'success') === query.get('status'))
        .filter(pipeline => !query.has('sha') || pipelineJson(pipeline).sha === query.get('sha'))
        .filter(visible)
        .sort((a, b) => (query.get('sort') === 'asc' ? a.id - b.id : b.id - a.id))
      return sendPage(res, request, listed.map(pipelineJson))
    }
    const inPipeline = /^pipelines\/(\d+)\/(jobs|bridges)$/.exec(rest)
    if (inPipeline) {
      const pipeline = pipelines.get(Number(inPipeline[1]))
      if (!pipeline) return sendJson(res, 404, { message: '404 Not found' })
      if (inPipeline[2] === 'bridges') {
        // A trigger job exists with its pipeline; until it has created its child pipeline (hiddenFor),
        // GitLab lists it with `downstream_pipeline: null` and a status that is not final.
        const children = [...pipelines.values()].filter(child => child.parent === pipeline.id)
        return sendPage(
          res,
          request,
          children.map(child => {
            const created = visible(child)
            return {
              id: 100_000 + child.id,
              name: `trigger ${child.id}`,
              status: created ? 'success' : 'created',
              pipeline: pipelineJson(pipeline),
              downstream_pipeline: created ? pipelineJson(child) : null
            }
          })
        )
      }
      const scopes = query.getAll('scope[]')
      const own = [...jobs.values()]
        .filter(job => job.pipeline === pipeline.id)
        .sort((a, b) => b.id - a.id)
        .map(jobJson)
      return sendPage(res, request, scopes.length ? own.filter(job => scopes.includes(job.status)) : own)
    }
    const onePipeline = /^pipelines\/(\d+)$/.exec(rest)
    if (onePipeline) {
      const pipeline = pipelines.get(Number(onePipeline[1]))
      return pipeline ? sendJson(res, 200, pipelineJson(pipeline)) : sendJson(res, 404, { message: '404 Not found' })
    }
    const one = /^jobs\/(\d+)$/.exec(rest)
    const job = one ? jobs.get(Number(one[1])) : undefined
    if (!job) return sendJson(res, 404, { message: '404 Not found' })
    advance(job)
    return sendJson(res, 200, jobJson(job))
  }

  /**
   * @param {RecordedRequest} request
   * @param {ServerResponse} res
   */
  const route = async (request, res) => {
    const { method, path, query } = request
    const authorized = request.headers['private-token'] === token || (options.jobToken !== undefined && request.headers['job-token'] === options.jobToken)
    if (!authorized) return sendJson(res, 401, { message: '401 Unauthorized' })
    const inProject = /^\/api\/v4\/projects\/([^/]+)\/(.+)$/.exec(path)
    if (!inProject || !isProject(inProject[1], project)) return sendJson(res, 404, { message: '404 Project Not Found' })
    if (method === 'GET' && /^(pipelines(\/\d+(\/(jobs|bridges))?)?|jobs\/\d+)$/.test(inProject[2])) return pipelinesApi(request, res, inProject[2])
    if (!inProject[2].startsWith('jobs/')) return sendJson(res, 404, { error: '404 Not Found' })
    const rest = inProject[2].slice('jobs/'.length)
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
    sendJson(res, 200, jobJson(job))
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
    pipelines,
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
