import * as log from '../log.js'
import { outside } from '../log.js'
import type { Dispatcher } from 'undici'
import { ActionError } from '../errors.js'
import { ERROR_BODY_LIMIT, isWebPage, readBounded, webPageFailure } from '../http/body.js'
import { header, send, type HttpRequest, type HttpResponse } from '../http/client.js'
import { displayUrl } from '../http/url.js'
import type { OperationResult } from '../results.js'
import type { GitLabConnection, JobSelector } from '../settings/index.js'
import { credentials, type DownloadSelector } from './api.js'
import { downloadToFile, type DownloadedFile, type DownloadRequest } from './download.js'
import { GITLAB, gitlabHttpError, type Access } from './errors.js'
import { formatBytes } from './progress.js'
import { isSuccess } from '../http/failure.js'

/** What a summary names as the target: "group/project job 42", "group/project main › build", "group/project 1a2b3c4d › build". */
export function jobTarget(gitlab: GitLabConnection, job: JobSelector): string {
  switch (job.by) {
    case 'id':
      return `${gitlab.project} job ${job.jobId}`
    case 'ref':
      return `${gitlab.project} ${job.ref} › ${job.job}`
    case 'sha':
      return `${gitlab.project} ${job.sha.slice(0, 12)} › ${job.job}`
    case 'pipeline':
      return `${gitlab.project} pipeline ${job.pipelineId} › ${job.job}`
  }
}

export interface ArtifactDownload {
  gitlab: GitLabConnection
  job: DownloadSelector
  url: URL
  /** "download the artifacts of job 42 of group/project", for log lines and errors. */
  what: string
  folder: string
  saveAs: DownloadRequest['saveAs']
  artifactPath?: string
  /** The longest the download may go without receiving a byte ('stall-timeout'). */
  stallMs: number
  signal: AbortSignal
}

/**
 * GitLab defines the ETag of its archive endpoints as the archive's SHA-256, `"<file_sha256>"`
 * (lib/api/ci/job_artifacts.rb, helper `artifact_etag`, gitlab-org/gitlab#371991). Its two
 * single-file endpoints send `"<sha256('<file_sha256>:<path>')>"`: 64 hex digits as well, but a
 * cache key, not the file's hash, so a single file's ETag is never compared. Before that fix GitLab
 * sent a weak `W/"<32 hex>"` that did not change with the artifact (the bug the issue is about;
 * backstage/backstage#28534 stopped sending If-None-Match to GitLab for it), and object storage a
 * redirect leads to sends its own ETag (an MD5 or a multipart tag): only an answer from GitLab's
 * own origin carries GitLab's definition.
 */
function archiveEtagIsSha256(gitlab: GitLabConnection, response: HttpResponse): boolean {
  return response.url.origin === gitlab.apiUrl.origin
}

/** Streams an artifacts archive or file from GitLab (through any redirect to object storage) into `folder`. */
export function downloadArtifact(download: ArtifactDownload): Promise<DownloadedFile> {
  const { gitlab, job, url, what, artifactPath } = download
  log.info(`Downloading from ${displayUrl(url)}`)
  const request: HttpRequest = { method: 'GET', url, what, credentials: credentials(gitlab), retry: 'idempotent' }
  return downloadToFile({
    request,
    folder: download.folder,
    saveAs: download.saveAs,
    failure: response => gitlabHttpError(what, response, { gitlab, access: 'read', job, artifactPath }),
    expected: artifactPath === undefined ? 'the artifacts archive' : `the file '${artifactPath}'`,
    // A file asked for by name may itself be a web page (GitLab Workhorse sends its type by extension).
    webPageExpected: artifactPath !== undefined && /\.x?html?$/i.test(artifactPath),
    stallMs: download.stallMs,
    etagIsBodySha256: artifactPath === undefined ? response => archiveEtagIsSha256(gitlab, response) : undefined,
    signal: download.signal
  })
}

export interface Fetched {
  operation: string
  target: string
  status: string
  startedAt: number
  downloadPath: string
  file: DownloadedFile
  files: number
}

/** Outputs and summary of a download: where it went, how big, its SHA-256, how many files. */
export function fetchedResult(fetched: Fetched): OperationResult {
  const { file } = fetched
  return {
    outputs: { 'download-path': fetched.downloadPath, 'size-bytes': file.bytes, sha256: file.sha256, files: fetched.files },
    summary: {
      operation: fetched.operation,
      target: fetched.target,
      status: fetched.status,
      passed: true,
      durationMs: Date.now() - fetched.startedAt,
      details: [
        ['Saved to', fetched.downloadPath],
        ['Downloaded', `${formatBytes(file.bytes)} (${file.bytes} bytes)`],
        ['SHA-256', file.sha256],
        ['Files', String(fetched.files)]
      ]
    }
  }
}

export interface ArtifactsChange {
  gitlab: GitLabConnection
  jobId: string
  method: Dispatcher.HttpMethod
  url: URL
  what: string
  access: Access
  signal?: AbortSignal
}

/**
 * Sends a request that changes a job's artifacts. It is never sent twice once it may have
 * reached GitLab; an unsuccessful answer becomes GitLab's message with a hint. The successful
 * answer is the caller's to check: a proxy or login page can answer 200 too.
 */
export async function changeArtifacts(change: ArtifactsChange): Promise<HttpResponse> {
  const { gitlab, jobId, what } = change
  const request: HttpRequest = { method: change.method, url: change.url, what, credentials: credentials(gitlab), retry: 'once', signal: change.signal }
  const response = await send(request)
  if (!isSuccess(response.status)) {
    throw await gitlabHttpError(what, response, { gitlab, access: change.access, job: { by: 'id', jobId } })
  }
  return response
}

/** A success status other than the one GitLab's API gives: something between us and GitLab answered. */
export async function unexpectedAnswer(what: string, response: HttpResponse, expected: string): Promise<ActionError> {
  if (isWebPage(response)) {
    await response.body.dump().catch(() => undefined)
    return webPageFailure(what, response, expected, GITLAB)
  }
  const { text } = await readBounded(response, ERROR_BODY_LIMIT).catch(() => ({ text: '' }))
  const type = header(response.headers, 'content-type') ?? 'no content type'
  const body = outside(text.trim()) || 'an empty body'
  return new ActionError(`Could not ${what}: ${response.url.host} answered HTTP ${response.status} (${type}: ${body}), not ${expected}`, {
    title: `Could not ${what}`,
    hint: `GitLab's API answers this request with ${expected}; check ${GITLAB.inputs}, and any proxy in between. GitLab may or may not have carried it out: check the job's artifacts in GitLab.`
  })
}
