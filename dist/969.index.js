export const id = 969;
export const ids = [969];
export const modules = {

/***/ 3329:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   tN: () => (/* binding */ send),
/* harmony export */   wx: () => (/* binding */ header),
/* harmony export */   yR: () => (/* binding */ readText)
/* harmony export */ });
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6752);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5625);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _url_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6697);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8902);





// One keep-alive pool for the whole run: polls and lookups reuse their connection.
const dispatcher = new undici__WEBPACK_IMPORTED_MODULE_0__.Agent({
    keepAliveTimeout: 60_000,
    connect: { timeout: 30_000 },
    headersTimeout: 120_000,
    bodyTimeout: 300_000
});
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_MAX_REDIRECTS = 5;
function header(headers, name) {
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
}
async function sendOnce(req) {
    let url = req.url;
    let method = req.method;
    let body = req.body;
    const maxRedirects = req.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    for (let hop = 0;; hop++) {
        const sameOrigin = url.origin === req.url.origin;
        const headers = { ...req.headers, ...(sameOrigin ? req.credentials : {}) };
        const response = await (0,undici__WEBPACK_IMPORTED_MODULE_0__.request)(url, { method, headers, body, dispatcher });
        const location = header(response.headers, 'location');
        if (!REDIRECT_STATUSES.has(response.statusCode) || !location || maxRedirects === 0) {
            return { status: response.statusCode, headers: response.headers, body: response.body, url };
        }
        await response.body.dump();
        if (hop >= maxRedirects) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`Could not ${req.what}: more than ${maxRedirects} redirects (last to ${(0,_url_js__WEBPACK_IMPORTED_MODULE_3__/* .displayUrl */ .Qy)(new URL(location, url))})`);
        }
        url = new URL(location, url);
        // The target of a redirect may be a signed storage URL: its query string is a credential.
        _log_js__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`Redirected to ${(0,_url_js__WEBPACK_IMPORTED_MODULE_3__/* .displayUrl */ .Qy)(url)}${url.origin === req.url.origin ? '' : ' (credentials are not sent there)'}`);
        if (response.statusCode === 303 || (method === 'POST' && response.statusCode !== 307 && response.statusCode !== 308)) {
            method = 'GET';
            body = undefined;
        }
    }
}
/**
 * Sends a request with the retry rules for its kind and redirects followed by hand
 * (undici, fetch and @actions/http-client would carry custom credential headers to another host).
 * The caller reads or dumps the body, and turns an unsuccessful status into its service's message.
 */
async function send(req, policy = _retry_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_RETRY_POLICY */ .cO) {
    if (req.credentials)
        (0,_url_js__WEBPACK_IMPORTED_MODULE_3__/* .warnIfCredentialInClear */ .jF)(req.url);
    _log_js__WEBPACK_IMPORTED_MODULE_1__/* .debug */ .Yz(`${req.method} ${(0,_url_js__WEBPACK_IMPORTED_MODULE_3__/* .displayUrl */ .Qy)(req.url)}`);
    try {
        return await (0,_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .retrying */ .R$)({
            what: `Could not ${req.what}`,
            run: () => sendOnce(req),
            retryReason: response => req.retry === 'idempotent' && (0,_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .isRetryableStatus */ .PS)(response.status)
                ? { reason: `HTTP ${response.status}`, delayMs: (0,_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .serverRequestedDelayMs */ .Hf)(response.status, response.headers) }
                : undefined,
            retryableError: error => (req.retry === 'idempotent' ? (0,_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .isNetworkError */ .TX)(error) : (0,_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .neverReachedServer */ .aD)(error)),
            discard: response => response.body.dump()
        }, policy);
    }
    catch (error) {
        throw networkFailure(req, error);
    }
}
function networkFailure(req, error) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ)
        return error;
    const code = (0,_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .errorCode */ .CA)(error);
    const reason = code ?? (error instanceof Error ? error.message : String(error));
    const mayHaveArrived = req.retry === 'once' && !(0,_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .neverReachedServer */ .aD)(error);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`Could not ${req.what} (${req.method} ${(0,_url_js__WEBPACK_IMPORTED_MODULE_3__/* .displayUrl */ .Qy)(req.url)}): ${reason}`, {
        title: `Could not ${req.what}`,
        transient: (0,_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .isNetworkError */ .TX)(error),
        hint: mayHaveArrived
            ? 'The request may have reached the server, so it was not sent again (that could start it twice). Check the server before re-running.'
            : undefined,
        cause: error
    });
}
/** Reads a body that is expected to be small (API answers), as text. */
async function readText(response) {
    return response.body.text();
}


/***/ }),

/***/ 2868:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ parseJsonObject)
/* harmony export */ });
/** A response body parsed as a JSON object (or array); undefined for anything else, HTML error pages included. */
function parseJsonObject(text) {
    try {
        const value = JSON.parse(text);
        return typeof value === 'object' && value !== null ? value : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 8902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ errorCode),
/* harmony export */   Hf: () => (/* binding */ serverRequestedDelayMs),
/* harmony export */   PS: () => (/* binding */ isRetryableStatus),
/* harmony export */   R$: () => (/* binding */ retrying),
/* harmony export */   TX: () => (/* binding */ isNetworkError),
/* harmony export */   aD: () => (/* binding */ neverReachedServer),
/* harmony export */   cO: () => (/* binding */ DEFAULT_RETRY_POLICY)
/* harmony export */ });
/* unused harmony export backoffDelayMs */
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);


const DEFAULT_RETRY_POLICY = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 20_000 };
/** A server's own wait request is honoured up to this; a longer one would stall a release for nothing. */
const MAX_SERVER_DELAY_MS = 120_000;
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
function isRetryableStatus(status) {
    return RETRYABLE_STATUSES.has(status);
}
// Errors that happen before a request is written: retrying them cannot repeat a request.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
// Errors after which the server may or may not have seen the request.
const IN_FLIGHT_CODES = new Set([
    'ECONNRESET',
    'EPIPE',
    'ETIMEDOUT',
    'UND_ERR_SOCKET',
    'UND_ERR_CLOSED',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
    'ERR_STREAM_PREMATURE_CLOSE'
]);
// Duck-typed rather than `instanceof Error`: errors raised by Node's own sockets may come from another realm.
function errorCode(error) {
    for (let e = error; e && typeof e === 'object'; e = e.cause) {
        const code = e.code;
        if (typeof code === 'string' && (NOT_SENT_CODES.has(code) || IN_FLIGHT_CODES.has(code)))
            return code;
    }
    return undefined;
}
function isNetworkError(error) {
    return errorCode(error) !== undefined;
}
function neverReachedServer(error) {
    const code = errorCode(error);
    return code !== undefined && NOT_SENT_CODES.has(code);
}
function headerValue(headers, name) {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
}
/**
 * How long the server asked us to wait, if it did: Retry-After (seconds or a date), or on a 429
 * GitLab's RateLimit-Reset (a Unix time it also sends on ordinary answers).
 */
function serverRequestedDelayMs(status, headers, now = Date.now()) {
    const retryAfter = headerValue(headers, 'retry-after')?.trim();
    if (retryAfter) {
        if (/^\d+(\.\d+)?$/.test(retryAfter))
            return Math.min(Number(retryAfter) * 1000, MAX_SERVER_DELAY_MS);
        const date = Date.parse(retryAfter);
        if (!Number.isNaN(date))
            return Math.min(Math.max(date - now, 0), MAX_SERVER_DELAY_MS);
    }
    const reset = status === 429 ? headerValue(headers, 'ratelimit-reset')?.trim() : undefined;
    if (reset && /^\d+$/.test(reset))
        return Math.min(Math.max(Number(reset) * 1000 - now, 0), MAX_SERVER_DELAY_MS);
    return undefined;
}
/** Exponential backoff with jitter, so that many runners that failed together do not retry together. */
function backoffDelayMs(attempt, policy) {
    const ceiling = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
/**
 * Runs an attempt until it gives a result that needs no retry, or attempts run out.
 * A result still asking for a retry on the last attempt is returned as is, for the caller
 * to report with the server's own message; an error is rethrown.
 */
async function retrying(plan, policy = DEFAULT_RETRY_POLICY) {
    for (let attempt = 1;; attempt++) {
        const last = attempt >= policy.attempts;
        let reason;
        let delayMs;
        try {
            const result = await plan.run(attempt);
            const retry = last ? undefined : plan.retryReason(result);
            if (!retry)
                return result;
            await plan.discard?.(result);
            reason = retry.reason;
            delayMs = retry.delayMs;
        }
        catch (error) {
            if (last || !plan.retryableError(error))
                throw error;
            reason = errorCode(error) ?? (error instanceof Error ? error.message : String(error));
        }
        const wait = delayMs ?? backoffDelayMs(attempt, policy);
        _log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${plan.what}: ${reason}; retrying in ${(wait / 1000).toFixed(1)}s (attempt ${attempt + 1} of ${policy.attempts})`);
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(wait);
    }
}


/***/ }),

/***/ 9969:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runGitLabOperation: () => (/* binding */ runGitLabOperation)
});

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
/** The job as a person names it: "job 42 of group/project" or "job 'build' of the latest successful pipeline of main". */
function describeJob(gitlab, job) {
    if (job.by === 'id')
        return `job ${job.jobId} of ${gitlab.project}`;
    const pipelines = job.searchRecentSuccessfulPipelines ? 'a recent successful pipeline' : 'the latest successful pipeline';
    return `job '${job.job}' of ${pipelines} of ${job.ref} in ${gitlab.project}`;
}

// EXTERNAL MODULE: ./src/http/client.ts
var client = __webpack_require__(3329);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
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
/**
 * A name that is safe as the last part of a path on any runner: no folders (a server could send
 * `../../x`), no control characters, none of the characters Windows refuses.
 */
function safeFileName(name) {
    if (name === undefined)
        return undefined;
    const base = name.split(/[/\\]/).pop() ?? '';
    const cleaned = base
        .replace(/[\u0000-\u001f\u007f]/g, '')
        .replace(/[<>:"|?*]/g, '_')
        .replace(/[. ]+$/, '')
        .trim();
    // Trailing dots are gone, so '.' and '..' are empty here.
    return cleaned === '' ? undefined : cleaned;
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
/** The body ended before the Content-Length the server announced: the connection was cut. */
class IncompleteBody extends Error {
}
/**
 * A strong or weak ETag that is a SHA-256 in hex (newer GitLab sends the archive's); other ETags
 * (object storage sends an MD5 or a multipart tag) say nothing about the bytes we can check.
 */
function etagSha256(etag) {
    const value = etag?.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return value && /^[0-9a-f]{64}$/i.test(value) ? value.toLowerCase() : undefined;
}
function contentLength(response) {
    const value = (0,client/* header */.wx)(response.headers, 'content-length');
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
/** Streams the body into the open file: hashed, counted and written in the same pass. */
async function receive(response, fd, expected) {
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
    finally {
        stopProgress();
    }
    return { bytes, sha256: hash.digest('hex') };
}
/** One attempt: `temp` truncated, the request sent, the body received and checked. */
async function attempt(download, temp) {
    const output = await (0,promises_.open)(temp, 'w');
    try {
        const response = await (0,client/* send */.tN)(download.request);
        if (response.status < 200 || response.status > 299)
            throw await download.failure(response);
        const expected = contentLength(response);
        const started = Date.now();
        const cancel = () => void response.body.destroy(new errors/* CancelledError */.cc(`downloading: ${download.request.what}`));
        download.signal?.addEventListener('abort', cancel);
        const { bytes, sha256 } = await receive(response, output.fd, expected).finally(() => download.signal?.removeEventListener('abort', cancel));
        if (expected !== undefined && bytes !== expected) {
            throw new IncompleteBody(`the connection ended after ${bytes} of the ${expected} bytes announced`);
        }
        const announced = etagSha256((0,client/* header */.wx)(response.headers, 'etag'));
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
        await output.close();
    }
}
function downloadFailure(download, error) {
    if (error instanceof errors/* ActionError */.lZ)
        return error;
    const reason = (0,retry/* errorCode */.CA)(error) ?? (error instanceof Error ? error.message : String(error));
    return new errors/* ActionError */.lZ(`Could not ${download.request.what}: ${reason}`, {
        title: `Could not ${download.request.what}`,
        transient: (0,retry/* isNetworkError */.TX)(error) || error instanceof IncompleteBody,
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
        throw new errors/* ActionError */.lZ(`Could not create the folder ${download.folder}: ${error instanceof Error ? error.message : error}`, { title: 'Could not create the download folder' });
    });
    const temp = external_node_path_default().join(download.folder, `.download-${(0,external_node_crypto_.randomUUID)().slice(0, 8)}.part`);
    try {
        const result = await (0,retry/* retrying */.R$)({
            what: `Could not ${download.request.what}`,
            run: () => attempt(download, temp),
            retryReason: () => undefined,
            // Only a body cut mid-way: send() has already retried what went wrong before the body (its
            // ActionError carries the network error as its cause), and a cancel is final.
            retryableError: error => !(error instanceof errors/* ActionError */.lZ) && !download.signal?.aborted && ((0,retry/* isNetworkError */.TX)(error) || error instanceof IncompleteBody)
        }, download.policy ?? retry/* DEFAULT_RETRY_POLICY */.cO);
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

;// CONCATENATED MODULE: ./src/gitlab/errors.ts

const MAX_MESSAGE_LENGTH = 300;
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
        return text.trim().slice(0, MAX_MESSAGE_LENGTH) || undefined;
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
        return Object.entries(value).map(([field, problem]) => `${field} ${describeValue(problem) ?? ''}`.trim()).join('; ') || undefined;
    }
    return undefined;
}
/** Object storage answers with S3-style XML: `<Error><Code>AccessDenied</Code><Message>Request has expired</Message>`. */
function storageMessage(text) {
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
    const words = [code, message].filter(Boolean).join(': ');
    return words || text.trim().slice(0, MAX_MESSAGE_LENGTH) || undefined;
}
const ROLE_NEEDED = {
    read: 'at least the Reporter role (Guest in a public project)',
    keep: 'at least the Developer role',
    delete: 'at least the Maintainer role'
};
function notFoundHint({ job, artifactPath }) {
    const causes = ['there is no such project or job, or the token cannot see it'];
    if (job.by === 'ref') {
        causes.push(job.searchRecentSuccessfulPipelines
            ? `no recent successful pipeline of '${job.ref}' has a job '${job.job}'`
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
/** Turns an unsuccessful answer into one failure: what failed, the HTTP status, the server's own message, and a hint. */
async function gitlabHttpError(what, response, request) {
    const text = await response.body.text().catch(() => '');
    const fromStorage = response.url.origin !== request.gitlab.apiUrl.origin;
    const message = (fromStorage ? storageMessage(text) : gitlabMessage(text)) ?? 'no message';
    const who = fromStorage ? `the storage host ${response.url.origin} GitLab redirected to` : 'GitLab';
    return new errors/* ActionError */.lZ(`Could not ${what}: ${who} answered HTTP ${response.status}: ${message}`, {
        title: `Could not ${what}`,
        hint: fromStorage
            ? 'The signed storage URL from GitLab was refused (it may have expired while waiting); run the step again.'
            : hint(response.status, request),
        transient: response.status === 429 || response.status >= 500
    });
}

;// CONCATENATED MODULE: ./src/gitlab/artifacts.ts







/** What a summary names as the target: "group/project job 42", "group/project main › build". */
function jobTarget(gitlab, job) {
    return job.by === 'id' ? `${gitlab.project} job ${job.jobId}` : `${gitlab.project} ${job.ref} › ${job.job}`;
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
 * reached GitLab; an unsuccessful answer becomes GitLab's message with a hint.
 */
async function changeArtifacts(change) {
    const { gitlab, jobId, what } = change;
    const response = await (0,client/* send */.tN)({ method: change.method, url: change.url, what, credentials: credentials(gitlab), retry: 'once' });
    if (response.status < 200 || response.status > 299) {
        throw await gitlabHttpError(what, response, { gitlab, access: change.access, job: { by: 'id', jobId } });
    }
    return response.body.text();
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
            if (signal?.aborted) {
                failure = { error: new errors/* CancelledError */.cc('extracting the artifacts') };
                break;
            }
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
            const stream = this.writeStreamed({ ...file, entry: file.entry })
                .catch(error => void (failure ??= { error }))
                .finally(() => streaming.delete(stream));
            streaming.add(stream);
        }
        await Promise.all(streaming);
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
    async writeStreamed(file) {
        const output = await (0,promises_.open)(file.target, WRITE_FLAGS, file.mode).catch(error => Promise.reject(refuseSymlinkTarget(file.target, error)));
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
            }, output.createWriteStream({ highWaterMark: STREAM_BUFFER_BYTES }));
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
                throw error instanceof errors/* ActionError */.lZ ? error : new errors/* ActionError */.lZ(`Could not extract the artifacts into ${folder}: ${reasonOf(error)}`, { title: 'Could not extract the artifacts', cause: error });
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

;// CONCATENATED MODULE: ./src/operations/gitlab-download-artifacts.ts






/** The job's artifacts archive, extracted into `path` (or, with `extract: false`, saved there as a zip). */
async function downloadArtifacts(settings, context) {
    const startedAt = Date.now();
    const { gitlab, job } = settings;
    const described = describeJob(gitlab, job);
    const file = await log/* group */.Os(`Download the artifacts of ${described}`, () => downloadArtifact({
        gitlab,
        job,
        url: archiveUrl(gitlab, job),
        what: `download the artifacts of ${described}`,
        folder: settings.path,
        saveAs: settings.extract ? 'temporary' : { fallbackName: 'artifacts.zip' },
        signal: context.signal
    }));
    const result = { operation: settings.operation, target: jobTarget(gitlab, job), startedAt, file };
    if (!settings.extract) {
        log/* info */.pq(`Saved the archive as ${file.file}`);
        return fetchedResult({ ...result, status: 'Downloaded', downloadPath: file.file, files: 1 });
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
    return fetchedResult({ ...result, status: 'Extracted', downloadPath: settings.path, files: extracted.files });
}

;// CONCATENATED MODULE: ./src/operations/gitlab-download-artifact-file.ts




/** One file from inside the job's artifacts, saved in `path` under its own name. */
async function downloadArtifactFile(settings, context) {
    const startedAt = Date.now();
    const { gitlab, job, artifactPath } = settings;
    const what = `download '${artifactPath}' from the artifacts of ${describeJob(gitlab, job)}`;
    const file = await log/* group */.Os(`Download ${artifactPath} from the artifacts of ${describeJob(gitlab, job)}`, () => downloadArtifact({
        gitlab,
        job,
        url: artifactFileUrl(gitlab, job, artifactPath),
        what,
        folder: settings.path,
        saveAs: { fallbackName: external_node_path_default().posix.basename(artifactPath) },
        artifactPath,
        signal: context.signal
    }));
    log/* info */.pq(`Saved ${artifactPath} as ${file.file}`);
    return fetchedResult({
        operation: settings.operation,
        target: `${jobTarget(gitlab, job)}: ${artifactPath}`,
        status: 'Downloaded',
        startedAt,
        downloadPath: file.file,
        file,
        files: 1
    });
}

// EXTERNAL MODULE: ./src/http/json.ts
var json = __webpack_require__(2868);
;// CONCATENATED MODULE: ./src/operations/gitlab-keep-artifacts.ts




function parseJob(text) {
    return ((0,json/* parseJsonObject */.d)(text) ?? {});
}
/** Keeps a job's artifacts from expiring (POST .../artifacts/keep, sent at most once). */
async function keepArtifacts(settings) {
    const startedAt = Date.now();
    const { gitlab, jobId } = settings;
    const job = parseJob(await changeArtifacts({ gitlab, jobId, method: 'POST', url: keepUrl(gitlab, jobId), what: `keep the artifacts of job ${jobId} of ${gitlab.project}`, access: 'keep' }));
    const expires = job.artifacts_expire_at ?? 'never';
    log/* info */.pq(`Kept the artifacts of job ${jobId} of ${gitlab.project} (expire: ${expires})`);
    return {
        outputs: {},
        summary: {
            operation: settings.operation,
            target: `${gitlab.project} job ${jobId}`,
            status: 'Kept',
            passed: true,
            durationMs: Date.now() - startedAt,
            details: [['Artifacts expire', expires]],
            links: job.web_url ? [{ text: `Job ${jobId} in GitLab`, href: job.web_url }] : undefined
        }
    };
}

;// CONCATENATED MODULE: ./src/operations/gitlab-delete-artifacts.ts



/** Deletes a job's artifacts (DELETE .../artifacts, sent at most once). */
async function deleteArtifacts(settings) {
    const startedAt = Date.now();
    const { gitlab, jobId } = settings;
    await changeArtifacts({ gitlab, jobId, method: 'DELETE', url: deleteUrl(gitlab, jobId), what: `delete the artifacts of job ${jobId} of ${gitlab.project}`, access: 'delete' });
    log/* info */.pq(`Deleted the artifacts of job ${jobId} of ${gitlab.project}`);
    return {
        outputs: {},
        summary: { operation: settings.operation, target: `${gitlab.project} job ${jobId}`, status: 'Deleted', passed: true, durationMs: Date.now() - startedAt }
    };
}

;// CONCATENATED MODULE: ./src/operations/gitlab.ts




function runGitLabOperation(settings, context) {
    switch (settings.operation) {
        case 'gitlab-download-artifacts':
            return downloadArtifacts(settings, context);
        case 'gitlab-download-artifact-file':
            return downloadArtifactFile(settings, context);
        case 'gitlab-keep-artifacts':
            return keepArtifacts(settings);
        case 'gitlab-delete-artifacts':
            return deleteArtifacts(settings);
    }
}


/***/ })

};
