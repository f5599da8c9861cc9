export const id = 887;
export const ids = [887];
export const modules = {

/***/ 6887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deploymentProgress: () => (/* binding */ deploymentProgress)
/* harmony export */ });
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2413);
/* harmony import */ var _http_retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8902);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7194);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7729);
/* harmony import */ var _results_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9385);






// A hung GitHub API must not hold up a release gate: each call gets a deadline.
const REQUEST_TIMEOUT_MS = 20_000;
const GITHUB_RETRY_POLICY = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 5000 };
// GitHub cuts a deployment status description at 140 characters.
const MAX_DESCRIPTION = 140;
/** The HTTP status GitHub answered with; octokit also gives network errors and timeouts a status 500, without a response. */
function httpStatus(error) {
    const { status, response } = (error ?? {});
    return typeof status === 'number' && response !== undefined ? status : undefined;
}
const HINTS = {
    401: "Check that 'github-token' is a valid token.",
    403: 'Give the job `permissions: deployments: write` (or a token with that permission).',
    404: "Check that 'github-token' can see this repository.",
    422: 'GitHub refused the request as invalid; check github-environment and that the commit exists in the repository.'
};
function describeFailure(what, error) {
    const status = httpStatus(error);
    const message = error?.message;
    const code = (0,_http_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(error);
    let reason = typeof message === 'string' ? message : String(error);
    if (status !== undefined)
        reason = `HTTP ${status}: ${reason}`;
    else if (code && !reason.includes(code))
        reason = `${reason} (${code})`;
    const hint = status !== undefined ? HINTS[status] : undefined;
    return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E)(`Could not ${what}: ${reason}. The Harness deployment is not affected.${hint ? ` ${hint}` : ''}`);
}
function shorten(text) {
    return text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`;
}
/** One GitHub deployment for the workflow's commit, mirroring one Harness execution; GitHub trouble only warns. */
class DeploymentMirror {
    settings;
    octokit;
    execution;
    deploymentId;
    /** The state Harness last reported, whether or not GitHub accepted it. */
    harnessState;
    postedState;
    constructor(settings) {
        this.settings = settings;
        this.octokit = _actions_github__WEBPACK_IMPORTED_MODULE_1__/* .getOctokit */ .Q(settings.token, { baseUrl: process.env.GITHUB_API_URL || undefined });
    }
    async started(execution) {
        if (this.execution)
            return;
        this.execution = execution;
        await this.warnOnFailure('create the GitHub deployment', async () => {
            const { owner, repo } = _actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.repo;
            const { data } = await (0,_http_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .retrying */ .R$)({
                what: 'Creating the GitHub deployment',
                // A second deployment would be harmless but confusing: sent again only when it never left.
                run: () => this.octokit.rest.repos.createDeployment({
                    owner,
                    repo,
                    ref: _actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.sha,
                    environment: this.settings.environment,
                    auto_merge: false,
                    required_contexts: [],
                    // An id or URL is server text: a server that echoed a key into it must not send it on to GitHub.
                    description: shorten((0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E)(`Harness execution ${execution.id}`)),
                    payload: { harnessExecutionId: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E)(execution.id), harnessExecutionUrl: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E)(execution.url) },
                    request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }
                }),
                retryReason: () => undefined,
                retryableError: _http_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .neverReachedServer */ .aD
            }, GITHUB_RETRY_POLICY);
            if (!('id' in data))
                throw new Error(data.message ?? 'GitHub did not create a deployment');
            this.deploymentId = data.id;
            (0,_outputs_js__WEBPACK_IMPORTED_MODULE_4__/* .setOutputs */ .n)({ 'deployment-id': data.id });
            _log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`GitHub deployment ${data.id} created in environment '${this.settings.environment}'.`);
        });
    }
    async changed(status, state) {
        this.harnessState = state;
        if (state !== this.postedState)
            await this.post(state, `Harness status ${status}`);
    }
    async interrupted(reason) {
        if (this.harnessState !== undefined && this.harnessState !== 'in_progress')
            return;
        await this.post('error', reason);
    }
    async post(state, description) {
        const deploymentId = this.deploymentId;
        const execution = this.execution;
        if (deploymentId === undefined || !execution)
            return;
        const posted = await this.warnOnFailure(`set the GitHub deployment ${deploymentId} to ${state}`, () => {
            const { owner, repo } = _actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.repo;
            return (0,_http_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .retrying */ .R$)({
                what: `Setting the GitHub deployment to ${state}`,
                // Posting the same status twice only repeats a line in its history: safe to retry.
                run: () => this.octokit.rest.repos.createDeploymentStatus({
                    owner,
                    repo,
                    deployment_id: deploymentId,
                    state,
                    description: shorten((0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E)(description)),
                    environment_url: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E)(execution.url),
                    log_url: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E)(execution.url),
                    request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }
                }),
                retryReason: () => undefined,
                retryableError: error => (0,_http_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isNetworkError */ .TX)(error) || (0,_http_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isRetryableStatus */ .PS)(httpStatus(error) ?? 0)
            }, GITHUB_RETRY_POLICY);
        });
        if (posted)
            this.postedState = state;
    }
    /** Runs a GitHub call; a failure becomes a warning, never an error of the Harness operation. */
    async warnOnFailure(what, call) {
        try {
            await call();
            return true;
        }
        catch (error) {
            _log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(describeFailure(what, error));
            return false;
        }
    }
}
/** Mirrors a Harness execution onto a GitHub deployment when the user asked for one. */
function deploymentProgress(settings) {
    return settings ? new DeploymentMirror(settings) : _results_js__WEBPACK_IMPORTED_MODULE_5__/* .NO_DEPLOYMENT */ .s;
}


/***/ }),

/***/ 8902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ errorCode),
/* harmony export */   GP: () => (/* binding */ FAILED_POLLS_TOLERATED),
/* harmony export */   Hf: () => (/* binding */ serverRequestedDelayMs),
/* harmony export */   PS: () => (/* binding */ isRetryableStatus),
/* harmony export */   R$: () => (/* binding */ retrying),
/* harmony export */   TX: () => (/* binding */ isNetworkError),
/* harmony export */   aD: () => (/* binding */ neverReachedServer),
/* harmony export */   cO: () => (/* binding */ DEFAULT_RETRY_POLICY)
/* harmony export */ });
/* unused harmony exports RETRY_BUDGET, backoffDelayMs */
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);


const DEFAULT_RETRY_POLICY = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 20_000 };
/** A server's own wait request is honoured up to this; a longer one would stall a release for nothing. */
const MAX_SERVER_DELAY_MS = 120_000;
/** Failed polls in a row (each already retried as a request) that a wait for a final status survives. */
const FAILED_POLLS_TOLERATED = 3;
/**
 * Every retry there is, and its worst case. There is one loop (`retrying`, below); send() and
 * sendAndRead() in client.ts run each request through it, a download's body included, and a wait
 * counts failed polls on top. Each attempt is bounded by the connection pool's timeouts in
 * client.ts: 30 s to connect, 120 s for the headers, 300 s (or `stall-timeout`) without a byte of body.
 *
 * | what                                  | attempts                                   | waits between attempts                                  | worst case                                                     |
 * |---------------------------------------|--------------------------------------------|---------------------------------------------------------|----------------------------------------------------------------|
 * | a read (`retry: 'idempotent'`)        | 5: network error, 408, 429, 5xx            | backoff ≤ 1+2+4+8 s, or Retry-After up to 120 s each    | 5 attempts + 4 × 120 s = 8 min of waiting                      |
 * | a start (`retry: 'once'`)             | 5, only while it certainly never left      | backoff ≤ 1+2+4+8 s                                     | 5 connection attempts + 15 s; never sent twice                 |
 * | a download (body included)            | the same 5: a body cut mid-way is one      | as a read                                               | as a read; no loop around it multiplies the 5                  |
 * | a poll of a wait                      | a read, then 3 failed polls in a row       | `poll-interval` between polls                           | 3 × 5 = 15 requests, 3 × 8 min of waiting; the wait's `timeout` is checked between polls |
 * | a GitHub deployment call (Octokit)    | 3 (its own policy, github/deployments.ts)  | backoff ≤ 1+2 s                                         | 3 × 20 s + 3 s; GitHub trouble only warns                      |
 */
const RETRY_BUDGET = {
    request: DEFAULT_RETRY_POLICY,
    serverDelayCapMs: MAX_SERVER_DELAY_MS,
    failedPollsTolerated: FAILED_POLLS_TOLERATED
};
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
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(wait, undefined, { signal: plan.signal });
    }
}


/***/ })

};
