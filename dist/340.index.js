export const id = 340;
export const ids = [340];
export const modules = {

/***/ 3340:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GITLAB_OPERATIONS: () => (/* binding */ GITLAB_OPERATIONS)
});

// EXTERNAL MODULE: ./src/http/abort.ts
var abort = __webpack_require__(6618);
// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/http/url.ts
var http_url = __webpack_require__(6697);
;// CONCATENATED MODULE: ./src/gitlab/api.ts

// GitLab API v4 paths of job artifacts. `:id` is the project id or its full path as ONE segment
// (group%2Fsub%2Fproject); `ref_name` is one segment too, so a branch like release/1.2 stays unambiguous.
function projectPath(gitlab) {
    return `/projects/${encodeURIComponent(gitlab.project)}`;
}
/** `artifact_path` keeps its `/` separators: GitLab answers 404 to an encoded `%2F`. */
function encodeArtifactPath(artifactPath) {
    return artifactPath.split('/').map(encodeURIComponent).join('/');
}
function refQuery(job) {
    return { job: job.job, search_recent_successful_pipelines: job.searchRecentSuccessfulPipelines ? 'true' : undefined };
}
/** The job's whole artifacts archive. */
function archiveUrl(gitlab, job) {
    if (job.by === 'id')
        return (0,http_url/* apiUrl */.y0)(gitlab.apiUrl, `${projectPath(gitlab)}/jobs/${job.jobId}/artifacts`);
    return (0,http_url/* apiUrl */.y0)(gitlab.apiUrl, `${projectPath(gitlab)}/jobs/artifacts/${encodeURIComponent(job.ref)}/download`, refQuery(job));
}
/** One file from inside the job's artifacts archive. */
function artifactFileUrl(gitlab, job, artifactPath) {
    const file = encodeArtifactPath(artifactPath);
    if (job.by === 'id')
        return (0,http_url/* apiUrl */.y0)(gitlab.apiUrl, `${projectPath(gitlab)}/jobs/${job.jobId}/artifacts/${file}`);
    return (0,http_url/* apiUrl */.y0)(gitlab.apiUrl, `${projectPath(gitlab)}/jobs/artifacts/${encodeURIComponent(job.ref)}/raw/${file}`, refQuery(job));
}
/** One job: `GET /projects/:id/jobs/:job_id` (lib/api/ci/jobs.rb). */
function jobUrl(gitlab, jobId) {
    return (0,http_url/* apiUrl */.y0)(gitlab.apiUrl, `${projectPath(gitlab)}/jobs/${jobId}`);
}
/** The project's pipelines, filtered and ordered by `query` (lib/api/ci/pipelines.rb). */
function pipelinesUrl(gitlab, query) {
    return (0,http_url/* apiUrl */.y0)(gitlab.apiUrl, `${projectPath(gitlab)}/pipelines`, query);
}
/** One pipeline: `GET /projects/:id/pipelines/:pipeline_id` (lib/api/ci/pipelines.rb). */
function pipelineUrl(gitlab, pipelineId) {
    return (0,http_url/* apiUrl */.y0)(gitlab.apiUrl, `${projectPath(gitlab)}/pipelines/${pipelineId}`);
}
/** A pipeline's own jobs (not its child pipelines'), latest try of each, paginated. */
function pipelineJobsUrl(gitlab, pipelineId, query) {
    return (0,http_url/* apiUrl */.y0)(gitlab.apiUrl, `${projectPath(gitlab)}/pipelines/${pipelineId}/jobs`, query);
}
/** A pipeline's trigger jobs, whose `downstream_pipeline` names its child pipelines. */
function pipelineBridgesUrl(gitlab, pipelineId, query) {
    return (0,http_url/* apiUrl */.y0)(gitlab.apiUrl, `${projectPath(gitlab)}/pipelines/${pipelineId}/bridges`, query);
}
function keepUrl(gitlab, jobId) {
    return (0,http_url/* apiUrl */.y0)(gitlab.apiUrl, `${projectPath(gitlab)}/jobs/${jobId}/artifacts/keep`);
}
function deleteUrl(gitlab, jobId) {
    return (0,http_url/* apiUrl */.y0)(gitlab.apiUrl, `${projectPath(gitlab)}/jobs/${jobId}/artifacts`);
}
/** The token header, given to send() as credentials so that it never leaves GitLab's origin. */
function credentials(gitlab) {
    return { [gitlab.auth.header]: gitlab.auth.token };
}
/** The job as a person names it: "job 42 of group/project" or "job 'build' of the latest successful pipeline of main in group/project". */
function describeJob(gitlab, job) {
    return `${describeSelector(job)} ${job.by === 'id' ? 'of' : 'in'} ${gitlab.project}`;
}
/** The job as a person names it, without the project: "job 42", "job 'build' of the newest pipeline for commit 1a2b3c4d". */
function describeSelector(job) {
    switch (job.by) {
        case 'id':
            return `job ${job.jobId}`;
        case 'ref':
            return `job '${job.job}' of ${job.searchRecentSuccessfulPipelines ? 'a recent successful pipeline' : 'the latest successful pipeline'} of ${job.ref}`;
        case 'sha':
            return `job '${job.job}' of the newest pipeline for commit ${job.sha.slice(0, 12)}`;
        case 'pipeline':
            return `job '${job.job}' of pipeline ${job.pipelineId}`;
    }
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http/body.ts
var http_body = __webpack_require__(9662);
// EXTERNAL MODULE: ./src/http/client.ts + 2 modules
var client = __webpack_require__(7604);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/summary.ts
var summary = __webpack_require__(8855);
// EXTERNAL MODULE: ./src/http/failure.ts
var failure = __webpack_require__(2398);
;// CONCATENATED MODULE: ./src/gitlab/errors.ts

/** GitLab, as advice about a wrong answer names it. */
const GITLAB = { name: 'GitLab', inputs: "'gitlab-url' (the GitLab address, not a page of its web UI) and the token" };
/**
 * GitLab's own words from an error body: `{"message": ...}` (a string, or field → errors for
 * validation failures), `{"error": ...}` (OAuth and some API errors), or plain text ("Retry later").
 */
function gitlabMessage(text) {
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        // Cut by the failure helper, like any outside text.
        return text.trim() || undefined;
    }
    if (typeof body !== 'object' || body === null)
        return undefined;
    const { message, error, error_description: description } = body;
    const words = [message, error, description].map(describeValue).filter(value => value !== undefined);
    return words.length > 0 ? words.join(': ') : undefined;
}
function describeValue(value) {
    if (typeof value === 'string')
        return value.trim() || undefined;
    if (Array.isArray(value))
        return value.map(describeValue).filter(Boolean).join(', ') || undefined;
    if (typeof value === 'object' && value !== null) {
        return (Object.entries(value)
            .map(([field, problem]) => `${field} ${describeValue(problem) ?? ''}`.trim())
            .join('; ') || undefined);
    }
    return undefined;
}
/** Object storage answers with S3-style XML: `<Error><Code>AccessDenied</Code><Message>Request has expired</Message>`. */
function storageMessage(text) {
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
    const words = [code, message].filter(Boolean).join(': ');
    return words || text.trim() || undefined;
}
const ROLE_NEEDED = {
    read: 'at least the Reporter role (Guest in a public project)',
    keep: 'at least the Developer role',
    delete: 'at least the Maintainer role'
};
function notFoundHint({ job, artifactPath }) {
    const what = job.by === 'pipeline' ? `pipeline ${job.pipelineId}` : 'job';
    const causes = [`there is no such project or ${what}, or the token cannot see it`];
    if (job.by === 'ref') {
        // Only a CI job token that may not list pipelines uses the ref endpoints (jobs.ts locateJob).
        causes.push(job.searchRecentSuccessfulPipelines
            ? `no recent successful pipeline of '${job.ref}' has a job '${job.job}' (GitLab before 18.7, or 18.9 for one file, ignores 'search-recent-successful-pipelines' and looks only at the latest; a 'gitlab-token' lets the action search itself)`
            : `the latest successful pipeline of '${job.ref}' has no job '${job.job}' (set 'search-recent-successful-pipelines: true' to look through recent ones)`);
    }
    causes.push('the job has no artifacts, they expired or were deleted, or it only has artifacts:reports (not downloadable)');
    if (artifactPath !== undefined)
        causes.push(`the archive has no file '${artifactPath}'`);
    return `GitLab answers 404 when ${causes.join('; or ')}.`;
}
function hint(status, request) {
    const { gitlab, access } = request;
    const token = gitlab.auth.header === 'JOB-TOKEN' ? "'gitlab-job-token'" : "'gitlab-token'";
    switch (status) {
        case 401:
            return gitlab.auth.header === 'JOB-TOKEN'
                ? `GitLab did not accept ${token}: a CI job token is valid only while its job runs.`
                : `GitLab did not accept ${token}: check that it has not expired or been revoked, and that it has the ${access === 'read' ? 'read_api (or api)' : 'api'} scope.`;
        case 403:
            return `The token's user lacks permission in '${gitlab.project}': this needs ${ROLE_NEEDED[access]}${gitlab.auth.header === 'JOB-TOKEN' ? ', and the project must allow CI job token access from the job' : ''}.`;
        case 404:
            return notFoundHint(request);
        case 429:
            return "GitLab's rate limit was reached; try again later or spread the workflow's requests out.";
        default:
            return status >= 500 ? 'GitLab had a server error; try again later.' : undefined;
    }
}
/** An authentication or permission failure is titled so, whatever was asked. */
function gitlabAccessTitle(status) {
    return (0,failure/* accessTitle */.FZ)(status, 'GitLab', 'token');
}
/** GitLab's hooks for the one response-to-failure helper. */
function gitlabFailureHooks(request) {
    return { who: 'GitLab', message: gitlabMessage, hint: status => hint(status, request), title: gitlabAccessTitle };
}
/** The storage host's hooks: a refused signed URL is not a GitLab permission matter. */
function storageFailureHooks(origin) {
    return {
        who: `the storage host ${origin} GitLab redirected to`,
        message: storageMessage,
        hint: () => 'The signed storage URL from GitLab was refused (it may have expired while waiting); run the step again.'
    };
}
/** Turns an unsuccessful answer into one failure: what failed, the HTTP status, the server's own message, and a hint. */
function gitlabHttpError(what, response, request) {
    const fromStorage = response.url.origin !== request.gitlab.apiUrl.origin;
    return (0,failure/* responseFailure */.ue)(what, response, fromStorage ? storageFailureHooks(response.url.origin) : gitlabFailureHooks(request));
}

// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
// EXTERNAL MODULE: ./src/http/network-hint.ts
var network_hint = __webpack_require__(5906);
;// CONCATENATED MODULE: ./src/gitlab/file-name.ts
/**
 * The file name a server suggests in Content-Disposition: RFC 5987 `filename*=UTF-8''...` first
 * (it carries non-ASCII names), else `filename="..."`.
 */
function dispositionFileName(value) {
    if (!value)
        return undefined;
    const extended = /(?:^|;)\s*filename\*\s*=\s*([^;]+)/i.exec(value)?.[1]?.trim();
    const fromExtended = extended ? decodeExtendedValue(extended) : undefined;
    if (fromExtended)
        return fromExtended;
    const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(value);
    if (!plain)
        return undefined;
    return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2].trim();
}
/** `charset'language'percent-encoded`, as RFC 5987 writes it; UTF-8 and ISO-8859-1 are the charsets it allows. */
function decodeExtendedValue(value) {
    const match = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(value.replace(/^"|"$/g, ''));
    if (!match)
        return undefined;
    try {
        if (/^utf-8$/i.test(match[1]))
            return decodeURIComponent(match[2]);
        // Each ISO-8859-1 byte is the code point of the same number.
        if (/^iso-8859-1$/i.test(match[1]))
            return match[2].replace(/%([0-9a-f]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    }
    catch {
        return undefined;
    }
    return undefined;
}
/** Names Windows gives to devices, with any extension (`NUL.txt` opens the null device too). */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/**
 * A name that is safe as the last part of a path on any runner: no folders on either separator
 * (a server could send `../../x` or `..\..\x`, and Windows takes both), no control characters,
 * none of the characters Windows refuses (`:` included, so no drive `C:x` or stream `x:y`), and
 * no Windows device name.
 */
function safeFileName(name) {
    if (name === undefined)
        return undefined;
    const base = name.split(/[/\\]/).pop() ?? '';
    const cleaned = base
        // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
        .replace(/[\u0000-\u001f\u007f]/g, '')
        .replace(/[<>:"|?*]/g, '_')
        .replace(/[. ]+$/, '')
        .trim();
    // Trailing dots are gone, so '.' and '..' are empty here.
    if (cleaned === '')
        return undefined;
    return WINDOWS_DEVICE_NAME.test(cleaned) ? `_${cleaned}` : cleaned;
}

// EXTERNAL MODULE: external "node:v8"
var external_node_v8_ = __webpack_require__(8877);
var external_node_v8_default = /*#__PURE__*/__webpack_require__.n(external_node_v8_);
// EXTERNAL MODULE: external "node:vm"
var external_node_vm_ = __webpack_require__(714);
var external_node_vm_default = /*#__PURE__*/__webpack_require__.n(external_node_vm_);
;// CONCATENATED MODULE: ./src/gitlab/memory.ts


let collect;
/** V8's own collector, made callable for this process (the runner starts node without --expose-gc). */
function collector() {
    if (collect === undefined) {
        try {
            external_node_v8_default().setFlagsFromString('--expose-gc');
            collect = external_node_vm_default().runInNewContext('gc');
        }
        catch {
            collect = null;
        }
    }
    return collect;
}
/**
 * Bytes streamed between two collections: a few chunks' worth, far below V8's own threshold.
 * Measured by `npm run bench` (peak RSS of a 1 GiB download): every 8 MiB peaked at ~100 MiB,
 * every 2 MiB at ~94 MiB, the malloc'd socket buffers awaiting collection being most of the
 * difference; the download's time did not change measurably.
 */
const RELEASE_EVERY_BYTES = 2 * 1024 * 1024;
/**
 * Returns a counter to call with each chunk streamed. V8 frees the buffers of chunks already
 * written only at a garbage collection, and it starts one for such memory only after about
 * 64 MiB of it has piled up, so a streamed transfer would sit that far above where it started.
 * A young-generation collection every few MiB (about a millisecond: the chunks die young)
 * keeps the process's memory flat whatever the size of the transfer.
 */
function releasingMemory() {
    const gc = collector();
    let since = 0;
    return bytes => {
        since += bytes;
        if (since < RELEASE_EVERY_BYTES || gc === null)
            return;
        since = 0;
        gc({ type: 'minor' });
    };
}

;// CONCATENATED MODULE: ./src/gitlab/progress.ts

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
/** 1536 → "1.5 KiB". */
function formatBytes(bytes) {
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
        value /= 1024;
        unit++;
    }
    return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}
/** 1 → "1 file", 2 → "2 files". */
function count(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
function formatRate(bytes, ms) {
    return `${formatBytes(ms > 0 ? (bytes * 1000) / ms : 0)}/s`;
}
/** How often a long transfer reports: steady, whatever the chunk size or speed. */
const PROGRESS_INTERVAL_MS = 5000;
/**
 * Logs `describe()` every few seconds until stopped; a transfer that ends sooner logs nothing.
 * A timer rather than a check per chunk keeps the hot path free of logging work.
 */
function startProgress(describe, intervalMs = PROGRESS_INTERVAL_MS) {
    let last = Date.now();
    const timer = setInterval(() => {
        const now = Date.now();
        log/* info */.pq(describe(now - last));
        last = now;
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
}

;// CONCATENATED MODULE: ./src/gitlab/download.ts


















/**
 * Received chunks are written in batches of this size, synchronously: fs.WriteStream, which hands
 * each write to the thread pool, was slower, and bigger batches stalled the socket for longer.
 * The kernel keeps receiving into the socket's buffer while a batch is written. Batches written
 * through the thread pool, four in flight, were ~4% faster but peaked ~4 MiB higher (`npm run
 * bench`, 1 GiB): not worth it. What separates a 1 GiB download from curl's time on loopback
 * (BENCHMARKS.md) is the SHA-256 and Node's cost per socket read.
 */
const WRITE_BATCH_BYTES = 512 * 1024;
/** Writes every byte of `chunks` at the file's position (writev may write less than asked). */
function writeAll(fd, chunks, length) {
    if (length === 0)
        return;
    const written = (0,external_node_fs_.writevSync)(fd, chunks);
    if (written === length)
        return;
    const rest = Buffer.concat(chunks).subarray(written);
    for (let offset = 0; offset < rest.length;)
        offset += (0,external_node_fs_.writeSync)(fd, rest, offset);
}
/**
 * The SHA-256 a strong ETag of 64 hex digits carries. A weak ETag (`W/"…"`) promises only an
 * equivalent body, not the same bytes (RFC 9110 §8.8.1), so it is never one. Whether a 64-hex
 * ETag is the body's hash at all is for the caller to say (etagIsBodySha256).
 */
function etagSha256(etag) {
    const value = etag?.trim();
    if (!value || value.startsWith('W/'))
        return undefined;
    const digits = value.replace(/^"|"$/g, '');
    return /^[0-9a-f]{64}$/i.test(digits) ? digits.toLowerCase() : undefined;
}
function contentLength(response) {
    const value = (0,client/* header */.wx)(response.headers, 'content-length');
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
/** "1.2 MiB of 3 MiB": how much of a body had arrived, for a failure. */
function received(bytes, expected) {
    return `received ${formatBytes(bytes)}${expected === undefined ? '' : ` of ${formatBytes(expected)}`}`;
}
/** Streams the body into the open file: hashed, counted and written in the same pass. */
async function receive(download, response, fd, expected) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const release = releasingMemory();
    let bytes = 0;
    let reported = 0;
    const stopProgress = startProgress(sinceLastMs => {
        const part = expected ? ` of ${formatBytes(expected)} (${Math.floor((bytes / expected) * 100)}%)` : '';
        const line = `Received ${formatBytes(bytes)}${part} at ${formatRate(bytes - reported, sinceLastMs)}`;
        reported = bytes;
        return line;
    });
    try {
        let batch = [];
        let batched = 0;
        for await (const chunk of response.body) {
            hash.update(chunk);
            bytes += chunk.length;
            release(chunk.length);
            batch.push(chunk);
            batched += chunk.length;
            if (batched >= WRITE_BATCH_BYTES) {
                writeAll(fd, batch, batched);
                batch = [];
                batched = 0;
            }
        }
        writeAll(fd, batch, batched);
    }
    catch (error) {
        // The request's signal destroys the body on a cancel or the deadline.
        if (download.signal?.aborted)
            throw (0,abort/* stoppedFailure */.kB)(download.signal, `trying to ${download.request.what}`, received(bytes, expected));
        if ((0,retry/* errorCode */.CA)(error) === 'UND_ERR_BODY_TIMEOUT') {
            throw new client/* BodyCut */.Bn(`no data arrived for ${(0,summary/* formatDuration */.a3)(download.stallMs)} ('stall-timeout'); ${received(bytes, expected)}`);
        }
        throw error;
    }
    finally {
        stopProgress();
    }
    return { bytes, sha256: hash.digest('hex') };
}
/**
 * A successful answer that is not the file: a login or proxy page, or a body in a content coding
 * (gzip, br) that would be saved still encoded; only `identity` was asked for.
 */
function refuseWrongContent(download, response) {
    const { what } = download.request;
    if ((0,http_body/* isWebPage */.AA)(response) && !download.webPageExpected)
        throw (0,http_body/* webPageFailure */.KQ)(what, response, download.expected, GITLAB);
    const coding = (0,client/* header */.wx)(response.headers, 'content-encoding')?.trim().toLowerCase();
    if (coding && coding !== 'identity') {
        throw new errors/* ActionError */.lZ(`Could not ${what}: ${response.url.host} sent the body encoded as '${(0,log/* outside */.qY)(coding)}', though only the plain bytes were asked for (Accept-Encoding: identity); nothing was saved`, {
            title: `Could not ${what}`,
            hint: 'A proxy or server configuration re-encodes downloads; exempt this host from it (or from the proxy with NO_PROXY).'
        });
    }
}
/** One answer read: `temp` truncated, the status and content checked, the body received and checked. */
async function receiveInto(download, temp, response) {
    if (!(0,failure/* isSuccess */.oJ)(response.status))
        throw await download.failure(response);
    try {
        refuseWrongContent(download, response);
    }
    catch (error) {
        await response.body.dump().catch(() => undefined);
        throw error;
    }
    // Opened without an await between the answer and reading its body: a body that fails while
    // nothing listens would be an unhandled stream error.
    const fd = (0,external_node_fs_.openSync)(temp, 'w');
    try {
        const expected = contentLength(response);
        const started = Date.now();
        const { bytes, sha256 } = await receive(download, response, fd, expected);
        if (expected !== undefined && bytes !== expected) {
            throw new client/* BodyCut */.Bn(`the connection ended after ${bytes} of the ${expected} bytes announced`);
        }
        const announced = download.etagIsBodySha256?.(response) ? etagSha256((0,client/* header */.wx)(response.headers, 'etag')) : undefined;
        if (announced !== undefined && announced !== sha256) {
            throw new errors/* ActionError */.lZ(`Could not ${download.request.what}: the data received has SHA-256 ${sha256}, but the server's ETag says ${announced}`, {
                title: 'Download failed its integrity check',
                hint: 'The bytes were damaged on the way or the server sent something else; nothing was saved. Run the step again.'
            });
        }
        const elapsed = Date.now() - started;
        log/* info */.pq(`Received ${formatBytes(bytes)} in ${(elapsed / 1000).toFixed(1)}s (${formatRate(bytes, elapsed)}), SHA-256 ${sha256}`);
        return { name: dispositionFileName((0,client/* header */.wx)(response.headers, 'content-disposition')), bytes, sha256 };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
function downloadFailure(download, error) {
    if (error instanceof errors/* ActionError */.lZ)
        return error;
    if (download.signal?.aborted)
        return (0,abort/* stoppedFailure */.kB)(download.signal, `trying to ${download.request.what}`);
    const reason = (0,retry/* errorCode */.CA)(error) ?? (error instanceof Error ? error.message : String(error));
    return new errors/* ActionError */.lZ(`Could not ${download.request.what}: ${reason}`, {
        title: `Could not ${download.request.what}`,
        retryable: (0,retry/* isNetworkError */.TX)(error) || error instanceof client/* BodyCut */.Bn,
        hint: (0,network_hint/* networkHint */.u)(download.request.url, (0,retry/* errorCode */.CA)(error)),
        cause: error
    });
}
/**
 * Streams a response body to a file in `folder`: to a hidden temporary file first (same file
 * system), renamed when complete and checked, so that a cut or failed download never leaves a
 * partial file under the final name. A connection cut mid-body restarts from the beginning, with
 * the file truncated.
 */
async function downloadToFile(download) {
    await (0,promises_.mkdir)(download.folder, { recursive: true }).catch(error => {
        throw new errors/* ActionError */.lZ(`Could not create the folder ${download.folder}: ${error instanceof Error ? error.message : error}`, {
            title: 'Could not create the download folder'
        });
    });
    const temp = external_node_path_default().join(download.folder, `.download-${(0,external_node_crypto_.randomUUID)().slice(0, 8)}.part`);
    try {
        // One loop, one budget of attempts: a body cut mid-way is sent again like a failure before
        // the headers (sendAndRead), never as a second loop around send()'s own retries.
        const request = {
            ...download.request,
            headers: { ...download.request.headers, 'accept-encoding': 'identity' },
            signal: download.signal,
            bodyTimeoutMs: download.stallMs
        };
        const result = await (0,client/* sendAndRead */.is)(request, response => receiveInto(download, temp, response), download.policy ?? retry/* DEFAULT_RETRY_POLICY */.cO);
        if (download.saveAs === 'temporary')
            return { file: temp, bytes: result.bytes, sha256: result.sha256 };
        const file = external_node_path_default().join(download.folder, safeFileName(result.name) ?? download.saveAs.fallbackName);
        await (0,promises_.rename)(temp, file);
        return { file, bytes: result.bytes, sha256: result.sha256 };
    }
    catch (error) {
        await (0,promises_.rm)(temp, { force: true });
        throw downloadFailure(download, error);
    }
}

;// CONCATENATED MODULE: ./src/gitlab/artifacts.ts











/** What a summary names as the target: "group/project job 42", "group/project main › build", "group/project 1a2b3c4d › build". */
function jobTarget(gitlab, job) {
    switch (job.by) {
        case 'id':
            return `${gitlab.project} job ${job.jobId}`;
        case 'ref':
            return `${gitlab.project} ${job.ref} › ${job.job}`;
        case 'sha':
            return `${gitlab.project} ${job.sha.slice(0, 12)} › ${job.job}`;
        case 'pipeline':
            return `${gitlab.project} pipeline ${job.pipelineId} › ${job.job}`;
    }
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
function archiveEtagIsSha256(gitlab, response) {
    return response.url.origin === gitlab.apiUrl.origin;
}
/** Streams an artifacts archive or file from GitLab (through any redirect to object storage) into `folder`. */
function downloadArtifact(download) {
    const { gitlab, job, url, what, artifactPath } = download;
    log/* info */.pq(`Downloading from ${(0,http_url/* displayUrl */.Qy)(url)}`);
    const request = { method: 'GET', url, what, credentials: credentials(gitlab), retry: 'idempotent' };
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
    });
}
/** Outputs and summary of a download: where it went, how big, its SHA-256, how many files. */
function fetchedResult(fetched) {
    const { file } = fetched;
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
    };
}
/**
 * Sends a request that changes a job's artifacts. It is never sent twice once it may have
 * reached GitLab; an unsuccessful answer becomes GitLab's message with a hint. The successful
 * answer is the caller's to check: a proxy or login page can answer 200 too.
 */
async function changeArtifacts(change) {
    const { gitlab, jobId, what } = change;
    const request = { method: change.method, url: change.url, what, credentials: credentials(gitlab), retry: 'once', signal: change.signal };
    const response = await (0,client/* send */.tN)(request);
    if (!(0,failure/* isSuccess */.oJ)(response.status)) {
        throw await gitlabHttpError(what, response, { gitlab, access: change.access, job: { by: 'id', jobId } });
    }
    return response;
}
/** A success status other than the one GitLab's API gives: something between us and GitLab answered. */
async function unexpectedAnswer(what, response, expected) {
    if ((0,http_body/* isWebPage */.AA)(response)) {
        await response.body.dump().catch(() => undefined);
        return (0,http_body/* webPageFailure */.KQ)(what, response, expected, GITLAB);
    }
    const { text } = await (0,http_body/* readBounded */.CB)(response, http_body/* ERROR_BODY_LIMIT */.g2).catch(() => ({ text: '' }));
    const type = (0,client/* header */.wx)(response.headers, 'content-type') ?? 'no content type';
    const body = (0,log/* outside */.qY)(text.trim()) || 'an empty body';
    return new errors/* ActionError */.lZ(`Could not ${what}: ${response.url.host} answered HTTP ${response.status} (${type}: ${body}), not ${expected}`, {
        title: `Could not ${what}`,
        hint: `GitLab's API answers this request with ${expected}; check ${GITLAB.inputs}, and any proxy in between. GitLab may or may not have carried it out: check the job's artifacts in GitLab.`
    });
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./node_modules/yauzl/index.js
var yauzl = __webpack_require__(663);
;// CONCATENATED MODULE: ./src/gitlab/extract.ts













// Extraction reads the central directory first and checks EVERY entry (names, types, counts,
// declared sizes) before it writes anything: a refused archive leaves nothing behind. Damage
// found while inflating (bad data, a wrong CRC, sizes that lie) stops it, and the files and
// folders this extraction created are removed again.
/** Entries at most this big are read, inflated and written in one piece; bigger ones are streamed. */
const SMALL_ENTRY_BYTES = 1024 * 1024;
/** Big entries streamed at once: enough to overlap inflating and writing, few enough to bound memory. */
const STREAMS_AT_ONCE = 2;
const SMALL_FILES_BETWEEN_YIELDS = 64;
const STREAM_BUFFER_BYTES = 256 * 1024;
const LOCAL_HEADER_BYTES = 30;
/** Room for a local header's extra field, which may differ from the central directory's. */
const LOCAL_EXTRA_SLACK = 256;
// Never follow a symlink already in the folder: it could point anywhere.
const WRITE_FLAGS = external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_TRUNC | (external_node_fs_.constants.O_NOFOLLOW ?? 0);
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const UNIX_CREATOR = 3;
/** Refusal of an archive, naming the entry and why. */
function refuse(name, why) {
    return new errors/* ActionError */.lZ(`Refused to extract the archive: entry '${name}' ${why}. Nothing was extracted.`, {
        title: 'Unsafe artifacts archive',
        hint: 'GitLab Runner stores symlinks and paths as they were in the job; change the job so that its artifacts hold only regular files inside the project.'
    });
}
function damaged(name, reason) {
    const what = name === undefined ? 'The artifacts archive is not a valid zip file' : `The artifacts archive is damaged at entry '${name}'`;
    return new errors/* ActionError */.lZ(`${what}: ${reason}`, {
        title: 'Damaged artifacts archive',
        hint: 'The download completed but its content is not a readable zip archive; check the job that produced it.'
    });
}
function reasonOf(error) {
    return error instanceof Error ? error.message : String(error);
}
/** The entry's path parts inside the folder, or why it is refused. `[]` is the folder itself (`./`). */
function safeParts(name) {
    if (name.includes('\0'))
        return 'has a NUL character in its name';
    if (name.startsWith('/') || /^[a-z]:/i.test(name))
        return 'has an absolute path';
    const parts = name.split('/').filter(part => part !== '' && part !== '.');
    if (parts.includes('..'))
        return "climbs out of the folder with '..'";
    if (process.platform === 'win32' && parts.some(part => part.includes(':')))
        return "has a ':' in its name, which Windows reads as a drive or stream";
    return parts;
}
/** The Unix file type of an entry, when the archive recorded one (GitLab Runner does). */
function unixType(entry) {
    return (entry.externalFileAttributes >>> 16) & S_IFMT;
}
function fileMode(entry) {
    const permissions = (entry.externalFileAttributes >>> 16) & 0o777;
    // Execute bits matter for built tools; the umask still applies, as with unzip.
    return entry.versionMadeBy >> 8 === UNIX_CREATOR && permissions !== 0 ? permissions : 0o666;
}
/** Reads the central directory and checks every entry; throws before anything is written. */
async function planExtraction(zipfile, folder, limits) {
    if (zipfile.entryCount > limits.maxFiles) {
        throw new errors/* ActionError */.lZ(`Refused to extract the archive: it has ${zipfile.entryCount} entries, more than 'max-extracted-files' (${limits.maxFiles}). Nothing was extracted.`, { title: 'Artifacts archive too large', hint: "Raise 'max-extracted-files' if the archive is expected to be this big." });
    }
    const files = [];
    const directories = new Set();
    const targets = new Set();
    let declaredBytes = 0;
    try {
        for await (const entry of zipfile.eachEntry()) {
            const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
            const parts = safeParts(name);
            if (typeof parts === 'string')
                throw refuse(name, parts);
            const type = unixType(entry);
            if (type === S_IFLNK)
                throw refuse(name, 'is a symbolic link');
            if (type !== 0 && type !== S_IFREG && type !== S_IFDIR)
                throw refuse(name, 'is a special file (device, FIFO or socket)');
            if (parts.length === 0)
                continue;
            const target = external_node_path_default().join(folder, ...parts);
            if (targets.has(target))
                throw refuse(name, 'appears more than once');
            targets.add(target);
            for (let depth = 1; depth < parts.length; depth++)
                directories.add(external_node_path_default().join(folder, ...parts.slice(0, depth)));
            if (name.endsWith('/') || type === S_IFDIR) {
                directories.add(target);
                continue;
            }
            if (!entry.canDecodeFileData()) {
                throw refuse(name, `is encrypted or compressed with method ${entry.compressionMethod}; only stored and deflated entries can be extracted`);
            }
            declaredBytes += entry.uncompressedSize;
            const small = entry.uncompressedSize <= SMALL_ENTRY_BYTES && entry.compressedSize <= SMALL_ENTRY_BYTES;
            files.push({
                name,
                target,
                mode: fileMode(entry),
                localHeaderOffset: entry.relativeOffsetOfLocalHeader,
                nameLength: entry.fileNameLength,
                compressedSize: entry.compressedSize,
                uncompressedSize: entry.uncompressedSize,
                deflated: entry.compressionMethod === 8,
                crc: entry.crc32,
                entry: small ? undefined : entry
            });
        }
    }
    catch (error) {
        throw error instanceof errors/* ActionError */.lZ ? error : damaged(undefined, reasonOf(error));
    }
    const clash = files.find(file => directories.has(file.target));
    if (clash)
        throw refuse(clash.name, 'is a file and also a folder of other entries');
    if (declaredBytes > limits.maxBytes) {
        throw new errors/* ActionError */.lZ(`Refused to extract the archive: it unpacks to ${formatBytes(declaredBytes)}, more than 'max-extracted-size' (${formatBytes(limits.maxBytes)}). Nothing was extracted.`, { title: 'Artifacts archive too large', hint: "Raise 'max-extracted-size' if the archive is expected to be this big." });
    }
    // Reading in archive order keeps the reads of the zip sequential.
    files.sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
    return { files, directories: [...directories].sort((a, b) => a.length - b.length), declaredBytes };
}
/** Tracks what this extraction created, so that a failure can take it back. */
class Created {
    files = [];
    directories = [];
    async remove() {
        await Promise.all(this.files.map(file => (0,promises_.unlink)(file).catch(() => undefined)));
        for (const directory of this.directories.reverse())
            await (0,promises_.rmdir)(directory).catch(() => undefined);
    }
}
/** Creates the folders parents first; one that already exists must be a real folder, not a symlink. */
async function createDirectories(directories, folder, created) {
    for (const directory of directories) {
        try {
            await (0,promises_.mkdir)(directory);
            created.directories.push(directory);
        }
        catch (error) {
            if (error.code !== 'EEXIST')
                throw error;
            const stats = await (0,promises_.lstat)(directory);
            if (!stats.isDirectory()) {
                throw new errors/* ActionError */.lZ(`Refused to extract into '${external_node_path_default().relative(folder, directory)}': it already exists in '${folder}' and is ${stats.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}.`, {
                    title: 'Unsafe extraction target'
                });
            }
        }
    }
}
/** A small entry in one read: its local header (whose name and extra lengths decide where the data starts) and data. */
function readSmallEntry(archiveFd, file) {
    const length = LOCAL_HEADER_BYTES + file.nameLength + LOCAL_EXTRA_SLACK + file.compressedSize;
    const buffer = Buffer.allocUnsafe(length);
    const bytesRead = (0,external_node_fs_.readSync)(archiveFd, buffer, 0, length, file.localHeaderOffset);
    if (bytesRead < LOCAL_HEADER_BYTES || buffer.readUInt32LE(0) !== 0x04034b50)
        throw new Error('invalid local file header');
    const dataStart = LOCAL_HEADER_BYTES + buffer.readUInt16LE(26) + buffer.readUInt16LE(28);
    let stored = buffer.subarray(dataStart, dataStart + file.compressedSize);
    if (dataStart + file.compressedSize > bytesRead) {
        stored = Buffer.allocUnsafe(file.compressedSize);
        if ((0,external_node_fs_.readSync)(archiveFd, stored, 0, file.compressedSize, file.localHeaderOffset + dataStart) < file.compressedSize) {
            throw new Error('the archive ends inside this entry');
        }
    }
    // An output buffer of the declared size: zlib's default 16 KiB chunks would be churned per file.
    const size = Math.max(file.uncompressedSize, 1);
    const data = file.deflated ? (0,external_node_zlib_.inflateRawSync)(stored, { maxOutputLength: size, chunkSize: Math.max(size, 64) }) : stored;
    if (data.length !== file.uncompressedSize)
        throw new Error(`it holds ${data.length} bytes, not the ${file.uncompressedSize} its header says`);
    return { stored: buffer, data };
}
function refuseSymlinkTarget(target, error) {
    if (error.code !== 'ELOOP')
        return error;
    return new errors/* ActionError */.lZ(`Refused to extract '${target}': a symbolic link is already there, and writing would follow it.`, {
        title: 'Unsafe extraction target'
    });
}
/** A failed system call (a full disk, say) is reported as it is; anything else while reading an entry is damage. */
function asDamage(file, error) {
    return error instanceof errors/* ActionError */.lZ || error.syscall !== undefined ? error : damaged(file.name, reasonOf(error));
}
/**
 * Writes the planned files. Small files (almost all, in a typical archive) are read, inflated and
 * written synchronously: measured, that is about twice as fast as sending each open/write/close
 * through libuv's thread pool, which mostly adds hand-offs. Big entries stream (inflating off the
 * main thread), a bounded few at once, while the small ones go on around them.
 */
class Extraction {
    zipfile;
    archiveFd;
    limits;
    created;
    files = 0;
    bytes = 0;
    constructor(zipfile, archiveFd, limits, created) {
        this.zipfile = zipfile;
        this.archiveFd = archiveFd;
        this.limits = limits;
        this.created = created;
    }
    async run(files, signal) {
        const streaming = new Set();
        let failure;
        let sinceYield = 0;
        for (const file of files) {
            if (failure)
                break;
            if (signal?.aborted)
                break;
            if (!file.entry) {
                try {
                    this.writeSmall(file);
                }
                catch (error) {
                    failure = { error };
                }
                // Let timers, signals and the streams in flight run now and then.
                if (++sinceYield >= SMALL_FILES_BETWEEN_YIELDS) {
                    sinceYield = 0;
                    await (0,external_node_timers_promises_.setImmediate)();
                }
                continue;
            }
            if (streaming.size >= STREAMS_AT_ONCE)
                await Promise.race(streaming);
            const stream = this.writeStreamed({ ...file, entry: file.entry }, signal)
                .catch(error => void (failure ??= { error }))
                .finally(() => streaming.delete(stream));
            streaming.add(stream);
        }
        await Promise.all(streaming);
        // A cancel or the deadline also shows as a stream's abort error: it is reported as what it is.
        if (signal?.aborted)
            throw (0,abort/* stoppedFailure */.kB)(signal, 'extracting the artifacts', `${count(this.files, 'file')} written, all removed again`);
        if (failure)
            throw failure.error;
    }
    release = releasingMemory();
    /** Counts bytes as they are written: the archive's declared sizes are a claim, this is the fact. */
    addBytes(bytes) {
        this.bytes += bytes;
        this.release(bytes);
        if (this.bytes > this.limits.maxBytes) {
            throw new errors/* ActionError */.lZ(`Stopped extracting: the archive unpacks to more than 'max-extracted-size' (${formatBytes(this.limits.maxBytes)}).`, {
                title: 'Artifacts archive too large'
            });
        }
    }
    writeSmall(file) {
        let read;
        try {
            read = readSmallEntry(this.archiveFd, file);
            if ((0,external_node_zlib_.crc32)(read.data) !== file.crc)
                throw new Error('its CRC-32 does not match: the data is corrupt');
        }
        catch (error) {
            throw asDamage(file, error);
        }
        const { data } = read;
        this.addBytes(data.length);
        this.release(read.stored.length);
        let output;
        try {
            output = (0,external_node_fs_.openSync)(file.target, WRITE_FLAGS, file.mode);
        }
        catch (error) {
            throw refuseSymlinkTarget(file.target, error);
        }
        this.created.files.push(file.target);
        try {
            for (let written = 0; written < data.length;)
                written += (0,external_node_fs_.writeSync)(output, data, written);
        }
        finally {
            (0,external_node_fs_.closeSync)(output);
        }
        this.files++;
    }
    async writeStreamed(file, signal) {
        const output = await (0,promises_.open)(file.target, WRITE_FLAGS, file.mode).catch((error) => {
            throw refuseSymlinkTarget(file.target, error);
        });
        this.created.files.push(file.target);
        let crc = 0;
        const addBytes = (bytes) => this.addBytes(bytes);
        try {
            await (0,external_node_stream_promises_.pipeline)(await this.zipfile.openReadStreamPromise(file.entry), async function* (source) {
                for await (const chunk of source) {
                    addBytes(chunk.length);
                    crc = (0,external_node_zlib_.crc32)(chunk, crc);
                    yield chunk;
                }
            }, output.createWriteStream({ highWaterMark: STREAM_BUFFER_BYTES }), { signal });
            if (crc !== file.crc)
                throw new Error('its CRC-32 does not match: the data is corrupt');
        }
        catch (error) {
            throw asDamage(file, error);
        }
        finally {
            // The write stream closes the handle when it finishes; this covers a failure before that.
            await output.close();
        }
        this.files++;
    }
}
/**
 * Reads the archive for yauzl with plain positioned reads. yauzl's own file reader queues each
 * read of the central directory through the thread pool one at a time, which made listing
 * 20,000 entries take seconds; these reads hit the page cache and take microseconds.
 */
class ArchiveReader extends yauzl.RandomAccessReader {
    fd;
    constructor(fd) {
        super();
        this.fd = fd;
    }
    read(buffer, offset, length, position, callback) {
        let bytesRead;
        try {
            bytesRead = (0,external_node_fs_.readSync)(this.fd, buffer, offset, length, position);
        }
        catch (error) {
            process.nextTick(callback, error);
            return;
        }
        process.nextTick(callback, null, bytesRead);
    }
    /** Big reads for big entries; the descriptor stays open (it is not the stream's to close). */
    _readStreamForRange(start, end) {
        const fd = this.fd;
        let position = start;
        return new external_node_stream_.Readable({
            highWaterMark: STREAM_BUFFER_BYTES,
            read() {
                const length = Math.min(STREAM_BUFFER_BYTES, end - position);
                if (length <= 0)
                    return void this.push(null);
                const buffer = Buffer.allocUnsafe(length);
                (0,external_node_fs_.read)(fd, buffer, 0, length, position, (error, bytesRead) => {
                    if (error)
                        return void this.destroy(error);
                    if (bytesRead === 0)
                        return void this.destroy(new Error('the archive ends inside this entry'));
                    position += bytesRead;
                    this.push(buffer.subarray(0, bytesRead));
                });
            }
        });
    }
}
/**
 * Extracts a zip into `folder` (created if needed), after checking every entry: an absolute path,
 * a `..` that climbs out, a symlink or special file, or more than the limits allow refuses the
 * whole archive, naming the entry, before anything is written.
 */
async function extractArchive(zipPath, folder, limits, signal) {
    const archive = await (0,promises_.open)(zipPath, 'r');
    try {
        let zipfile;
        try {
            const { size } = await archive.stat();
            zipfile = await yauzl.fromRandomAccessReaderPromise(new ArchiveReader(archive.fd), size, {
                lazyEntries: true,
                autoClose: false,
                decodeStrings: false,
                validateEntrySizes: true
            });
        }
        catch (error) {
            throw damaged(undefined, reasonOf(error));
        }
        try {
            const plan = await planExtraction(zipfile, folder, limits);
            log/* info */.pq(`Extracting ${count(plan.files.length, 'file')} (${formatBytes(plan.declaredBytes)}) into ${folder}`);
            const created = new Created();
            const extraction = new Extraction(zipfile, archive.fd, limits, created);
            const stopProgress = startProgress(() => `Extracted ${extraction.files} of ${plan.files.length} files (${formatBytes(extraction.bytes)} of ${formatBytes(plan.declaredBytes)})`);
            try {
                await (0,promises_.mkdir)(folder, { recursive: true });
                await createDirectories(plan.directories, folder, created);
                await extraction.run(plan.files, signal);
            }
            catch (error) {
                await created.remove();
                throw error instanceof errors/* ActionError */.lZ
                    ? error
                    : new errors/* ActionError */.lZ(`Could not extract the artifacts into ${folder}: ${reasonOf(error)}`, { title: 'Could not extract the artifacts', cause: error });
            }
            finally {
                stopProgress();
            }
            return { files: extraction.files, directories: plan.directories.length, bytes: extraction.bytes };
        }
        finally {
            zipfile.close();
        }
    }
    finally {
        await archive.close();
    }
}

;// CONCATENATED MODULE: ./src/gitlab/jobs.ts







/** Largest page GitLab serves. */
const PER_PAGE = 100;
/** Pages of one list read at most: 1,000 jobs in one pipeline is beyond any real pipeline, yet a bound. */
const MAX_PAGES = 10;
/** GitLab's own `search_recent_successful_pipelines` looks through at most 100 pipelines (doc/api/job_artifacts.md). */
const RECENT_PIPELINES = 100;
/** Pipelines of one family (a pipeline and its child pipelines, grandchildren…) searched at most. */
const MAX_FAMILY = 20;
/** Job names listed in a "no such job" failure. */
const MAX_NAMES_SHOWN = 20;
/**
 * Job statuses that are final (Ci::HasStatus::COMPLETED_STATUSES). Any other status, one this list
 * does not know included (newer GitLab adds `canceling`, `waiting_for_callback`), may still change.
 */
const FINAL_JOB_STATUSES = ['success', 'failed', 'canceled', 'skipped'];
/** A job that stays as it is until a person starts it in GitLab (Ci::HasStatus::BLOCKED_STATUS; `scheduled` starts by itself). */
const PERSON_MUST_START = 'manual';
function isFinalJobStatus(status) {
    return FINAL_JOB_STATUSES.includes(status);
}
/**
 * The job asked for is not there (yet): no pipeline for the commit or ref, or no job of that name
 * in it. A mirror that has not synced yet, or a child pipeline not created yet, looks like this, so
 * a wait for the job waits it out; without a wait it fails the step.
 */
class JobNotThereYet extends errors/* ActionError */.lZ {
}
/**
 * A CI job token that GitLab does not let read pipelines or jobs: before the job token's
 * fine-grained permissions (`job_token_policies` on these routes), only the artifact endpoints
 * accepted it. The caller then lets GitLab pick the job, as the artifact endpoints always did.
 */
class JobTokenRefused extends Error {
    status;
    constructor(status) {
        super(`HTTP ${status}`);
        this.status = status;
    }
}
async function getJson(gitlab, url, what, job, signal) {
    const response = await (0,client/* send */.tN)({ method: 'GET', url, what, credentials: credentials(gitlab), retry: 'idempotent', signal });
    if (!(0,failure/* isSuccess */.oJ)(response.status)) {
        if ((response.status === 401 || response.status === 403) && gitlab.auth.header === 'JOB-TOKEN') {
            await response.body.dump();
            throw new JobTokenRefused(response.status);
        }
        throw await gitlabHttpError(what, response, { gitlab, access: 'read', job });
    }
    // A web page or other non-JSON answer (a login page, a proxy) fails with the likely cause.
    const value = await (0,http_body/* readJsonAnswer */.f$)(what, response, GITLAB);
    return { value, headers: response.headers };
}
/** The next page to read: X-Next-Page when GitLab sends it ('' on the last page), else guessed from a full page. */
function nextPage(headers, page, count) {
    const given = (0,client/* header */.wx)(headers, 'x-next-page');
    if (given !== undefined) {
        const next = given.trim();
        return /^\d+$/.test(next) && Number(next) > page ? Number(next) : undefined;
    }
    return count >= PER_PAGE ? page + 1 : undefined;
}
/** Every item of a paginated list, up to MAX_PAGES pages. */
async function* listed(gitlab, url, what, job, signal) {
    for (let page = 1, read = 0; page !== undefined && read < MAX_PAGES; read++) {
        const { value, headers } = await getJson(gitlab, url(page), what, job, signal);
        const items = Array.isArray(value) ? value : [];
        yield* items;
        page = nextPage(headers, page, items.length);
    }
}
function pageQuery(page) {
    return { per_page: String(PER_PAGE), page: String(page) };
}
async function fetchJob(gitlab, jobId, signal) {
    const job = { by: 'id', jobId };
    const { value } = await getJson(gitlab, jobUrl(gitlab, jobId), `read job ${jobId} of ${gitlab.project}`, job, signal);
    return value;
}
/**
 * The newest pipelines matching `query` (GitLab's `ref`, `sha` and `status` filters), newest
 * first, at most `count` (≤ 100, one page).
 */
async function newestPipelines(gitlab, query, count, what, selector, signal) {
    const url = pipelinesUrl(gitlab, { ...query, order_by: 'id', sort: 'desc', per_page: String(count), page: '1' });
    const { value } = await getJson(gitlab, url, what, selector, signal);
    return Array.isArray(value) ? value : [];
}
function nothingSeen() {
    return { names: new Set(), refused: [] };
}
/**
 * The job of that name that `accept` takes in a pipeline or its child pipelines, parent first, as
 * GitLab's own lookup does (Ci::Pipeline#build_with_artifacts_in_self_and_project_descendants).
 * From GitLab 13.5 the jobs list gives only the latest try of each job, newest first; before, every
 * try, oldest first (doc/api/jobs.md): the newest (highest id) of a pipeline's tries is taken either way.
 */
async function findInFamily(gitlab, root, name, accept, selector, seen, signal) {
    const family = [root];
    for (let i = 0; i < family.length && i < MAX_FAMILY; i++) {
        const pipeline = family[i];
        const jobs = listed(gitlab, page => pipelineJobsUrl(gitlab, pipeline.id, pageQuery(page)), `list the jobs of pipeline ${pipeline.id} in ${gitlab.project}`, selector, signal);
        let newest;
        for await (const job of jobs) {
            if (job.name !== name) {
                if (job.name)
                    seen?.names.add(job.name);
                continue;
            }
            if (!accept(job))
                seen?.refused.push(job);
            else if (!newest || job.id > newest.id)
                newest = job;
        }
        if (newest)
            return { ...newest, pipeline: newest.pipeline ?? pipeline };
        const bridges = listed(gitlab, page => pipelineBridgesUrl(gitlab, pipeline.id, pageQuery(page)), `list the child pipelines of pipeline ${pipeline.id} in ${gitlab.project}`, selector, signal);
        for await (const bridge of bridges) {
            const child = bridge.downstream_pipeline;
            if (!child && !isFinalJobStatus(bridge.status ?? 'created') && seen)
                seen.childPending = true;
            const sameProject = child?.project_id === undefined || root.project_id === undefined || child.project_id === root.project_id;
            if (child && sameProject && !family.some(known => known.id === child.id))
                family.push(child);
        }
    }
    return undefined;
}
/** "'test', 'build'", at most MAX_NAMES_SHOWN names. */
function namesOf(seen) {
    const names = [...seen.names].slice(0, MAX_NAMES_SHOWN).map(name => `'${name}'`);
    return `${names.join(', ') || 'none'}${seen.names.size > MAX_NAMES_SHOWN ? ', …' : ''}`;
}
function notFound(gitlab, selector, pipelines, seen) {
    const where = selector.searchRecentSuccessfulPipelines
        ? `any of the ${pipelines.length} most recent successful pipelines of ${selector.ref}`
        : `the newest successful pipeline of ${selector.ref} (pipeline ${pipelines[0].id})`;
    const unusable = seen.refused[0];
    const why = unusable
        ? `job ${unusable.id} '${selector.job}' (${unusable.status ?? 'unknown status'}) has no artifacts that can be downloaded: none were uploaded, they expired or were deleted, or it has only artifacts:reports`
        : `its jobs are ${namesOf(seen)}`;
    // Successful pipelines have all their jobs: waiting would not bring the job (a misspelt name, say).
    return new errors/* ActionError */.lZ(`Could not find job '${selector.job}' with artifacts in ${where} in ${gitlab.project}: ${why}.`, {
        title: `GitLab job '${selector.job}' not found`,
        hint: selector.searchRecentSuccessfulPipelines
            ? "Check the job's name (it is case-sensitive) and that it keeps its artifacts (artifacts:expire_in), or give 'job-id'."
            : "Set 'search-recent-successful-pipelines: true' to look through the 100 most recent successful pipelines, or give 'job-id'."
    });
}
/** The job GitLab's ref endpoints would serve, found through the pipelines and jobs API. */
async function findJobByRef(gitlab, selector, signal) {
    const count = selector.searchRecentSuccessfulPipelines ? RECENT_PIPELINES : 1;
    const what = `list the successful pipelines of ${selector.ref} in ${gitlab.project}`;
    const pipelines = await newestPipelines(gitlab, { ref: selector.ref, status: 'success' }, count, what, selector, signal);
    if (pipelines.length === 0) {
        throw new JobNotThereYet(`Could not find job '${selector.job}' of ${selector.ref} in ${gitlab.project}: GitLab lists no successful pipeline for '${selector.ref}'.`, {
            title: `No successful GitLab pipeline for ${selector.ref}`,
            hint: "Check the branch or tag name ('ref'; merge-request pipelines run on refs/merge-requests/<iid>/head) and that a pipeline for it has succeeded, or set 'wait: true' to wait for one."
        });
    }
    const seen = { names: new Set(), refused: [] };
    for (const [index, pipeline] of pipelines.entries()) {
        const job = await findInFamily(gitlab, pipeline, selector.job, job => Boolean(job.artifacts_file), selector, index === 0 ? seen : undefined, signal);
        if (job)
            return job;
    }
    throw notFound(gitlab, selector, pipelines, seen);
}
/**
 * Pipelines of one commit looked through at most. A commit usually has one to three (its branch's,
 * a tag's, a merge request's); a bound all the same, as each costs a listing of its jobs.
 */
const PIPELINES_OF_COMMIT = 10;
/**
 * The newest pipelines for a commit, whatever their status (a running one can be waited for),
 * newest first. GitLab does not list child pipelines there; they are reached through the parent's
 * bridges. A merged-results or merge-train pipeline runs on a merge commit GitLab makes, so its
 * `sha` is not the branch's commit (and PipelineBasic does not expose `source_sha`): it is not found
 * by the branch's SHA.
 */
async function pipelinesOfCommit(gitlab, selector, signal) {
    const what = `list the pipelines of commit ${selector.sha} in ${gitlab.project}`;
    const pipelines = await newestPipelines(gitlab, { sha: selector.sha }, PIPELINES_OF_COMMIT, what, selector, signal);
    if (pipelines.length > 0)
        return pipelines;
    throw new JobNotThereYet(`Could not find job '${selector.job}' for commit ${selector.sha} in ${gitlab.project}: GitLab lists no pipeline for that commit.`, {
        title: `No GitLab pipeline for commit ${selector.sha.slice(0, 12)}`,
        hint: "A mirror may not have synced the commit yet, or no pipeline ran for it (workflow:rules, [skip ci]); merged-results pipelines run on a merge commit GitLab makes, not on the branch's commit. " +
            "Set 'wait: true' to wait for the pipeline, or give 'pipeline-id'."
    });
}
async function fetchPipeline(gitlab, selector, signal) {
    const { value } = await getJson(gitlab, pipelineUrl(gitlab, selector.pipelineId), `read pipeline ${selector.pipelineId} of ${gitlab.project}`, selector, signal);
    return value;
}
/**
 * The job of that name (latest try, any status) in the pipeline a selector names, or in its child
 * pipelines. By commit: in the newest of the commit's pipelines that has a job of that name, as one
 * commit often has several (a branch's and a tag's, or a merge request's) that run different jobs.
 */
async function findNamedJob(gitlab, selector, signal) {
    const pipelines = selector.by === 'sha' ? await pipelinesOfCommit(gitlab, selector, signal) : [await fetchPipeline(gitlab, selector, signal)];
    const newest = nothingSeen();
    for (const [index, pipeline] of pipelines.entries()) {
        const seen = index === 0 ? newest : nothingSeen();
        const job = await findInFamily(gitlab, pipeline, selector.job, () => true, selector, seen, signal);
        if (job)
            return job;
        // Its child pipeline may still bring the job: wait for it rather than take an older run's.
        if (seen.childPending)
            throw childPipelinePending(gitlab, selector, pipeline, seen);
    }
    const root = pipelines[0];
    const link = root.web_url ? ` (${root.web_url})` : '';
    const where = pipelines.length > 1
        ? `the ${pipelines.length} pipelines for commit ${root.sha ?? ''} of ${gitlab.project} or their child pipelines: the newest, ${pipelineName(root)}${link}, has jobs ${namesOf(newest)}`
        : `${pipelineName(root)} of ${gitlab.project} or its child pipelines: its jobs are ${namesOf(newest)}${link}`;
    // Every job these pipelines will have is there: a name none has will not come by waiting.
    throw new errors/* ActionError */.lZ(`Could not find job '${selector.job}' in ${where}.`, {
        title: `GitLab job '${selector.job}' not found`,
        hint: "Check the job's name (it is case-sensitive) and the rules that decide whether it runs."
    });
}
/** "pipeline 456 for main at 1a2b3c4d" */
function pipelineName(pipeline) {
    return `pipeline ${pipeline.id}${pipeline.ref ? ` for ${pipeline.ref}` : ''}${pipeline.sha ? ` at ${pipeline.sha.slice(0, 8)}` : ''}`;
}
function childPipelinePending(gitlab, selector, pipeline, seen) {
    return new JobNotThereYet(`Could not find job '${selector.job}' in ${pipelineName(pipeline)} of ${gitlab.project} yet: a child pipeline of it is not created yet (its jobs so far are ${namesOf(seen)}).`, {
        title: `GitLab job '${selector.job}' not there yet`,
        hint: "Set 'wait: true' to wait for the child pipeline and the job."
    });
}
/** "job 123 'build' (success) of pipeline 456 for main at 1a2b3c4d: <web url>" */
function describeGitLabJob(job) {
    const name = job.name ? ` '${job.name}'` : '';
    const status = job.status ? ` (${job.status})` : '';
    const ref = job.ref ?? job.pipeline?.ref;
    const commit = job.commit?.short_id ?? job.pipeline?.sha?.slice(0, 8);
    const pipeline = job.pipeline ? ` of pipeline ${job.pipeline.id}${ref ? ` for ${ref}` : ''}${commit ? ` at ${commit}` : ''}` : '';
    return `job ${job.id}${name}${status}${pipeline}${job.web_url ? `: ${job.web_url}` : ''}`;
}
/**
 * Fails before the download when GitLab already said the job has no archive to download, with
 * the reason it gives: GitLab's own answer to the download would be a bare 404.
 */
function assertDownloadable(located, now = Date.now()) {
    const { job } = located;
    if (!job || job.artifacts_file)
        return;
    const expiredAt = job.artifacts_expire_at ? Date.parse(job.artifacts_expire_at) : NaN;
    const why = expiredAt <= now
        ? `its artifacts expired at ${job.artifacts_expire_at}`
        : 'it has no artifacts archive: none were uploaded (artifacts:paths), they were deleted, or it has only artifacts:reports';
    throw new errors/* ActionError */.lZ(`Could not download the artifacts of ${describeGitLabJob(job)}: ${why}.`, {
        title: `GitLab job ${job.id} has no artifacts to download`,
        hint: "Check the job's artifacts:paths and artifacts:expire_in, or run the pipeline again; 'gitlab-keep-artifacts' keeps a release's artifacts from expiring."
    });
}
/**
 * The job a selector names. By name (with a ref, commit or pipeline), the action looks the job up
 * itself and acts on it by id, rather than leaving the choice to GitLab's ref endpoints: the
 * outputs then name exactly the job whose bytes were downloaded (a pipeline finishing between two
 * lookups cannot change it), and `search-recent-successful-pipelines` works on every GitLab,
 * whereas the ref endpoints accept it only from GitLab 18.7 (archive; on by default from 18.10) and
 * 18.9 (single file) and older servers silently ignore it. Only when a CI job token may not read
 * pipelines does GitLab choose, and only for a download by ref.
 */
async function locateJob(gitlab, selector, options = {}) {
    const { signal } = options;
    try {
        if (selector.by === 'id') {
            const job = await fetchJob(gitlab, selector.jobId, signal);
            log/* info */.pq(`GitLab ${describeGitLabJob(job)}`);
            return { selector, job };
        }
        if (options.announce !== false)
            log/* info */.pq(`Looking for ${lookingFor(selector)}`);
        const job = selector.by === 'ref' ? await findJobByRef(gitlab, selector, signal) : await findNamedJob(gitlab, selector, signal);
        log/* info */.pq(`Using GitLab ${describeGitLabJob(job)}`);
        return { selector: { by: 'id', jobId: String(job.id) }, job };
    }
    catch (error) {
        if (!(error instanceof JobTokenRefused))
            throw error;
        if (selector.by === 'id') {
            log/* info */.pq(`GitLab does not let the CI job token read job ${selector.jobId} (HTTP ${error.status}; job tokens may read jobs only on newer GitLab): pipeline-id, job-url, job-status and commit-sha are not set.`);
            return { selector };
        }
        if (selector.by === 'ref' && options.gitlabMayPick) {
            log/* info */.pq(`GitLab does not let the CI job token list pipelines (HTTP ${error.status}; job tokens may only on newer GitLab): GitLab picks the job of ${selector.ref} itself, and no job outputs (job-id, pipeline-id, job-url, job-status, commit-sha) are set.`);
            return { selector };
        }
        throw jobTokenCannotFind(gitlab, selector, error.status);
    }
}
function lookingFor(selector) {
    switch (selector.by) {
        case 'ref':
            return `job '${selector.job}' in ${selector.searchRecentSuccessfulPipelines ? 'the 100 most recent successful pipelines' : 'the newest successful pipeline'} of ${selector.ref}`;
        case 'sha':
            return `job '${selector.job}' in the pipelines for commit ${selector.sha}, newest first, and their child pipelines`;
        case 'pipeline':
            return `job '${selector.job}' in pipeline ${selector.pipelineId} and its child pipelines`;
    }
}
/** Without pipelines and jobs, a job token has no way to a job by commit or pipeline, or to keep or delete one by ref. */
function jobTokenCannotFind(gitlab, selector, status) {
    return new errors/* ActionError */.lZ(`Could not find ${describeSelector(selector)} in ${gitlab.project}: GitLab does not let the CI job token list pipelines and jobs (HTTP ${status}; job tokens may only on newer GitLab).`, {
        title: 'GitLab job token cannot list pipelines',
        hint: "Give 'gitlab-token' (an access token with the read_api scope, api to keep or delete) instead of 'gitlab-job-token', or give 'job-id'."
    });
}
/** A job the CI job token may not read cannot be waited for. */
function jobTokenCannotWait(gitlab, selector) {
    return new errors/* ActionError */.lZ(`Could not wait for ${describeSelector(selector)} of ${gitlab.project}: GitLab does not let the CI job token read jobs (job tokens may only on newer GitLab).`, {
        title: 'GitLab job token cannot read the job',
        hint: "Give 'gitlab-token' (an access token with the read_api scope) instead of 'gitlab-job-token', or leave 'wait' unset."
    });
}

;// CONCATENATED MODULE: ./src/operations/gitlab-job.ts
/** job-id, pipeline-id, job-url, job-status and commit-sha of the job an operation acted on, as far as GitLab told us. */
function jobOutputs({ selector, job }) {
    return {
        'job-id': job?.id ?? (selector.by === 'id' ? selector.jobId : undefined),
        'pipeline-id': job?.pipeline?.id,
        'job-url': job?.web_url,
        'job-status': job?.status,
        // Entities::Commit `id` is the full SHA; the pipeline's `sha` is the same commit.
        'commit-sha': job?.commit?.id ?? job?.pipeline?.sha
    };
}
/**
 * A GitLab operation's result with the job it acted on: its outputs, a link to the job in the
 * summary, and the job and pipeline among the details.
 */
function withJob(result, located) {
    if (!located)
        return result;
    const { job } = located;
    const outputs = jobOutputs(located);
    const details = [];
    if (outputs['job-id'] !== undefined)
        details.push(['Job', `${outputs['job-id']}${job?.name ? ` (${job.name})` : ''}`]);
    if (job?.status)
        details.push(['Job status', `${job.status}${job.failure_reason ? ` (${job.failure_reason})` : ''}`]);
    if (job?.pipeline)
        details.push([
            'Pipeline',
            `${job.pipeline.id}${job.pipeline.ref ? ` for ${job.pipeline.ref}` : ''}${job.pipeline.sha ? ` at ${job.pipeline.sha.slice(0, 8)}` : ''}`
        ]);
    if (outputs['commit-sha'] !== undefined)
        details.push(['Commit', String(outputs['commit-sha'])]);
    const link = job?.web_url ? [{ text: `Job ${job.id} in GitLab`, href: job.web_url }] : [];
    return {
        ...result,
        outputs: { ...result.outputs, ...outputs },
        summary: {
            ...result.summary,
            links: [...link, ...(result.summary.links ?? [])],
            details: [...details, ...(result.summary.details ?? [])]
        }
    };
}
/**
 * The result of an operation that did not act on its job (not finished, not successful, a wait
 * that ran out): the job's outputs and summary as far as known, and the failure.
 */
function notActedOn(operation, target, startedAt, settled) {
    const status = settled.located?.job?.status;
    const result = {
        outputs: {},
        summary: { operation, target, status: status ? `Job ${status}` : 'Job not found', passed: false, durationMs: Date.now() - startedAt },
        failure: settled.failure
    };
    return withJob(result, settled.located);
}
/** The id of the job keep or delete acts on: always found by id, as GitLab has no by-ref endpoint for them to fall back to. */
function foundJobId(located) {
    if (located.selector.by !== 'id')
        throw new Error(`Keep and delete act on a job found by id, not by ${located.selector.by}`);
    return located.selector.jobId;
}

// EXTERNAL MODULE: ./src/operations/follower.ts + 2 modules
var operations_follower = __webpack_require__(7074);
;// CONCATENATED MODULE: ./src/operations/gitlab-job-follower.ts






/**
 * Finds the job and, with `wait: true`, waits for it to finish. The failure says why the step must
 * not act on it: a job that has not finished (set `wait: true`), one that waits for a person, one
 * that did not succeed (always after a wait, and for a job picked by commit or pipeline), or a wait
 * that ran out of `timeout`.
 */
async function settleJob(job, context) {
    if (job.wait.enabled)
        return waitForJob(job, context);
    const located = await locateJob(job.gitlab, job.selector, { signal: context.signal, gitlabMayPick: job.gitlabMayPick });
    const failure = located.job ? unsettled(located.job, job.selector, false) : undefined;
    return failure ? { located, failure } : { located };
}
/**
 * Why a job read once, or at the end of a wait, is not one to act on. A job given by id or by ref
 * that finished without success is used as before without a wait (its artifacts may be what is
 * wanted, `artifacts:when: on_failure`); one picked by commit or pipeline, or waited for, must succeed.
 */
function unsettled(job, selector, waited) {
    const status = job.status ?? 'unknown';
    if (status === 'success')
        return undefined;
    // "…: job 123 'build' (failed) of pipeline 456 for main at 1a2b3c4d: <link>", the link last.
    const described = describeGitLabJob(job);
    if (status === PERSON_MUST_START) {
        return {
            title: `GitLab job ${job.id} waits for a person`,
            message: `The GitLab job is a manual job that has not been started, and will not run until a person starts it in GitLab: ${described}`,
            hint: 'Start the job in GitLab (or remove `when: manual` from it), then run this step again.'
        };
    }
    if (!isFinalJobStatus(status)) {
        return {
            title: `GitLab job ${job.id} has not finished`,
            message: `The GitLab job has not finished (status ${status}), so its artifacts are not there yet: ${described}`,
            hint: "Set 'wait: true' to wait for the job to finish (within 'timeout')."
        };
    }
    if (!waited && (selector.by === 'id' || selector.by === 'ref'))
        return undefined;
    const reason = job.failure_reason ? `: ${job.failure_reason}` : '';
    return {
        title: `GitLab job ${job.id} ${status}`,
        message: `The GitLab job did not succeed (status ${status}${reason}): ${described}`,
        // A retry in GitLab is a new job with a new id: by id, this step would read the failed one again.
        hint: selector.by === 'id'
            ? "Read the job's log in GitLab. A retry is a new job with a new id: give that id, or pick the job by 'sha' or 'pipeline-id' with 'job' (with 'wait: true' the step then waits for the new try)."
            : "Read the job's log in GitLab; once it is retried, run this step again (with 'wait: true' it waits for the new try)."
    };
}
/** Not a status the follower could show: the CI job token may not read the job. */
class JobUnreadable extends Error {
}
async function waitForJob(job, context) {
    const { gitlab, selector } = job;
    const watch = new JobWatch(job);
    const follower = new operations_follower/* Follower */.f(watch.kind(), {
        operation: job.operation,
        // `timeout` bounds the whole GitLab step: its deadline (operations/gitlab.ts) ends the wait.
        wait: { enabled: true, pollIntervalMs: job.wait.pollIntervalMs, timeoutMs: gitlab.timeoutMs, passingStatuses: new Set(['success']) },
        abort: { onTimeout: false, onCancel: false }
    }, context);
    try {
        const { waited, failure } = await follower.wait();
        const located = { selector: { by: 'id', jobId: String(waited.last.id) }, job: waited.last };
        return failure ? { located, failure } : { located };
    }
    catch (error) {
        if (error instanceof JobUnreadable) {
            if (selector.by !== 'ref')
                throw jobTokenCannotWait(gitlab, selector);
            log/* info */.pq(`GitLab picks the job of ${selector.ref} from its latest successful pipeline, which has finished: nothing to wait for.`);
            return { located: { selector } };
        }
        const reason = context.signal.reason;
        if (!(context.signal.aborted && reason instanceof abort/* DeadlineReached */.h_))
            throw error;
        return { located: watch.lastLocated(), failure: watch.timedOut() };
    }
}
/** One GitLab job followed: looked for until it is there, then read by id each poll. */
class JobWatch {
    job;
    last;
    missing;
    constructor(job) {
        this.job = job;
    }
    /** The job as last read, if it was found. */
    lastLocated() {
        return this.last ? { selector: { by: 'id', jobId: String(this.last.id) }, job: this.last } : undefined;
    }
    get what() {
        return `GitLab ${describeSelector(this.job.selector)}`;
    }
    kind() {
        return {
            id: this.job.selector.by === 'id' ? this.job.selector.jobId : this.what,
            what: this.what,
            service: 'GitLab',
            name: this.what,
            waitTitle: this.what,
            read: signal => this.read(signal),
            isExpected: error => error instanceof JobNotThereYet,
            // A manual job does not move until a person starts it: the wait ends there, and says so.
            isFinal: status => isFinalJobStatus(status) || status === PERSON_MUST_START,
            deploymentState,
            describe: snapshot => `Job ${snapshot.id}: ${snapshot.status}${snapshot.failure_reason ? ` (${snapshot.failure_reason})` : ''}`,
            url: () => this.last?.web_url,
            verdict: waited => this.verdict(waited)
        };
    }
    async read(signal) {
        const { gitlab, selector, gitlabMayPick } = this.job;
        let job;
        if (this.last) {
            job = await fetchJob(gitlab, String(this.last.id), signal);
        }
        else {
            let located;
            try {
                located = await locateJob(gitlab, selector, { signal, gitlabMayPick, announce: this.missing === undefined });
            }
            catch (error) {
                if (error instanceof JobNotThereYet)
                    this.missing = error;
                throw error;
            }
            if (!located.job)
                throw new JobUnreadable();
            job = located.job;
        }
        // The jobs list and the job itself both name the pipeline; keep the one known if a read lacks it.
        this.last = { ...job, pipeline: job.pipeline ?? this.last?.pipeline, status: job.status ?? 'unknown' };
        return this.last;
    }
    verdict(waited) {
        if (waited.outcome === 'timeout')
            return this.timedOut();
        return unsettled(waited.last, this.job.selector, true);
    }
    /** The wait ran out of `timeout`: what was waited for, its last status, and what to do. */
    timedOut() {
        const after = `Timed out after ${(0,summary/* formatDuration */.a3)(this.job.gitlab.timeoutMs)} waiting for`;
        if (this.last) {
            return {
                title: 'Timed out',
                message: `${after} the GitLab job to finish (last status ${this.last.status}): ${describeGitLabJob(this.last)}`,
                hint: "Raise 'timeout' (it bounds the whole GitLab step, the wait included), or run this step again to keep waiting: the GitLab job was left as it is."
            };
        }
        const why = this.missing ? `: ${this.missing.message.replace(/\.$/, '')}` : ': no answer from GitLab';
        return {
            title: 'Timed out',
            message: `${after} ${this.what}${why}`,
            hint: "Raise 'timeout' if GitLab creates the pipeline late (a mirror that syncs slowly, a child pipeline after earlier stages); otherwise check the commit, the pipeline and the job's name."
        };
    }
}
function deploymentState(status) {
    if (status === 'success')
        return 'success';
    if (status === 'failed')
        return 'failure';
    if (status === 'canceled' || status === 'skipped')
        return 'inactive';
    return 'in_progress';
}

// EXTERNAL MODULE: ./src/settings/inputs.ts
var inputs = __webpack_require__(7428);
// EXTERNAL MODULE: ./src/settings/reader.ts
var reader = __webpack_require__(3890);
;// CONCATENATED MODULE: ./src/settings/gitlab.ts






function readConnection() {
    const privateToken = (0,reader/* secret */.rJ)('gitlab-token');
    const jobToken = (0,reader/* secret */.rJ)('gitlab-job-token');
    if (privateToken !== undefined && jobToken !== undefined) {
        throw new errors/* InputError */.dz('gitlab-token', "and 'gitlab-job-token' are both set; give only one.");
    }
    if (privateToken === undefined && jobToken === undefined) {
        throw new errors/* InputError */.dz('gitlab-token', `or 'gitlab-job-token' is required: a GitLab access token or CI job token. ${reader/* EMPTY_SECRET_ADVICE */.QP}`);
    }
    return {
        // GitLab's REST API lives under /api/v4 (the GraphQL one under /api/graphql): a URL copied with either is cut back.
        apiUrl: (0,http_url/* apiUrl */.y0)((0,reader/* baseUrl */.pc)('gitlab-url', 'GitLab', /\/api(?:\/v4|\/graphql)?$/), '/api/v4'),
        auth: privateToken !== undefined ? { header: 'PRIVATE-TOKEN', token: privateToken } : { header: 'JOB-TOKEN', token: jobToken },
        project: readProject(),
        timeoutMs: (0,reader/* duration */.p0)('timeout')
    };
}
/**
 * The project's id or full path. People paste the address they see in the browser or clone
 * from: a URL, an SSH remote, or a path ending in .git all name a project GitLab does not know.
 */
function readProject() {
    const given = (0,reader/* required */.mw)('project', "the GitLab project's numeric id or full path (group/sub/project)");
    const gitlabUrl = ((0,reader/* optional */.lq)('gitlab-url') ?? inputs/* INPUT_DEFAULTS */.WJ['gitlab-url']).replace(/\/+$/, '');
    // A URL under gitlab-url (which may have a path: https://example.com/gitlab) is cut after it.
    const underGitlabUrl = given.toLowerCase().startsWith(`${gitlabUrl.toLowerCase()}/`);
    const remote = underGitlabUrl ? [given, given.slice(gitlabUrl.length)] : /^(?:[a-z][a-z0-9+.-]*:\/\/[^/]+|[\w.-]+@[\w.-]+:)\/*(.*)$/i.exec(given);
    const projectPath = (remote ? remote[1] : given).replace(/^\/+|\/+$/g, '');
    const meant = projectPath.replace(/(?:\/-\/.*|\.git)$/, '').replace(/\/+$/, '');
    if (remote || meant !== projectPath) {
        const what = remote ? 'a URL' : "a path ending in '.git'";
        const server = remote && !underGitlabUrl && /^https?:/i.test(given) ? new URL(given).origin : undefined;
        const where = server ? ` and 'gitlab-url: ${server}'` : '';
        throw new errors/* InputError */.dz('project', `must be the project's numeric id or full path, not ${what}; got '${given}'. Use 'project: ${meant}'${where}.`);
    }
    return (0,reader/* checkIdentifier */.Ki)('project', projectPath, { slashes: true });
}
function readJobId() {
    const jobId = (0,reader/* required */.mw)('job-id', 'the numeric id of the GitLab job');
    if (!/^\d+$/.test(jobId))
        throw new errors/* InputError */.dz('job-id', `must be a numeric GitLab job id; got '${jobId}'.`);
    return jobId;
}
/**
 * A commit as GitLab's pipelines filter takes it: `sha` is an exact match there
 * (Ci::PipelinesFinder#by_sha, `where(sha: ...)`), so a short SHA would find no pipeline at all.
 * 40 hex digits (SHA-1), or 64 in a repository that uses SHA-256 object names.
 */
function readSha(given) {
    if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(given)) {
        throw new errors/* InputError */.dz('sha', `must be a full 40-character commit SHA such as \${{ github.sha }}: GitLab's sha filter is an exact match, so a short or partial SHA finds no pipeline; got '${given}'.`);
    }
    return given.toLowerCase();
}
function readPipelineId(given) {
    if (!/^\d+$/.test(given))
        throw new errors/* InputError */.dz('pipeline-id', `must be a numeric GitLab pipeline id; got '${given}'.`);
    return given;
}
const SELECTOR_WHAT = "the job, by 'job-id', or by 'job' (its name) with 'ref' (latest successful pipeline of a branch or tag), 'sha' (newest pipeline of a commit) or 'pipeline-id'";
/** Exactly one of `job-id`, `ref`, `sha` and `pipeline-id`, the last three with `job`. */
function readJobSelector() {
    const given = ['job-id', 'ref', 'sha', 'pipeline-id'].filter(name => (0,reader/* optional */.lq)(name) !== undefined);
    const searchRecent = (0,reader/* boolean */.zM)('search-recent-successful-pipelines');
    if (given.length > 1)
        throw new errors/* InputError */.dz(given[0], `and '${given[1]}' are both set; give only one: ${SELECTOR_WHAT}.`);
    const [chosen] = given;
    if (chosen === undefined)
        throw new errors/* InputError */.dz('job-id', `(or 'ref', 'sha' or 'pipeline-id') is required: ${SELECTOR_WHAT}.`);
    if (chosen !== 'ref' && searchRecent)
        throw new errors/* InputError */.dz('search-recent-successful-pipelines', `goes with 'ref' and 'job', not with '${chosen}'.`);
    if (chosen === 'job-id') {
        if ((0,reader/* optional */.lq)('job') !== undefined)
            throw new errors/* InputError */.dz('job', "goes with 'ref', 'sha' or 'pipeline-id', not with 'job-id'.");
        return { by: 'id', jobId: readJobId() };
    }
    const value = (0,reader/* optional */.lq)(chosen);
    const job = (0,reader/* identifier */.Cv)('job', `the name of the job whose artifacts to use, with '${chosen}'`, { slashes: true });
    if (chosen === 'sha')
        return { by: 'sha', sha: readSha(value), job };
    if (chosen === 'pipeline-id')
        return { by: 'pipeline', pipelineId: readPipelineId(value), job };
    return { by: 'ref', ref: (0,reader/* checkIdentifier */.Ki)('ref', value, { slashes: true }), job, searchRecentSuccessfulPipelines: searchRecent };
}
/**
 * `wait` and `poll-interval` as the GitLab operations read them. `wait` defaults to false here (a
 * download acts at once, as it always did) and to true for the Harness operations: a default per
 * family, so it is not in INPUT_DEFAULTS.
 */
function readGitLabWait() {
    return { enabled: (0,reader/* boolean */.zM)('wait', false), pollIntervalMs: (0,reader/* duration */.p0)('poll-interval') };
}
/** The folder to write to: `path`, else a new folder under RUNNER_TEMP, else the workspace. */
function readTargetFolder() {
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const given = (0,reader/* optional */.lq)('path');
    if (given !== undefined)
        return external_node_path_default().resolve(workspace, given);
    const runnerTemp = process.env.RUNNER_TEMP;
    return runnerTemp ? external_node_path_default().join(runnerTemp, `gitlab-artifacts-${(0,external_node_crypto_.randomUUID)().slice(0, 8)}`) : workspace;
}
/** The settings of an operation on one job's artifacts (keep, delete). */
function readJobArtifacts(operation) {
    return { operation, gitlab: readConnection(), job: readJobSelector(), wait: readGitLabWait() };
}

;// CONCATENATED MODULE: ./src/operations/gitlab-download-artifacts.ts












/** The job's artifacts archive, extracted into `path` (or, with `extract: false`, saved there as a zip). */
async function downloadArtifacts(settings, context) {
    const startedAt = Date.now();
    const { gitlab } = settings;
    const target = jobTarget(gitlab, settings.job);
    const settled = await settleJob({ gitlab, selector: settings.job, wait: settings.wait, operation: settings.operation, gitlabMayPick: true }, context);
    if (settled.failure)
        return notActedOn(settings.operation, target, startedAt, settled);
    const { located } = settled;
    assertDownloadable(located);
    const file = await log/* group */.Os(`Download the artifacts of ${describeJob(gitlab, located.selector)}`, () => downloadArtifact({
        gitlab,
        job: located.selector,
        url: archiveUrl(gitlab, located.selector),
        what: `download the artifacts of ${describeJob(gitlab, located.selector)}`,
        folder: settings.path,
        saveAs: settings.extract ? 'temporary' : { fallbackName: 'artifacts.zip' },
        stallMs: settings.stallMs,
        signal: context.signal
    }));
    const result = { operation: settings.operation, target, startedAt, file };
    if (!settings.extract) {
        log/* info */.pq(`Saved the archive as ${file.file}`);
        return withJob(fetchedResult({ ...result, status: 'Downloaded', downloadPath: file.file, files: 1 }), located);
    }
    const extracted = await log/* group */.Os(`Extract the artifacts into ${settings.path}`, async () => {
        try {
            return await extractArchive(file.file, settings.path, settings.limits, context.signal);
        }
        finally {
            await (0,promises_.rm)(file.file, { force: true });
        }
    });
    log/* info */.pq(`Extracted ${count(extracted.files, 'file')} into ${settings.path}`);
    return withJob(fetchedResult({ ...result, status: 'Extracted', downloadPath: settings.path, files: extracted.files }), located);
}
function readDownloadArtifacts() {
    return {
        operation: 'gitlab-download-artifacts',
        gitlab: readConnection(),
        job: readJobSelector(),
        wait: readGitLabWait(),
        path: readTargetFolder(),
        stallMs: (0,reader/* duration */.p0)('stall-timeout'),
        extract: (0,reader/* boolean */.zM)('extract'),
        limits: {
            maxBytes: (0,reader/* size */.Ej)('max-extracted-size'),
            maxFiles: (0,reader/* positiveInteger */.Cq)('max-extracted-files')
        }
    };
}
const operation = {
    name: 'gitlab-download-artifacts',
    inputs: [...inputs/* GITLAB_CONNECTION */.hv, ...inputs/* GITLAB_JOB */.o2, 'path', 'stall-timeout', 'extract', 'max-extracted-size', 'max-extracted-files'],
    read: readDownloadArtifacts,
    run: downloadArtifacts
};

;// CONCATENATED MODULE: ./src/operations/gitlab-download-artifact-file.ts











/** One file from inside the job's artifacts, saved in `path` under its own name. */
async function downloadArtifactFile(settings, context) {
    const startedAt = Date.now();
    const { gitlab, artifactPath } = settings;
    const target = `${jobTarget(gitlab, settings.job)}: ${artifactPath}`;
    const settled = await settleJob({ gitlab, selector: settings.job, wait: settings.wait, operation: settings.operation, gitlabMayPick: true }, context);
    if (settled.failure)
        return notActedOn(settings.operation, target, startedAt, settled);
    const { located } = settled;
    assertDownloadable(located);
    const file = await log/* group */.Os(`Download ${artifactPath} from the artifacts of ${describeJob(gitlab, located.selector)}`, () => downloadArtifact({
        gitlab,
        job: located.selector,
        url: artifactFileUrl(gitlab, located.selector, artifactPath),
        what: `download '${artifactPath}' from the artifacts of ${describeJob(gitlab, located.selector)}`,
        folder: settings.path,
        saveAs: { fallbackName: external_node_path_default().posix.basename(artifactPath) },
        artifactPath,
        stallMs: settings.stallMs,
        signal: context.signal
    }));
    log/* info */.pq(`Saved ${artifactPath} as ${file.file}`);
    const result = fetchedResult({
        operation: settings.operation,
        target,
        status: 'Downloaded',
        startedAt,
        downloadPath: file.file,
        file,
        files: 1
    });
    return withJob(result, located);
}
function readArtifactPath() {
    const text = (0,reader/* required */.mw)('artifact-path', "the file's path inside the artifacts archive, e.g. dist/app.tar.gz");
    const segments = text
        .replace(/^\.?\/+/, '')
        .split('/')
        .filter(segment => segment !== '');
    if (segments.length === 0 || segments.some(segment => segment === '.' || segment === '..' || segment.includes('\0'))) {
        throw new errors/* InputError */.dz('artifact-path', `must be a file path inside the archive without '.' or '..' parts; got '${text}'.`);
    }
    return segments.join('/');
}
function readDownloadArtifactFile() {
    return {
        operation: 'gitlab-download-artifact-file',
        gitlab: readConnection(),
        job: readJobSelector(),
        wait: readGitLabWait(),
        artifactPath: readArtifactPath(),
        path: readTargetFolder(),
        stallMs: (0,reader/* duration */.p0)('stall-timeout')
    };
}
const gitlab_download_artifact_file_operation = {
    name: 'gitlab-download-artifact-file',
    inputs: [...inputs/* GITLAB_CONNECTION */.hv, ...inputs/* GITLAB_JOB */.o2, 'artifact-path', 'path', 'stall-timeout'],
    read: readDownloadArtifactFile,
    run: downloadArtifactFile
};

;// CONCATENATED MODULE: ./src/operations/gitlab-keep-artifacts.ts










/**
 * Keeps a job's artifacts from expiring (POST .../artifacts/keep, sent at most once). A job given by
 * id without a wait is kept at once: GitLab's answer describes it. Otherwise it is found (and waited
 * for) first.
 */
async function keepArtifacts(settings, context) {
    const startedAt = Date.now();
    const { gitlab } = settings;
    let jobId;
    if (settings.job.by === 'id' && !settings.wait.enabled) {
        jobId = settings.job.jobId;
    }
    else {
        const settled = await settleJob({ gitlab, selector: settings.job, wait: settings.wait, operation: settings.operation, gitlabMayPick: false }, context);
        if (settled.failure)
            return notActedOn(settings.operation, jobTarget(gitlab, settings.job), startedAt, settled);
        jobId = foundJobId(settled.located);
    }
    const what = `keep the artifacts of job ${jobId} of ${gitlab.project}`;
    const response = await changeArtifacts({ gitlab, jobId, method: 'POST', url: keepUrl(gitlab, jobId), what, access: 'keep', signal: context.signal });
    // GitLab answers 200 with the job (lib/api/ci/job_artifacts.rb: `present build, with: Entities::Ci::Job`);
    // anything else did not come from its API.
    const job = (await (0,http_body/* readJsonAnswer */.f$)(what, response, GITLAB));
    if (String(job.id) !== jobId) {
        throw new errors/* ActionError */.lZ(`Could not ${what}: ${response.url.host} answered HTTP ${response.status} with JSON that is not job ${jobId}`, {
            title: `Could not ${what}`,
            hint: `Check ${GITLAB.inputs}, and any proxy in between; then check the job's artifacts in GitLab.`
        });
    }
    const expires = typeof job.artifacts_expire_at === 'string' ? job.artifacts_expire_at : 'never';
    log/* info */.pq(`Kept the artifacts of job ${jobId} of ${gitlab.project} (expire: ${expires})`);
    const result = {
        outputs: {},
        summary: {
            operation: settings.operation,
            target: `${gitlab.project} job ${jobId}`,
            status: 'Kept',
            passed: true,
            durationMs: Date.now() - startedAt,
            details: [['Artifacts expire', expires]]
        }
    };
    return withJob(result, { selector: { by: 'id', jobId }, job: job });
}
const gitlab_keep_artifacts_operation = {
    name: 'gitlab-keep-artifacts',
    inputs: [...inputs/* GITLAB_CONNECTION */.hv, ...inputs/* GITLAB_JOB */.o2],
    read: () => readJobArtifacts('gitlab-keep-artifacts'),
    run: keepArtifacts
};

;// CONCATENATED MODULE: ./src/operations/gitlab-delete-artifacts.ts







/**
 * Deletes a job's artifacts (DELETE .../artifacts, sent at most once). GitLab answers 204 with no
 * body, so the job is found or read first (reads, retried as reads are) for its pipeline and web URL.
 */
async function deleteArtifacts(settings, context) {
    const startedAt = Date.now();
    const { gitlab } = settings;
    const settled = await settleJob({ gitlab, selector: settings.job, wait: settings.wait, operation: settings.operation, gitlabMayPick: false }, context);
    if (settled.failure)
        return notActedOn(settings.operation, jobTarget(gitlab, settings.job), startedAt, settled);
    const { located } = settled;
    const jobId = foundJobId(located);
    const what = `delete the artifacts of job ${jobId} of ${gitlab.project}`;
    const response = await changeArtifacts({ gitlab, jobId, method: 'DELETE', url: deleteUrl(gitlab, jobId), what, access: 'delete', signal: context.signal });
    // GitLab answers 204 No Content (lib/api/ci/job_artifacts.rb: `status :no_content`); a 200 came from something else.
    if (response.status !== 204)
        throw await unexpectedAnswer(what, response, 'HTTP 204 (No Content)');
    await response.body.dump();
    log/* info */.pq(`Deleted the artifacts of job ${jobId} of ${gitlab.project}`);
    const result = {
        outputs: {},
        summary: { operation: settings.operation, target: `${gitlab.project} job ${jobId}`, status: 'Deleted', passed: true, durationMs: Date.now() - startedAt }
    };
    return withJob(result, located);
}
const gitlab_delete_artifacts_operation = {
    name: 'gitlab-delete-artifacts',
    inputs: [...inputs/* GITLAB_CONNECTION */.hv, ...inputs/* GITLAB_JOB */.o2],
    read: () => readJobArtifacts('gitlab-delete-artifacts'),
    run: deleteArtifacts
};

;// CONCATENATED MODULE: ./src/operations/gitlab.ts





/** Runs a GitLab operation within `timeout`: the deadline stops requests, downloads and extraction as a cancel would. */
function withinTimeout(operation) {
    return {
        ...operation,
        async run(settings, context) {
            const deadline = (0,abort/* withDeadline */.NE)(context.signal, 'timeout', settings.gitlab.timeoutMs);
            try {
                return await operation.run(settings, { ...context, signal: deadline.signal });
            }
            finally {
                deadline.clear();
            }
        }
    };
}
/**
 * The GitLab family's registry, a chunk of the bundle of its own (with yauzl, which only it uses).
 * The order is the one the `operation` input's error lists them in.
 */
const GITLAB_OPERATIONS = [
    withinTimeout(operation),
    withinTimeout(gitlab_download_artifact_file_operation),
    withinTimeout(gitlab_keep_artifacts_operation),
    withinTimeout(gitlab_delete_artifacts_operation)
];


/***/ })

};
