export const id = 69;
export const ids = [69];
export const modules = {

/***/ 372:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GV: () => (/* binding */ isNextGenFinal),
/* harmony export */   KM: () => (/* binding */ NEXTGEN_DEFAULT_PASSING),
/* harmony export */   Uq: () => (/* binding */ nextGenDeploymentState),
/* harmony export */   V3: () => (/* binding */ isFirstGenFinal),
/* harmony export */   Zy: () => (/* binding */ FIRSTGEN_FINAL_STATUSES),
/* harmony export */   bs: () => (/* binding */ firstGenDeploymentState),
/* harmony export */   cR: () => (/* binding */ NEXTGEN_FINAL_STATUSES),
/* harmony export */   jo: () => (/* binding */ FIRSTGEN_DEFAULT_PASSING),
/* harmony export */   ko: () => (/* binding */ normalizedStatus)
/* harmony export */ });
/* unused harmony export normalizedStatusTable */
// Status sets follow Harness's own source:
// - FirstGen: the GraphQL `ExecutionStatus` enum (ABORTED … EXPIRED).
// - NextGen: harness-core `io.harness.pms.execution.ExecutionStatus` (the display names the REST API
//   sends) and `StatusUtils.FINAL_STATUSES` / `POSITIVE_STATUSES` (pms-commons), which count
//   SUSPENDED as final and positive; Harness's mcp-server (src/utils/poll-execution.ts) lists
//   `Suspended` as terminal too.
/** FirstGen `ExecutionStatus` values that end an execution. */
const FIRSTGEN_FINAL_STATUSES = ['SUCCESS', 'FAILED', 'ERROR', 'ABORTED', 'REJECTED', 'EXPIRED', 'SKIPPED'];
const FIRSTGEN_DEFAULT_PASSING = ['SUCCESS'];
/** NextGen execution statuses that end an execution; every other value is still in progress. */
const NEXTGEN_FINAL_STATUSES = [
    'Success',
    'IgnoreFailed',
    'Skipped',
    'Suspended',
    'Failed',
    'Errored',
    'Aborted',
    'AbortedByFreeze',
    'Expired',
    'ApprovalRejected'
];
/** Harness's positive statuses (StatusUtils.POSITIVE_STATUSES): a pipeline made only of these ends Success. */
const NEXTGEN_DEFAULT_PASSING = ['Success', 'IgnoreFailed', 'Skipped', 'Suspended'];
function isFirstGenFinal(status) {
    return FIRSTGEN_FINAL_STATUSES.includes(status);
}
function isNextGenFinal(status) {
    return NEXTGEN_FINAL_STATUSES.includes(status);
}
/** How a FirstGen status shows on a GitHub deployment. */
function firstGenDeploymentState(status) {
    switch (status) {
        case 'SUCCESS':
        case 'SKIPPED':
            return 'success';
        case 'FAILED':
        case 'REJECTED':
        case 'EXPIRED':
            return 'failure';
        case 'ERROR':
            return 'error';
        case 'ABORTED':
            return 'inactive';
        default:
            return 'in_progress';
    }
}
/** How a NextGen status shows on a GitHub deployment. */
function nextGenDeploymentState(status) {
    switch (status) {
        case 'Success':
        case 'IgnoreFailed':
        case 'Skipped':
        case 'Suspended':
            return 'success';
        case 'Failed':
        case 'Expired':
        case 'ApprovalRejected':
            return 'failure';
        case 'Errored':
            return 'error';
        case 'Aborted':
        case 'AbortedByFreeze':
            return 'inactive';
        default:
            return 'in_progress';
    }
}
/** Every FirstGen `ExecutionStatus` of the GraphQL schema. */
const FIRSTGEN_NORMALIZED = {
    SUCCESS: 'success',
    SKIPPED: 'skipped',
    FAILED: 'failed',
    ERROR: 'failed',
    REJECTED: 'rejected',
    EXPIRED: 'expired',
    ABORTED: 'aborted',
    QUEUED: 'queued',
    RUNNING: 'running',
    RESUMED: 'running',
    // PAUSED: an approval or a manual intervention; WAITING: a wait step or a resource another deployment holds.
    PAUSED: 'waiting',
    WAITING: 'waiting'
};
/** Every display name of harness-core's NextGen `ExecutionStatus`, and the newer ones seen since. */
const NEXTGEN_NORMALIZED = {
    Success: 'success',
    IgnoreFailed: 'success',
    Suspended: 'success',
    Skipped: 'skipped',
    Failed: 'failed',
    Errored: 'failed',
    ApprovalRejected: 'rejected',
    Expired: 'expired',
    Aborted: 'aborted',
    AbortedByFreeze: 'aborted',
    NotStarted: 'queued',
    Queued: 'queued',
    QueuedLicenseLimitReached: 'queued',
    QueuedExecutionConcurrencyReached: 'queued',
    QueuedGlobalInfraCapacityReached: 'queued',
    Running: 'running',
    AsyncWaiting: 'running',
    TaskWaiting: 'running',
    TimedWaiting: 'running',
    WaitStepRunning: 'running',
    UploadWaiting: 'running',
    Discontinuing: 'running',
    Pausing: 'running',
    Paused: 'waiting',
    ApprovalWaiting: 'waiting',
    InterventionWaiting: 'waiting',
    InputWaiting: 'waiting',
    ResourceWaiting: 'waiting',
    // Old spellings harness-core still knows (@JsonIgnore aliases), should an older server send them.
    Waiting: 'waiting'
};
/** `unknown` for a status this version does not know; the action treats such a status as still going. */
function normalizedStatus(generation, status) {
    const table = generation === 'firstgen' ? FIRSTGEN_NORMALIZED : NEXTGEN_NORMALIZED;
    return Object.hasOwn(table, status) ? table[status] : 'unknown';
}
/** For the README and its test: each normalized value with the statuses of each generation that map to it. */
function normalizedStatusTable() {
    const order = ['success', 'skipped', 'failed', 'rejected', 'expired', 'aborted', 'queued', 'running', 'waiting'];
    const of = (table, value) => Object.keys(table).filter(status => table[status] === value);
    return order.map(normalized => ({ normalized, firstgen: of(FIRSTGEN_NORMALIZED, normalized), nextgen: of(NEXTGEN_NORMALIZED, normalized) }));
}


/***/ }),

/***/ 69:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   defaultNotes: () => (/* binding */ defaultNotes),
/* harmony export */   parseServiceArtifacts: () => (/* binding */ parseServiceArtifacts),
/* harmony export */   parseVariables: () => (/* binding */ parseVariables),
/* harmony export */   readArtifactCleanup: () => (/* binding */ readArtifactCleanup),
/* harmony export */   readExecutionStatus: () => (/* binding */ readExecutionStatus),
/* harmony export */   readGitHubDeployment: () => (/* binding */ readGitHubDeployment),
/* harmony export */   readHarnessConnection: () => (/* binding */ readHarnessConnection),
/* harmony export */   readNgExecutionStatus: () => (/* binding */ readNgExecutionStatus),
/* harmony export */   readNgRunPipeline: () => (/* binding */ readNgRunPipeline),
/* harmony export */   readStartExecution: () => (/* binding */ readStartExecution)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _harness_statuses_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(372);
/* harmony import */ var _reader_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3890);






function readHarnessConnection() {
    return {
        apiKey: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .requiredSecret */ .c7)('harness-api-key', 'a Harness API key (sent as x-api-key)'),
        accountId: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .identifier */ .Cv)('harness-account-id', 'the Harness account id'),
        // The gateway and its GraphQL endpoint, or a page of the NextGen UI, copied instead of the base URL.
        url: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .baseUrl */ .pc)('harness-url', 'Harness', /\/(?:gateway(?:\/.*)?|api\/graphql|ng(?:\/.*)?)$/)
    };
}
function readGitHubDeployment() {
    const token = (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .secret */ .rJ)('github-token');
    const environment = (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .optional */ .lq)('github-environment');
    if (environment === undefined)
        return undefined;
    if (token === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('github-token', "is required when 'github-environment' is set: a token with deployments: write (e.g. ${{ github.token }}).");
    }
    return { token, environment };
}
function readWait(finalStatuses, defaultPassing) {
    const named = (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .list */ .p_)('passing-statuses');
    const passing = named.map(status => {
        const known = finalStatuses.find(final => final.toLowerCase() === status.toLowerCase());
        if (!known) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('passing-statuses', `lists '${status}', which is not a final status; expected some of: ${finalStatuses.join(', ')}.${(0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .didYouMean */ .au)(status, finalStatuses)}`);
        }
        return known;
    });
    return {
        enabled: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zM)('wait'),
        pollIntervalMs: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .duration */ .p0)('poll-interval'),
        timeoutMs: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .duration */ .p0)('timeout'),
        passingStatuses: new Set(passing.length > 0 ? passing : defaultPassing)
    };
}
/**
 * Abort belongs to the step that started the execution: the start operations abort on timeout and
 * on cancel unless told not to; the status operations, which only watch, abort only when asked.
 */
function readAbort(startedHere) {
    // The one pair of inputs whose default depends on the operation: not in INPUT_DEFAULTS.
    return { onTimeout: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zM)('abort-on-timeout', startedHere), onCancel: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zM)('abort-on-cancel', startedHere) };
}
function readEntity(idInput, nameInput, what) {
    const chosen = (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .exactlyOne */ .BK)(idInput, nameInput, what);
    return chosen.input === idInput ? { by: 'id', id: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .checkIdentifier */ .Ki)(idInput, chosen.value) } : { by: 'name', name: chosen.value };
}
/**
 * Says where a run came from, so that people reading Harness can find the GitHub run. Read from
 * the runner's variables, as @actions/github's context does, so that a Harness step without a
 * GitHub deployment does not load Octokit.
 */
function defaultNotes() {
    const { GITHUB_REPOSITORY: repo, GITHUB_SHA: sha = '', GITHUB_WORKFLOW: workflow, GITHUB_RUN_ID: runId } = process.env;
    if (!repo)
        return 'Started by the Harness/GitLab GitHub Action';
    const serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com';
    return `Started from GitHub: ${repo}@${sha.slice(0, 12)} by workflow '${workflow}', run ${serverUrl}/${repo}/actions/runs/${runId}`;
}
const VARIABLE_TYPES = ['NAME', 'ID', 'EXPRESSION'];
/** `name=value` lines, when every line is one; anything else is read as YAML. */
function parseAssignmentLines(text) {
    const lines = text
        .split('\n')
        .map(line => line.trim())
        .filter(line => line !== '' && !line.startsWith('#'));
    if (!lines.every(line => /^[^=:\s]+\s*=/.test(line)))
        return undefined;
    return Object.fromEntries(lines.map(line => {
        const at = line.indexOf('=');
        return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    }));
}
/** YAML with every scalar kept as text: `version: 1.10` must reach Harness as "1.10", not 1.1. */
function parseYamlMap(input, text, expected) {
    let value;
    try {
        value = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .parse */ .qg)(text, { schema: 'failsafe' });
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, `is not valid YAML (${(0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .yamlProblem */ .Td)(error, text)}); expected ${expected}.`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, `must be ${expected}.`);
    }
    return value;
}
function parseVariables(text) {
    if (text === undefined)
        return [];
    const expected = 'a YAML map (name: value, or name: {type: ID|NAME|EXPRESSION, value: ...}) or name=value lines';
    const entries = parseAssignmentLines(text) ?? parseYamlMap('variables', text, expected);
    return Object.entries(entries).map(([name, raw]) => {
        if (typeof raw === 'string')
            return { name, type: 'NAME', value: raw };
        const spec = (raw ?? {});
        // A type that is not text (a number, a map) is no type at all: refused below.
        const type = (spec.type === undefined ? 'NAME' : typeof spec.type === 'string' ? spec.type.toUpperCase() : '');
        if (!VARIABLE_TYPES.includes(type) || typeof spec.value !== 'string') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('variables', `has a bad entry '${name}'; expected ${expected}.`);
        }
        return { name, type, value: spec.value };
    });
}
function parseServiceArtifacts(text) {
    if (text === undefined)
        return [];
    const expected = 'a YAML map of service: {artifact-source: NAME, build-number: BUILD}, or service: NAME@BUILD';
    return Object.entries(parseYamlMap('service-artifacts', text, expected)).map(([service, raw]) => {
        if (typeof raw === 'string') {
            const at = raw.lastIndexOf('@');
            if (at > 0 && at < raw.length - 1) {
                return { service, artifactSource: raw.slice(0, at).trim(), buildNumber: raw.slice(at + 1).trim() };
            }
        }
        else if (raw && typeof raw === 'object') {
            const spec = raw;
            if (typeof spec['artifact-source'] === 'string' && typeof spec['build-number'] === 'string') {
                return { service, artifactSource: spec['artifact-source'], buildNumber: spec['build-number'] };
            }
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('service-artifacts', `has a bad entry for service '${service}'; expected ${expected}.`);
    });
}
function readStartExecution() {
    const pipelineOrWorkflow = ['pipeline-id', 'pipeline', 'workflow-id', 'workflow'].filter(name => (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .optional */ .lq)(name) !== undefined);
    if (pipelineOrWorkflow.length !== 1) {
        const given = pipelineOrWorkflow.length === 0 ? 'none is set' : `${pipelineOrWorkflow.map(n => `'${n}'`).join(' and ')} are set`;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('pipeline', `or 'pipeline-id', 'workflow', 'workflow-id': exactly one is required, the pipeline or workflow to start; ${given}.`);
    }
    const [target] = pipelineOrWorkflow;
    const value = (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .optional */ .lq)(target);
    return {
        operation: 'harness-start-execution',
        harness: readHarnessConnection(),
        application: readEntity('application-id', 'application', 'the Harness application, by id or by name'),
        target: {
            type: target.startsWith('pipeline') ? 'PIPELINE' : 'WORKFLOW',
            ref: target.endsWith('-id') ? { by: 'id', id: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .checkIdentifier */ .Ki)(target, value) } : { by: 'name', name: value }
        },
        variables: parseVariables((0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .optional */ .lq)('variables')),
        serviceArtifacts: parseServiceArtifacts((0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .optional */ .lq)('service-artifacts')),
        notes: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .optional */ .lq)('notes') ?? defaultNotes(),
        wait: readWait(_harness_statuses_js__WEBPACK_IMPORTED_MODULE_4__/* .FIRSTGEN_FINAL_STATUSES */ .Zy, _harness_statuses_js__WEBPACK_IMPORTED_MODULE_4__/* .FIRSTGEN_DEFAULT_PASSING */ .jo),
        abort: readAbort(true),
        github: readGitHubDeployment()
    };
}
function readExecutionStatus() {
    return {
        operation: 'harness-execution-status',
        harness: readHarnessConnection(),
        executionId: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .identifier */ .Cv)('execution-id', 'the FirstGen execution id to report on'),
        wait: readWait(_harness_statuses_js__WEBPACK_IMPORTED_MODULE_4__/* .FIRSTGEN_FINAL_STATUSES */ .Zy, _harness_statuses_js__WEBPACK_IMPORTED_MODULE_4__/* .FIRSTGEN_DEFAULT_PASSING */ .jo),
        abort: readAbort(false),
        github: readGitHubDeployment()
    };
}
function readArtifactCleanup() {
    return {
        operation: 'harness-artifact-cleanup',
        harness: readHarnessConnection(),
        artifactStreamId: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .identifier */ .Cv)('artifact-stream-id', 'the id of the artifact stream to clean up')
    };
}
function readScope() {
    return {
        org: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .identifier */ .Cv)('harness-org', 'the NextGen organization identifier'),
        project: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .identifier */ .Cv)('harness-project', 'the NextGen project identifier')
    };
}
/** Runtime input YAML given inline, or as the path of a YAML file in the workspace. */
function readRuntimeInputs() {
    const value = (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .verbatim */ .Bj)('runtime-inputs');
    if (value === undefined)
        return '';
    let text = value;
    const fileName = value.trim();
    if (!fileName.includes('\n') && /\.ya?ml$/i.test(fileName)) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), fileName);
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('runtime-inputs', `names the file '${fileName}', which does not exist in the workspace (${file}). Check the path, and that an actions/checkout step runs before this one.`);
        }
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8');
    }
    const problem = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .parseAllDocuments */ .hR)(text).flatMap(doc => ('errors' in doc ? doc.errors : []))[0];
    if (problem)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('runtime-inputs', `is not valid YAML: ${(0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .yamlProblem */ .Td)(problem, text)}.`);
    return text;
}
function readNgRunPipeline() {
    const runtimeInputs = readRuntimeInputs();
    const inputSets = (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .list */ .p_)('input-sets').map(inputSet => (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .checkIdentifier */ .Ki)('input-sets', inputSet));
    if (runtimeInputs !== '' && inputSets.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('runtime-inputs', "and 'input-sets' are both set; give runtime input YAML or input set identifiers, not both.");
    }
    return {
        operation: 'harness-ng-run-pipeline',
        harness: readHarnessConnection(),
        scope: readScope(),
        pipeline: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .identifier */ .Cv)('pipeline', 'the NextGen pipeline identifier'),
        runtimeInputs,
        inputSets,
        notes: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .optional */ .lq)('notes') ?? defaultNotes(),
        branch: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .optional */ .lq)('branch'),
        abort: readAbort(true),
        wait: readWait(_harness_statuses_js__WEBPACK_IMPORTED_MODULE_4__/* .NEXTGEN_FINAL_STATUSES */ .cR, _harness_statuses_js__WEBPACK_IMPORTED_MODULE_4__/* .NEXTGEN_DEFAULT_PASSING */ .KM),
        github: readGitHubDeployment()
    };
}
function readNgExecutionStatus() {
    return {
        operation: 'harness-ng-execution-status',
        harness: readHarnessConnection(),
        scope: readScope(),
        executionId: (0,_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .identifier */ .Cv)('execution-id', 'the NextGen plan execution id to report on'),
        abort: readAbort(false),
        wait: readWait(_harness_statuses_js__WEBPACK_IMPORTED_MODULE_4__/* .NEXTGEN_FINAL_STATUSES */ .cR, _harness_statuses_js__WEBPACK_IMPORTED_MODULE_4__/* .NEXTGEN_DEFAULT_PASSING */ .KM),
        github: readGitHubDeployment()
    };
}


/***/ })

};
