export const id = 771;
export const ids = [771];
export const modules = {

/***/ 6618:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NE: () => (/* binding */ withDeadline),
/* harmony export */   h_: () => (/* binding */ DeadlineReached),
/* harmony export */   kB: () => (/* binding */ stoppedFailure)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8855);


// A step's work stops for two reasons, both carried by one AbortSignal: the runner cancels the job
// (SIGINT/SIGTERM, see main.ts) or the step's own `timeout` runs out. The signal's reason says which.
/** The reason a deadline gives its signal. */
class DeadlineReached extends Error {
    input;
    ms;
    constructor(input, ms) {
        super(`'${input}' (${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(ms)}) ran out`);
        this.input = input;
        this.ms = ms;
        this.name = 'DeadlineReached';
    }
}
/** `parent` (the runner's cancel) combined with a deadline of `ms` named after its input. */
function withDeadline(parent, input, ms) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DeadlineReached(input, ms)), ms);
    timer.unref();
    return { signal: AbortSignal.any([parent, controller.signal]), clear: () => clearTimeout(timer) };
}
/**
 * The failure for work stopped by `signal`: a timeout naming its input, or a cancel.
 * `doing` completes "Timed out while …" ("downloading the artifacts of job 42"); `progress` is what had been done.
 */
function stoppedFailure(signal, doing, progress) {
    const reason = signal.reason;
    const done = progress ? ` (${progress})` : '';
    if (reason instanceof DeadlineReached) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Timed out after ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(reason.ms)} while ${doing}${done}`, {
            title: 'Timed out',
            hint: `Raise '${reason.input}' if the step needs longer (it bounds the whole GitLab step), or check the connection to the server.`
        });
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc(`${doing}${done}`);
}


/***/ }),

/***/ 9662:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AA: () => (/* binding */ isWebPage),
/* harmony export */   CB: () => (/* binding */ readBounded),
/* harmony export */   Gb: () => (/* binding */ readErrorText),
/* harmony export */   KQ: () => (/* binding */ webPageFailure),
/* harmony export */   f$: () => (/* binding */ readJsonAnswer),
/* harmony export */   g2: () => (/* binding */ ERROR_BODY_LIMIT)
/* harmony export */ });
/* unused harmony export API_BODY_LIMIT */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5625);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7604);
/* harmony import */ var _json_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2868);




// Every body that is read into memory (API answers, error pages) is read up to a cap: a server,
// a proxy or a misconfigured URL can answer with anything, 100 MB of it included.
/**
 * API answers (JSON) are read up to this. A NextGen execution summary of a pipeline with hundreds
 * of stages runs to hundreds of KiB, but a FirstGen pipeline or a NextGen matrix can list
 * 100,000 or more stage executions (~200 bytes each): the cap leaves room for those, which the
 * stage walks handle in linear time, and still bounds memory (a 100 MB answer is refused).
 */
const API_BODY_LIMIT = 32 * 1024 * 1024;
/** Error bodies: the message that matters is at the start; the rest is dropped with the connection. */
const ERROR_BODY_LIMIT = 64 * 1024;
/** Reads a body up to `limit` bytes; a longer one is cut there and its connection closed (nothing more is downloaded). */
async function readBounded(response, limit) {
    const chunks = [];
    let bytes = 0;
    for await (const chunk of response.body) {
        const room = limit - bytes;
        if (chunk.length > room) {
            chunks.push(chunk.subarray(0, room));
            // Leaving the loop destroys the body, which closes its connection.
            return { text: Buffer.concat(chunks).toString('utf8'), cut: true };
        }
        chunks.push(chunk);
        bytes += chunk.length;
    }
    return { text: Buffer.concat(chunks).toString('utf8'), cut: false };
}
/** An error body's start, as text; a failure to read it is no message (the status still tells). */
async function readErrorText(response) {
    return (await readBounded(response, ERROR_BODY_LIMIT).catch(() => ({ text: '' }))).text;
}
function contentType(response) {
    return ((0,_client_js__WEBPACK_IMPORTED_MODULE_2__/* .header */ .wx)(response.headers, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
}
/**
 * A web page where an API answer or a file was expected: a single sign-on login page, a proxy's
 * block or interstitial page, or a URL that points at the web UI instead of the server's API.
 */
function isWebPage(response) {
    const type = contentType(response);
    return type === 'text/html' || type === 'application/xhtml+xml';
}
function hostOf(response) {
    return response.url.host;
}
/** The failure for a web page where `expected` ("JSON", "the artifacts archive") was due. */
function webPageFailure(what, response, expected, service) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Could not ${what}: ${hostOf(response)} answered HTTP ${response.status} with a web page (${contentType(response)}), not ${expected}`, {
        title: `Could not ${what}`,
        hint: `This is usually a login (SSO) page or a proxy's page rather than ${service.name} itself: check ${service.inputs}, ` +
            'and, behind a proxy, HTTPS_PROXY/NO_PROXY and whether the proxy lets the request through.'
    });
}
/**
 * A successful API answer as a JSON object: a web page, something else than JSON, or more than
 * the cap fails, naming what came.
 */
async function readJsonAnswer(what, response, service) {
    if (isWebPage(response)) {
        await response.body.dump().catch(() => undefined);
        throw webPageFailure(what, response, 'a JSON answer', service);
    }
    const { text, cut } = await readBounded(response, API_BODY_LIMIT);
    if (cut) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Could not ${what}: ${service.name} answered with more than ${API_BODY_LIMIT / 1024 / 1024} MiB, far more than this answer should hold`, {
            title: `Could not ${what}`,
            hint: `Check ${service.inputs}: the answer does not look like ${service.name}'s.`
        });
    }
    const body = (0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .parseJsonObject */ .d)(text);
    if (body)
        return body;
    const type = (0,_client_js__WEBPACK_IMPORTED_MODULE_2__/* .header */ .wx)(response.headers, 'content-type') ?? 'no content type';
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Could not ${what}: ${hostOf(response)} answered HTTP ${response.status} with ${type}, not JSON: ${(0,_log_js__WEBPACK_IMPORTED_MODULE_1__/* .outside */ .qY)(text.trim()) || 'an empty body'}`, {
        title: `Could not ${what}`,
        hint: `Check ${service.inputs}: the answer does not look like ${service.name}'s (a login or proxy page?).`
    });
}


/***/ }),

/***/ 7604:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Bn: () => (/* binding */ BodyCut),
  wx: () => (/* binding */ header),
  tN: () => (/* binding */ send),
  is: () => (/* binding */ sendAndRead)
});

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http/abort.ts
var abort = __webpack_require__(6618);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
;// CONCATENATED MODULE: ./src/http/proxy.ts



// Which proxy a request goes through, by the rules of the Actions toolkit (@actions/http-client
// 4.x, lib/proxy.ts getProxyUrl/checkBypass), so that this action behaves like every other one on
// the same runner:
// - https URLs use https_proxy, else HTTPS_PROXY; http URLs use http_proxy, else HTTP_PROXY (an
//   https URL never falls back to HTTP_PROXY, unlike undici's EnvHttpProxyAgent);
// - an empty variable counts as unset; a value without http:// or https:// is taken as http://;
// - no_proxy, else NO_PROXY: comma-separated host names, `host:port`, `.suffix` or a bare suffix
//   (`example.com` also matches `gitlab.example.com`), `*` for all, case-insensitive;
// - loopback hosts (localhost, 127.*, [::1]) never go through a proxy.
function variable(lower, upper, env) {
    return env[lower] || env[upper] || undefined;
}
function isLoopback(hostname) {
    const host = hostname.toLowerCase();
    return host === 'localhost' || host.startsWith('127.') || host === '[::1]' || host === '[0:0:0:0:0:0:0:1]';
}
function defaultPort(url) {
    return url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
}
/** Whether NO_PROXY (or loopback) sends this URL direct. */
function bypassesProxy(url, env = process.env) {
    if (isLoopback(url.hostname))
        return true;
    const noProxy = variable('no_proxy', 'NO_PROXY', env);
    if (!noProxy)
        return false;
    const host = url.hostname.toUpperCase();
    const port = defaultPort(url);
    const candidates = port ? [host, `${host}:${port}`] : [host];
    return noProxy
        .split(',')
        .map(item => item.trim().toUpperCase())
        .filter(item => item !== '')
        .some(item => item === '*' || candidates.some(candidate => candidate === item || candidate.endsWith(item.startsWith('.') ? item : `.${item}`)));
}
/** The proxy for a request to `url`, or undefined to go direct. */
function proxyFor(url, env = process.env) {
    if (bypassesProxy(url, env))
        return undefined;
    const value = url.protocol === 'https:' ? variable('https_proxy', 'HTTPS_PROXY', env) : variable('http_proxy', 'HTTP_PROXY', env);
    if (!value)
        return undefined;
    // `proxy.corp:3128` parses as a URL with the scheme `proxy.corp:`; a proxy is http(s) or nothing.
    try {
        return new URL(/^https?:\/\//i.test(value) ? value : `http://${value}`);
    }
    catch {
        throw new errors/* ActionError */.lZ(`The proxy set in the environment (HTTPS_PROXY/HTTP_PROXY) is not a URL`, {
            title: 'Invalid proxy setting',
            hint: 'Set it to the address of the proxy, such as http://proxy.example.com:3128, in the workflow or on the runner.'
        });
    }
}
/** The proxy's address without its userinfo, for log lines. */
function displayProxy(proxy) {
    return `${proxy.protocol}//${proxy.host}`;
}
const announced = new Set();
/** Says once per proxy that it is used, never with its credentials (masked as secrets first). */
function announceProxy(proxy) {
    const shown = displayProxy(proxy);
    if (announced.has(shown))
        return;
    announced.add(shown);
    if (proxy.password) {
        (0,secrets/* registerSecret */.c)(proxy.password);
        (0,secrets/* registerSecret */.c)(decodeURIComponent(proxy.password));
    }
    log/* info */.pq(`Using the proxy ${shown} (from HTTPS_PROXY/HTTP_PROXY; NO_PROXY lists hosts that bypass it)`);
}

;// CONCATENATED MODULE: ./src/http/tls.ts

// Node's own advice for an untrusted certificate is to start node with --use-system-ca, which an
// action's user cannot do. What they can do is give the runner's Node the CA in the step's
// environment: NODE_EXTRA_CA_CERTS is read when the action's process starts, so `env:` of the
// step (or the job, or the workflow) is the place for it.
const EXAMPLE = 'e.g. `env:` `NODE_EXTRA_CA_CERTS: /etc/ssl/certs/corporate-ca.pem` on the step or job (a PEM file on the runner)';
/** Certificates Node does not trust: a private CA, a self-signed server, or a TLS-inspecting proxy. */
const UNTRUSTED = new Set([
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'CERT_UNTRUSTED',
    'CERT_SIGNATURE_FAILURE'
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const WRONG_HOST = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
function tlsCode(error) {
    for (let e = error; e && typeof e === 'object'; e = e.cause) {
        const code = e.code;
        if (typeof code === 'string' && (UNTRUSTED.has(code) || EXPIRED.has(code) || WRONG_HOST.has(code)))
            return code;
    }
    return undefined;
}
function hintFor(code, host) {
    if (UNTRUSTED.has(code)) {
        return (`The certificate of ${host} is not signed by a CA this runner's Node trusts (a private CA, a self-signed certificate, or a proxy that inspects TLS). ` +
            `Give Node the CA's certificate with NODE_EXTRA_CA_CERTS in the workflow's env: ${EXAMPLE}.`);
    }
    if (EXPIRED.has(code)) {
        return `The certificate of ${host} is expired or not yet valid: its administrator must renew it (or the runner's clock is wrong). NODE_EXTRA_CA_CERTS in the workflow's env: adds trusted CAs but cannot make an expired certificate valid.`;
    }
    return `The certificate of ${host} is for another host name: use the name the certificate was issued for in the URL input. NODE_EXTRA_CA_CERTS in the workflow's env: (${EXAMPLE}) helps only when the CA is unknown, not with a name that does not match.`;
}
/** A TLS verification failure as an error naming the host and what to do, or undefined for any other error. */
function tlsFailure(what, url, error) {
    const code = tlsCode(error);
    if (!code)
        return undefined;
    return new errors/* ActionError */.lZ(`Could not ${what}: the TLS certificate of ${url.host} was refused (${code})`, {
        title: `Could not ${what}`,
        hint: hintFor(code, url.host),
        cause: error
    });
}

// EXTERNAL MODULE: ./src/http/network-hint.ts
var network_hint = __webpack_require__(5906);
// EXTERNAL MODULE: ./src/http/url.ts
var http_url = __webpack_require__(6697);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
;// CONCATENATED MODULE: ./src/http/client.ts









const AGENT_OPTIONS = {
    keepAliveTimeout: 60_000,
    connect: { timeout: 30_000 },
    headersTimeout: 120_000,
    bodyTimeout: 300_000
};
// One keep-alive pool for the whole run: polls and lookups reuse their connection.
const direct = new undici.Agent(AGENT_OPTIONS);
const throughProxy = new Map();
/**
 * The proxy (HTTPS_PROXY/HTTP_PROXY/NO_PROXY, see proxy.ts) or direct pool for one hop, chosen
 * per URL so that a redirect to object storage follows NO_PROXY for the storage host.
 * https targets go through a CONNECT tunnel (TLS end to end: the proxy sees only the host name);
 * http targets as absolute-URI requests (`proxyTunnel: false`), which every forward proxy serves,
 * where many refuse CONNECT to ports other than 443.
 */
function dispatcherFor(url) {
    const proxy = proxyFor(url);
    if (!proxy)
        return direct;
    announceProxy(proxy);
    let agent = throughProxy.get(proxy.href);
    if (!agent) {
        agent = new undici.ProxyAgent({ ...AGENT_OPTIONS, uri: proxy.href, proxyTunnel: false });
        throughProxy.set(proxy.href, agent);
    }
    return agent;
}
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_MAX_REDIRECTS = 5;
function header(headers, name) {
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
}
/** A hop that failed, with the URL it went to (a TLS failure names the host it happened with). */
class HopFailed extends Error {
    url;
    constructor(url, cause) {
        super(cause instanceof Error ? cause.message : String(cause), { cause });
        this.url = url;
    }
}
async function sendOnce(req) {
    let url = req.url;
    let method = req.method;
    let body = req.body;
    const maxRedirects = req.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    for (let hop = 0;; hop++) {
        const sameOrigin = url.origin === req.url.origin;
        const headers = { ...req.headers, ...(sameOrigin ? req.credentials : {}) };
        const options = { method, headers, body, dispatcher: dispatcherFor(url), signal: req.signal, bodyTimeout: req.bodyTimeoutMs };
        const response = await (0,undici.request)(url, options).catch(error => Promise.reject(new HopFailed(url, error)));
        const location = header(response.headers, 'location');
        if (!REDIRECT_STATUSES.has(response.statusCode) || !location || maxRedirects === 0) {
            return { status: response.statusCode, headers: response.headers, body: response.body, url };
        }
        await response.body.dump();
        if (hop >= maxRedirects) {
            throw new errors/* ActionError */.lZ(`Could not ${req.what}: more than ${maxRedirects} redirects (last to ${(0,http_url/* displayUrl */.Qy)(new URL(location, url))})`);
        }
        url = new URL(location, url);
        // The target of a redirect may be a signed storage URL: its query string is a credential.
        log/* info */.pq(`Redirected to ${(0,http_url/* displayUrl */.Qy)(url)}${url.origin === req.url.origin ? '' : ' (credentials are not sent there)'}`);
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
function send(req, policy = retry/* DEFAULT_RETRY_POLICY */.cO) {
    return sendAndRead(req, response => Promise.resolve(response), policy);
}
/**
 * A body cut mid-way (fewer bytes than announced, or none for too long): an idempotent request is
 * sent again, from the same attempts as a failure before the headers.
 */
class BodyCut extends Error {
}
/** An error raised while the caller read an answer, kept apart from the request's own failures. */
class WhileReading extends Error {
    error;
    constructor(error) {
        super(error instanceof Error ? error.message : String(error), { cause: error });
        this.error = error;
    }
}
/**
 * Sends a request and reads its answer with `read` within one attempt, so that a body cut mid-way
 * is retried by the same loop, from the same attempts (RETRY_BUDGET), as a failure before the
 * headers: a download never multiplies its attempts. `read` gets every answer that needs no retry
 * (and the last one whatever its status); what it throws reaches the caller as it is. Only an
 * idempotent request is read again, after a network error or a BodyCut, never after a cancel, nor
 * after an ActionError (a verdict already fit for the user, such as the service's refusal).
 */
async function sendAndRead(req, read, policy = retry/* DEFAULT_RETRY_POLICY */.cO) {
    if (req.credentials)
        (0,http_url/* warnIfCredentialInClear */.jF)(req.url);
    log/* debug */.Yz(`${req.method} ${(0,http_url/* displayUrl */.Qy)(req.url)}`);
    const retryStatus = (response) => req.retry === 'idempotent' && (0,retry/* isRetryableStatus */.PS)(response.status)
        ? { reason: `HTTP ${response.status}`, delayMs: (0,retry/* serverRequestedDelayMs */.Hf)(response.status, response.headers) }
        : undefined;
    const readAgain = (error) => req.retry === 'idempotent' && !req.signal?.aborted && !(error instanceof errors/* ActionError */.lZ) && ((0,retry/* isNetworkError */.TX)(error) || error instanceof BodyCut);
    try {
        const attempted = await (0,retry/* retrying */.R$)({
            what: `Could not ${req.what}`,
            run: async (attempt) => {
                const response = await sendOnce(req);
                if (attempt < policy.attempts && retryStatus(response))
                    return { retry: response };
                try {
                    return { value: await read(response) };
                }
                catch (error) {
                    throw new WhileReading(error);
                }
            },
            retryReason: attempted => ('retry' in attempted ? retryStatus(attempted.retry) : undefined),
            retryableError: error => error instanceof WhileReading ? readAgain(error.error) : req.retry === 'idempotent' ? (0,retry/* isNetworkError */.TX)(error) : (0,retry/* neverReachedServer */.aD)(error),
            discard: attempted => ('retry' in attempted ? attempted.retry.body.dump() : Promise.resolve()),
            signal: req.signal
        }, policy);
        // Only an answer that asked for a retry comes back unread, and never on the last attempt.
        if ('retry' in attempted)
            throw new Error(`Unread answer to: ${req.what}`);
        return attempted.value;
    }
    catch (error) {
        if (error instanceof WhileReading)
            throw error.error;
        throw networkFailure(req, error);
    }
}
function networkFailure(req, error) {
    if (error instanceof errors/* ActionError */.lZ)
        return error;
    if (req.signal?.aborted)
        return (0,abort/* stoppedFailure */.kB)(req.signal, `trying to ${req.what}`);
    const tls = tlsFailure(req.what, error instanceof HopFailed ? error.url : req.url, error);
    if (tls)
        return tls;
    const code = (0,retry/* errorCode */.CA)(error);
    const reason = code ?? (error instanceof Error ? error.message : String(error));
    const mayHaveArrived = req.retry === 'once' && !(0,retry/* neverReachedServer */.aD)(error);
    const proxy = proxyFor(error instanceof HopFailed ? error.url : req.url);
    const throughProxy = proxy
        ? `The request went through the proxy ${displayProxy(proxy)} (from HTTPS_PROXY/HTTP_PROXY): check its address and credentials, or list the host in NO_PROXY.`
        : undefined;
    return new errors/* ActionError */.lZ(`Could not ${req.what} (${req.method} ${(0,http_url/* displayUrl */.Qy)(req.url)}): ${reason}`, {
        title: `Could not ${req.what}`,
        retryable: (0,retry/* isNetworkError */.TX)(error),
        hint: [
            mayHaveArrived
                ? 'The request may have reached the server, so it was not sent again (that could start it twice). Check the server before re-running.'
                : (0,network_hint/* networkHint */.u)(req.url, code),
            throughProxy
        ]
            .filter(Boolean)
            .join(' ') || undefined,
        cause: error
    });
}


/***/ }),

/***/ 2398:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FZ: () => (/* binding */ accessTitle),
/* harmony export */   oJ: () => (/* binding */ isSuccess),
/* harmony export */   ue: () => (/* binding */ responseFailure)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5625);
/* harmony import */ var _body_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9662);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8902);




/** The one success rule for every service: any 2xx. A caller that needs one status exactly says so. */
function isSuccess(status) {
    return status >= 200 && status <= 299;
}
/**
 * The title of a 401 or 403, named for what it is whatever was asked: "<service> did not accept
 * the <credential>", "<service> refused: missing permission"; undefined for other statuses.
 */
function accessTitle(status, service, credential) {
    if (status === 401)
        return `${service} did not accept the ${credential}`;
    if (status === 403)
        return `${service} refused: missing permission`;
    return undefined;
}
/**
 * The one way an unsuccessful answer becomes a failure: what failed, who answered with which
 * status, the service's own message (cut like any outside text), a hint, and whether a later
 * attempt is worth making (`retryable`, the retry rule's statuses).
 */
async function responseFailure(what, response, hooks) {
    const text = await (0,_body_js__WEBPACK_IMPORTED_MODULE_2__/* .readErrorText */ .Gb)(response);
    const message = (0,_log_js__WEBPACK_IMPORTED_MODULE_1__/* .outside */ .qY)(hooks.message(text)?.trim() ?? '') || 'no message';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Could not ${what}: ${hooks.who} answered HTTP ${response.status}: ${message}`, {
        title: hooks.title?.(response.status) ?? `Could not ${what}`,
        hint: hooks.hint(response.status),
        retryable: (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .isRetryableStatus */ .PS)(response.status)
    });
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


/***/ }),

/***/ 6697:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qy: () => (/* binding */ displayUrl),
/* harmony export */   jF: () => (/* binding */ warnIfCredentialInClear),
/* harmony export */   y0: () => (/* binding */ apiUrl)
/* harmony export */ });
/* unused harmony export isLoopbackHost */
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);

/** A URL fit for a log line: signed storage URLs carry their credential in the query string. */
function displayUrl(url) {
    return `${url.origin}${url.pathname}`;
}
function isLoopbackHost(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
const warnedOrigins = new Set();
/** Plain http is allowed (self-hosted servers, the local simulator) but a credential on it is worth a warning. */
function warnIfCredentialInClear(url) {
    if (url.protocol !== 'http:' || isLoopbackHost(url.hostname) || warnedOrigins.has(url.origin))
        return;
    warnedOrigins.add(url.origin);
    _log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Sending credentials to ${url.origin} over plain http: anyone on the network path can read them. Use https:// if the server supports it.`);
}
/** Joins an API base (which may carry a path prefix, as vanity or self-hosted URLs do) with a path. */
function apiUrl(base, path, query = {}) {
    const url = new URL(base.href.replace(/\/+$/, '') + path);
    for (const [name, value] of Object.entries(query)) {
        if (value !== undefined)
            url.searchParams.set(name, value);
    }
    return url;
}


/***/ }),

/***/ 7074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  f: () => (/* binding */ Follower)
});

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/summary.ts
var summary = __webpack_require__(8855);
;// CONCATENATED MODULE: ./src/operations/abort.ts

const INPUT = { timeout: 'abort-on-timeout', cancel: 'abort-on-cancel' };
const WHY = { timeout: 'The wait timed out', cancel: 'The job was cancelled' };
/**
 * The one place that decides whether an execution is aborted, and aborts it at most once per step,
 * whichever of timeout and cancel comes first. Returns a note for the failure message and summary.
 */
class ExecutionAborter {
    policy;
    target;
    outcome;
    constructor(policy, target) {
        this.policy = policy;
        this.target = target;
    }
    abort(reason) {
        this.outcome ??= this.decide(reason);
        return this.outcome;
    }
    async decide(reason) {
        const { what, url, interrupt } = this.target;
        const where = url ? `: ${url}` : '';
        const allowed = reason === 'timeout' ? this.policy.onTimeout : this.policy.onCancel;
        if (!allowed) {
            log/* info */.pq(`${WHY[reason]}; ${INPUT[reason]} is false, so ${what} keeps running in Harness${where}`);
            return `it keeps running in Harness (${INPUT[reason]} is false)`;
        }
        log/* info */.pq(`${WHY[reason]}: sending ${interrupt} to ${what}.`);
        try {
            await this.target.send();
            log/* info */.pq(`Harness accepted ${interrupt}: ${what} is being aborted.`);
            return `${interrupt} was sent to Harness`;
        }
        catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            // A warning, not an error: the step already fails for the timeout or the cancel.
            log/* warning */.$e(`${message}. Aborting needs ${this.target.permission}; abort it by hand in Harness${where}`, {
                title: 'Could not abort the Harness execution'
            });
            return `it could not be aborted (${message}); abort it by hand in Harness`;
        }
    }
}

;// CONCATENATED MODULE: ./src/operations/execution-outcome.ts

/** The operation that waits for an execution another step started. */
const STATUS_OPERATION_OF = {
    'harness-start-execution': 'harness-execution-status',
    'harness-ng-run-pipeline': 'harness-ng-execution-status',
    'harness-ng-trigger-webhook': 'harness-ng-execution-status'
};
/** What to do after a timeout: a start operation can hand the wait to a later job; a status operation is that later job. */
function timeoutHint(step) {
    const statusOperation = STATUS_OPERATION_OF[step.operation];
    if (statusOperation)
        return `Raise 'timeout', or start with 'wait: false' and gate a later job on the execution with '${statusOperation}'.`;
    if (step.abort.onTimeout)
        return "Raise 'timeout' to wait longer next time.";
    return "Raise 'timeout', or run this step again to keep waiting: the execution was left running in Harness.";
}
/**
 * Whether a waited-for execution fails the step: a timeout always does, a final status unless it is
 * one of the passing ones. `detail` is Harness's own reason, when it gave one; `abortNote` says what
 * became of the execution after a timeout (aborted, or left running).
 */
function executionFailure(what, result, step, detail, abortNote) {
    const { wait } = step;
    const reason = detail ? `: ${detail}` : '';
    if (result.outcome === 'timeout') {
        return {
            title: 'Timed out',
            message: `Timed out after ${(0,summary/* formatDuration */.a3)(wait.timeoutMs)} waiting for ${what}; last status ${result.last.status}${reason}${abortNote ? `; ${abortNote}` : ''}`,
            hint: timeoutHint(step)
        };
    }
    if (wait.passingStatuses.has(result.last.status))
        return undefined;
    return {
        title: `Deployment ${result.last.status}`,
        message: `${what} ended with status ${result.last.status}${reason}`,
        hint: `Passing statuses: ${[...wait.passingStatuses].join(', ')} (input 'passing-statuses').`
    };
}

// EXTERNAL MODULE: ./src/operations/wait.ts
var wait = __webpack_require__(2501);
;// CONCATENATED MODULE: ./src/operations/follower.ts






/**
 * Follows one thing that runs until a final status: mirrors it onto the progress listener (a
 * GitHub deployment: started once its link is known, each new status once), polls it with the
 * wait's interval and timeout, logs each change of status and what a person must do, aborts it at
 * most once on timeout or cancel when the abort policy allows, and judges the final status.
 */
class Follower {
    kind;
    settings;
    context;
    announced = false;
    lastReported;
    aborter;
    constructor(kind, settings, context) {
        this.kind = kind;
        this.settings = settings;
        this.context = context;
    }
    /** Tells the progress listener about the thing, once its link is known. */
    async announce() {
        const url = this.kind.url();
        if (this.announced || !url)
            return;
        this.announced = true;
        await this.context.progress.started({ id: this.kind.id, url });
    }
    /** Tells the progress listener about the thing (once its link is known) and about each new status. */
    async report(snapshot) {
        this.kind.learn?.(snapshot);
        await this.announce();
        if (snapshot.status === this.lastReported)
            return;
        this.lastReported = snapshot.status;
        await this.context.progress.changed(snapshot.status, this.kind.deploymentState(snapshot.status));
    }
    /** Reports a status read once (no wait), with its notice. */
    async reportOnce(snapshot) {
        await this.report(snapshot);
        this.kind.notice?.(snapshot);
    }
    /**
     * Waits for a final status; `first`, a status already read, is the first poll. On a cancel it
     * aborts (once, when allowed) and rethrows; on a timeout it aborts and says so in the verdict.
     */
    async wait(first) {
        const { wait } = this.settings;
        let waited;
        try {
            waited = await log/* group */.Os(`Wait for ${this.kind.waitTitle} (poll every ${(0,summary/* formatDuration */.a3)(wait.pollIntervalMs)}, timeout ${(0,summary/* formatDuration */.a3)(wait.timeoutMs)})`, () => this.poll(first));
        }
        catch (error) {
            if (error instanceof errors/* CancelledError */.cc)
                await this.abort('cancel');
            throw error;
        }
        const abortNote = waited.outcome === 'timeout' ? await this.abort('timeout') : undefined;
        return { waited, abortNote, failure: this.verdict(waited, abortNote) };
    }
    /** Whether a waited-for status fails the step: a timeout always, a final status unless it passes. */
    verdict(waited, abortNote) {
        if (this.kind.verdict)
            return this.kind.verdict(waited);
        return executionFailure(this.kind.name, waited, this.settings, this.kind.failureDetail?.(waited.last), abortNote);
    }
    poll(first) {
        const { kind, settings, context } = this;
        let unpolled = first;
        return (0,wait/* waitForFinalStatus */.l)({
            what: kind.what,
            service: kind.service,
            poll: async (signal) => {
                const snapshot = unpolled ?? (await kind.read(signal));
                unpolled = undefined;
                return snapshot;
            },
            isExpected: error => kind.isExpected?.(error) ?? false,
            isFinal: status => kind.isFinal(status),
            describe: snapshot => kind.describe(snapshot),
            onChange: snapshot => this.reportOnce(snapshot),
            intervalMs: settings.wait.pollIntervalMs,
            timeoutMs: settings.wait.timeoutMs,
            signal: context.signal
        });
    }
    /** Built on first use, when the link is known; sends the abort at most once per step. */
    async abort(reason) {
        const target = this.kind.abort;
        if (!target)
            return undefined;
        this.aborter ??= new ExecutionAborter(this.settings.abort, { ...target, url: this.kind.url() });
        return this.aborter.abort(reason);
    }
}


/***/ }),

/***/ 2501:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ waitForFinalStatus)
/* harmony export */ });
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _http_retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8902);




/**
 * Polls until a final status or the timeout; logs each change of status, not each poll.
 * A cancel ends the wait at once, even in the middle of a poll that is backing off between retries
 * (the poll's request takes the signal), so that the little time a cancelled job has left goes to
 * cleaning up.
 */
async function waitForFinalStatus(plan) {
    const deadline = Date.now() + plan.timeoutMs;
    let last;
    let failedPolls = 0;
    let expectedLogged = false;
    for (;;) {
        if (plan.signal.aborted)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .CancelledError */ .cc(`waiting for ${plan.what}`);
        let snapshot;
        try {
            snapshot = await plan.poll(plan.signal);
            failedPolls = 0;
        }
        catch (error) {
            if (plan.signal.aborted)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .CancelledError */ .cc(`waiting for ${plan.what}`);
            if (plan.isExpected?.(error)) {
                // Logged once per wait, not once per poll.
                if (!expectedLogged)
                    _log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${plan.what} is not visible in ${plan.service} yet (${_log_js__WEBPACK_IMPORTED_MODULE_0__/* .outside */ .qY(errorText(error))}); waiting for it to appear.`);
                expectedLogged = true;
            }
            else {
                failedPolls++;
                if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ && error.retryable) || failedPolls >= _http_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .FAILED_POLLS_TOLERATED */ .GP)
                    throw error;
                _log_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Poll ${failedPolls} of ${plan.what} failed (${error.message}); still waiting.`);
            }
        }
        if (snapshot) {
            if (snapshot.status !== last?.status) {
                _log_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(plan.describe ? plan.describe(snapshot) : `${plan.what}: ${snapshot.status}`);
                await plan.onChange?.(snapshot);
            }
            last = snapshot;
            if (plan.isFinal(snapshot.status))
                return { outcome: 'final', last: snapshot };
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
            if (!last)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`Timed out waiting for ${plan.what}: no status could be read`, { title: 'Timed out' });
            return { outcome: 'timeout', last };
        }
        try {
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(Math.min(plan.intervalMs, remaining), undefined, { signal: plan.signal });
        }
        catch {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .CancelledError */ .cc(`waiting for ${plan.what}`);
        }
    }
}
/** An error's message as a clause inside a log line: without its closing full stop. */
function errorText(error) {
    return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}


/***/ })

};
