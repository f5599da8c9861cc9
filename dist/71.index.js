export const id = 71;
export const ids = [71];
export const modules = {

/***/ 3071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HARNESS_OPERATIONS: () => (/* binding */ HARNESS_OPERATIONS)
});

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http/body.ts
var http_body = __webpack_require__(9662);
// EXTERNAL MODULE: ./src/http/client.ts + 2 modules
var client = __webpack_require__(7604);
// EXTERNAL MODULE: ./src/http/url.ts
var url = __webpack_require__(6697);
// EXTERNAL MODULE: ./src/http/failure.ts
var failure = __webpack_require__(2398);
// EXTERNAL MODULE: ./src/http/json.ts
var json = __webpack_require__(2868);
;// CONCATENATED MODULE: ./src/harness/errors.ts


/** Harness, as advice about a wrong answer names it. */
const HARNESS = {
    name: 'Harness',
    inputs: "'harness-url' (the Harness address, such as https://app.harness.io, or your vanity URL) and 'harness-api-key'"
};
/**
 * Harness's own words from an error body. GraphQL answers carry `errors[].message`; the gateway
 * and NextGen answer with `message` and/or `responseMessages[].message`.
 */
function harnessMessage(body) {
    if (typeof body !== 'object' || body === null)
        return undefined;
    const { errors, message, responseMessages, code } = body;
    const messages = [];
    if (Array.isArray(errors))
        messages.push(...errors.map(error => error?.message).filter(isText));
    if (isText(message))
        messages.push(isText(code) ? `${code}: ${message}` : message);
    if (Array.isArray(responseMessages)) {
        // NextGen repeats its top-level message here; already shown with its code.
        const others = responseMessages
            .map(entry => entry?.message)
            .filter(isText)
            .filter(text => text !== message);
        messages.push(...others);
    }
    const unique = [...new Set(messages)];
    return unique.length > 0 ? unique.join('; ') : undefined;
}
function isText(value) {
    return typeof value === 'string' && value.trim() !== '';
}
/** One line of advice for a Harness refusal, in terms of the generation that was used. */
function harnessHint(status, context) {
    const { harness, scope, permission } = context;
    const account = `account '${harness.accountId}' ('harness-account-id')`;
    switch (status) {
        case 400:
            return 'Check the identifiers and inputs sent; Harness rejected the request as malformed.';
        case 401:
            return `Check that 'harness-api-key' is a current Harness API key (not expired or revoked) of ${account}, and that the secret holds the whole key.`;
        case 403:
            return scope
                ? `The API key's user or service account needs the ${permission} permission in project '${scope.project}' of organization '${scope.org}'; grant it with a role binding in Harness, or check that the key belongs to ${account}.`
                : `The API key's user group needs the ${permission} permission on the application; grant it in Harness (Access Management, user group permissions).`;
        case 404:
            return scope
                ? `Check the identifiers: 'harness-org' '${scope.org}', 'harness-project' '${scope.project}', the pipeline or execution id, and that the key can see that project of ${account}.`
                : `Check 'harness-url' (${harness.url.href.replace(/\/$/, '')}): Harness FirstGen's GraphQL API is at <harness-url>/gateway/api/graphql, and ${account} must be a FirstGen account.`;
        case 429:
            return "Harness's rate limiter refused the request; spread runs out or raise 'poll-interval'.";
        default:
            return status >= 500 ? 'Harness had a server error; try again later.' : undefined;
    }
}
/** An authentication or permission failure is titled so, whatever was asked. */
function harnessAccessTitle(status) {
    return (0,failure/* accessTitle */.FZ)(status, 'Harness', 'API key');
}
/** The title of a failure Harness answered with. */
function harnessFailureTitle(what, status) {
    return harnessAccessTitle(status) ?? `Could not ${what}`;
}
/** Harness's hooks for the one response-to-failure helper. */
function harnessFailureHooks(context) {
    return {
        who: 'Harness',
        message: text => harnessMessage((0,json/* parseJsonObject */.d)(text)) ?? text,
        hint: status => harnessHint(status, context),
        title: status => harnessAccessTitle(status)
    };
}
/** Turns an unsuccessful Harness answer into one failure line: what failed, the HTTP status, Harness's message. */
function harnessHttpError(what, response, context) {
    return (0,failure/* responseFailure */.ue)(what, response, harnessFailureHooks(context));
}

;// CONCATENATED MODULE: ./src/harness/graphql.ts







/** The FirstGen GraphQL endpoint; any path of a vanity or self-managed `harness-url` is kept. */
function graphqlUrl(harness) {
    return (0,url/* apiUrl */.y0)(harness.url, '/gateway/api/graphql', { accountId: harness.accountId });
}
/**
 * Sends one operation to Harness FirstGen and returns its `data`. Harness's own message ends up in
 * the error for every way it says no: an HTTP error status (401 bad key, 400 feature not enabled,
 * 429 rate limit, 5xx), a REST-style `responseMessages` body, or HTTP 200 with `errors`.
 */
async function graphql(harness, request) {
    const response = await post(harness, request);
    if (!(0,failure/* isSuccess */.oJ)(response.status))
        throw await httpFailure(harness, request, response);
    return dataOf(harness, request, await readJson(request, response));
}
function post(harness, request) {
    return (0,client/* send */.tN)({
        method: 'POST',
        url: graphqlUrl(harness),
        what: request.what,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: { 'x-api-key': harness.apiKey },
        body: JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName }),
        retry: request.retry,
        signal: request.signal
    });
}
/** Whether Harness may have acted on a request it answered with this status. */
function mayHaveRun(status) {
    return status === 408 || status >= 500;
}
async function httpFailure(harness, request, response) {
    const error = await harnessHttpError(request.what, response, { harness, permission: request.permission });
    if (request.retry === 'idempotent' || !mayHaveRun(response.status))
        return error;
    return notRetried(request, error.message, error);
}
/** The failure of a `once` request that Harness may have carried out: it must be checked, not re-sent. */
function notRetried(request, message, cause) {
    return new src_errors/* ActionError */.lZ(`${message.replace(/\.$/, '')}. The request was not sent again: Harness may have carried it out anyway.`, {
        title: `Could not ${request.what}`,
        hint: 'Check in Harness whether it happened before re-running this job, or it may happen twice.',
        cause
    });
}
async function readJson(request, response) {
    try {
        return await (0,http_body/* readJsonAnswer */.f$)(request.what, response, HARNESS);
    }
    catch (error) {
        if (request.retry === 'once' && error instanceof src_errors/* ActionError */.lZ)
            throw notRetried(request, error.message, error);
        throw error;
    }
}
/**
 * An error on a nested field (path longer than one) leaves the rest of the answer good: it is
 * reported as a warning, so that for example an execution that did start is still followed.
 * An error on the operation's own field, or one without a path (invalid query), fails.
 */
function dataOf(harness, request, body) {
    const errors = Array.isArray(body.errors) ? body.errors : [];
    const fatal = errors.filter(error => !Array.isArray(error.path) || error.path.length <= 1);
    if (!body.data || fatal.length > 0) {
        const message = harnessMessage({ errors: fatal.length > 0 ? fatal : errors }) ?? harnessMessage(body) ?? 'Harness answered without data';
        const refusal = refusalStatus(message);
        throw new src_errors/* ActionError */.lZ(`Could not ${request.what}: ${message}`, {
            title: harnessFailureTitle(request.what, refusal ?? 200),
            hint: refusal ? harnessHint(refusal, { harness, permission: request.permission }) : errorHint(message)
        });
    }
    if (errors.length > 0)
        log/* warning */.$e(`Harness reported a problem with part of its answer (${request.what}): ${harnessMessage({ errors })}`);
    return body.data;
}
function errorHint(message) {
    return /access is denied/i.test(message) ? 'Check the id, and that the API key can see the application it belongs to.' : undefined;
}
/** FirstGen also says "no" with HTTP 200 and an error message; read as the status it stands for. */
function refusalStatus(message) {
    if (/invalid api key|api key.*(expired|revoked|disabled)/i.test(message))
        return 401;
    if (/not authori[sz]ed|missing permission/i.test(message))
        return 403;
    return undefined;
}

;// CONCATENATED MODULE: ./src/harness/firstgen.ts







// One selection for every read of an execution, so a start and a poll report the same facts.
const EXECUTION_FIELDS = `
fragment ExecutionFields on Execution {
  __typename
  id
  status
  failureDetails
  startedAt
  endedAt
  application { id name }
  ... on PipelineExecution {
    pipeline { id name }
    pipelineStageExecutions {
      __typename
      pipelineStageName
      pipelineStepName
      ... on WorkflowStageExecution { status }
      ... on ApprovalStageExecution { status }
    }
  }
  ... on WorkflowExecution {
    workflow { id name }
    outcomes { nodes { ... on DeploymentOutcome { environment { id } } } }
  }
}`;
const APPLICATION_BY_NAME = `query ApplicationByName($name: String!) {
  applicationByName(name: $name) { id name }
}`;
const PIPELINE_BY_NAME = `query PipelineByName($name: String!, $applicationId: String!) {
  pipelineByName(pipelineName: $name, applicationId: $applicationId) { id name }
}`;
const WORKFLOW_BY_NAME = `query WorkflowByName($name: String!, $applicationId: String!) {
  workflowByName(workflowName: $name, applicationId: $applicationId) { id name }
}`;
// Only the top-level input type is named: an older live schema misspelled a nested one.
const START_EXECUTION = `mutation StartExecution($input: StartExecutionInput!) {
  startExecution(input: $input) {
    warningMessage
    execution { ...ExecutionFields }
  }
}
${EXECUTION_FIELDS}`;
const EXECUTION = `query Execution($executionId: String!) {
  execution(executionId: $executionId) { ...ExecutionFields }
}
${EXECUTION_FIELDS}`;
const ARTIFACT_CLEANUP = `mutation ArtifactCleanup($input: ArtifactCleanupInput!) {
  artifactCleanup(input: $input) { message }
}`;
/** Resolves a name to its id; Harness answers an unknown name with null. */
async function lookUp(harness, lookup) {
    const data = await graphql(harness, {
        query: lookup.query,
        operationName: lookup.operationName,
        variables: lookup.variables,
        what: `find the Harness ${lookup.kind} '${lookup.name}'`,
        retry: 'idempotent',
        permission: `${lookup.kind === 'application' ? 'Applications' : lookup.kind === 'pipeline' ? 'Pipelines' : 'Workflows'}: Read`
    });
    const found = Object.values(data)[0]; // each lookup document has a single field
    if (!found?.id) {
        throw new src_errors/* ActionError */.lZ(`Harness ${lookup.kind} '${lookup.name}' was not found (input '${lookup.input}')`, {
            title: `Harness ${lookup.kind} not found`,
            hint: `Names must match exactly, case included; check that the API key can see the ${lookup.kind}, or give '${lookup.input}-id'.`
        });
    }
    return { id: found.id, name: found.name ?? lookup.name };
}
function findApplication(harness, name) {
    return lookUp(harness, {
        query: APPLICATION_BY_NAME,
        operationName: 'ApplicationByName',
        variables: { name },
        kind: 'application',
        name,
        input: 'application'
    });
}
function findPipelineOrWorkflow(harness, applicationId, kind, name) {
    const variables = { name, applicationId };
    return kind === 'PIPELINE'
        ? lookUp(harness, { query: PIPELINE_BY_NAME, operationName: 'PipelineByName', variables, kind: 'pipeline', name, input: 'pipeline' })
        : lookUp(harness, { query: WORKFLOW_BY_NAME, operationName: 'WorkflowByName', variables, kind: 'workflow', name, input: 'workflow' });
}
/** The StartExecutionInput; lists are left out when empty rather than sent as []. */
function startInput(start) {
    const input = {
        applicationId: start.applicationId,
        entityId: start.entityId,
        executionType: start.kind,
        notes: start.notes
    };
    if (start.variables.length > 0) {
        input.variableInputs = start.variables.map(variable => ({ name: variable.name, variableValue: { type: variable.type, value: variable.value } }));
    }
    if (start.serviceArtifacts.length > 0) {
        input.serviceInputs = start.serviceArtifacts.map(artifact => ({
            name: artifact.service,
            artifactValueInput: {
                valueType: 'BUILD_NUMBER',
                buildNumber: { artifactSourceName: artifact.artifactSource, buildNumber: artifact.buildNumber }
            }
        }));
    }
    return input;
}
/** Starts the pipeline or workflow; sent once, never again (a second send could deploy twice). */
async function startExecution(harness, start) {
    const what = `start the Harness ${start.label}`;
    const data = await graphql(harness, {
        query: START_EXECUTION,
        operationName: 'StartExecution',
        variables: { input: startInput(start) },
        what,
        retry: 'once',
        permission: start.kind === 'PIPELINE' ? 'Deployments: Execute Pipeline' : 'Deployments: Execute Workflow'
    });
    const payload = data.startExecution;
    if (!payload?.execution?.id) {
        throw new src_errors/* ActionError */.lZ(`Harness accepted the request to ${what} but returned no execution`, {
            title: `Could not ${what}`,
            hint: 'Check in Harness whether it started before re-running this job, or it may deploy twice.'
        });
    }
    return { execution: toExecution(payload.execution, what), warning: payload.warningMessage ?? undefined };
}
async function readExecution(harness, executionId, signal) {
    const what = `read Harness execution ${executionId}`;
    const data = await graphql(harness, {
        query: EXECUTION,
        operationName: 'Execution',
        variables: { executionId },
        what,
        retry: 'idempotent',
        permission: 'Deployments: Read',
        signal
    });
    if (!data.execution) {
        throw new src_errors/* ActionError */.lZ(`Harness execution ${executionId} was not found (input 'execution-id')`, {
            title: 'Harness execution not found',
            hint: "Check 'execution-id' (the execution-id output of harness-start-execution) and that the API key can see its application; a NextGen planExecutionId needs harness-ng-execution-status."
        });
    }
    return toExecution(data.execution, what);
}
/**
 * Runs artifactCleanup and returns Harness's message, which says whether it worked. Retried like a
 * query: cleanup removes from Harness the artifacts that are gone from the repository, so a second
 * run finds nothing more to remove and leaves the same result.
 */
async function cleanUpArtifactStream(harness, artifactStreamId) {
    const data = await graphql(harness, {
        query: ARTIFACT_CLEANUP,
        operationName: 'ArtifactCleanup',
        variables: { input: { artifactStreamId } },
        what: `clean up Harness artifact stream ${artifactStreamId}`,
        retry: 'idempotent',
        // harness-core's ArtifactCleanupDataFetcher checks the SERVICE permission type.
        permission: 'Services: Update'
    });
    return data.artifactCleanup?.message ?? undefined;
}
/**
 * Aborts a running FirstGen pipeline or workflow. FirstGen's GraphQL API has no abort, its REST API
 * has: `PUT <harness-url>/gateway/api/executions/{id}?appId=<application>&routingId=<account>` with
 * `{"executionInterruptType":"ABORT_ALL"}`, as harness-go-sdk's `AbortWorkflowOrPipelineById` sends it
 * (its constant is named ABORT, its value is ABORT_ALL). harness-core's
 * ExecutionResource.triggerWorkflowExecutionInterrupt takes API keys (`@ApiKeyAuthorized`) and checks
 * the application permission 'Abort Workflow' for a workflow, 'Execute Pipeline' for a pipeline.
 * A bare ABORT would need a state execution id. Sent once: an interrupt is not a read.
 */
async function abortExecution(harness, execution) {
    const what = `abort Harness execution ${execution.id}`;
    const response = await (0,client/* send */.tN)({
        method: 'PUT',
        url: (0,url/* apiUrl */.y0)(harness.url, `/gateway/api/executions/${encodeURIComponent(execution.id)}`, {
            appId: execution.applicationId,
            routingId: harness.accountId
        }),
        what,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: { 'x-api-key': harness.apiKey },
        body: JSON.stringify({ executionInterruptType: 'ABORT_ALL' }),
        retry: 'once'
    });
    if (!(0,failure/* isSuccess */.oJ)(response.status)) {
        throw await harnessHttpError(what, response, { harness, permission: "'Abort Workflow' (a workflow) or 'Execute Pipeline' (a pipeline)" });
    }
    // A RestResponse: problems come back in responseMessages, errors at level ERROR.
    const body = (await (0,http_body/* readJsonAnswer */.f$)(what, response, HARNESS));
    const errors = (body?.responseMessages ?? []).filter(message => message?.level === 'ERROR');
    if (errors.length > 0) {
        throw new src_errors/* ActionError */.lZ(`Could not ${what}: ${harnessMessage({ responseMessages: errors }) ?? 'Harness refused it'}`, { title: `Could not ${what}` });
    }
}
/**
 * The execution's page in the FirstGen UI, in the shape Harness uses in its own links. A workflow's
 * link names its environment; before Harness reports one (or for a workflow without one) Harness's
 * own placeholder `empty` is used, which the UI accepts.
 */
function executionUrl(harness, execution) {
    const base = harness.url.href.replace(/\/+$/, '');
    const [account, app, id] = [harness.accountId, execution.application.id, execution.id].map(encodeURIComponent);
    const route = execution.kind === 'PIPELINE'
        ? `pipeline-execution/${id}/workflow-execution/undefined/details`
        : `env/${encodeURIComponent(execution.environmentId ?? 'empty')}/executions/${id}/details`;
    return `${base}/#/account/${account}/app/${app}/${route}`;
}
function time(value) {
    if (value === null || value === undefined)
        return undefined;
    const ms = typeof value === 'number' ? value : Date.parse(value);
    return Number.isFinite(ms) ? ms : undefined;
}
function named(raw) {
    return raw?.id ? { id: raw.id, name: raw.name ?? undefined } : undefined;
}
/** An execution from a GraphQL `Execution`; exported for tests of long stage lists. */
function toExecution(raw, what) {
    const application = named(raw.application);
    if (!raw.id || !raw.status || !application) {
        throw new src_errors/* ActionError */.lZ(`Could not ${what}: Harness's answer lacks the execution's id, status or application`);
    }
    const pipeline = raw.__typename === 'PipelineExecution';
    return {
        id: raw.id,
        kind: pipeline ? 'PIPELINE' : 'WORKFLOW',
        status: raw.status,
        application,
        target: named(pipeline ? raw.pipeline : raw.workflow),
        failureDetails: raw.failureDetails ?? undefined,
        startedAt: time(raw.startedAt),
        endedAt: time(raw.endedAt),
        environmentId: raw.outcomes?.nodes?.find(node => node?.environment?.id)?.environment?.id ?? undefined,
        stages: (raw.pipelineStageExecutions ?? []).flatMap(stage => stage
            ? [
                {
                    name: [stage.pipelineStageName, stage.pipelineStepName].filter(Boolean).join(': ') || 'stage',
                    status: stage.status ?? 'UNKNOWN',
                    approval: stage.__typename === 'ApprovalStageExecution'
                }
            ]
            : [])
    };
}

;// CONCATENATED MODULE: ./src/harness/statuses.ts
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
    'harness-ng-run-pipeline': 'harness-ng-execution-status'
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

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
;// CONCATENATED MODULE: ./src/operations/wait.ts




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
            throw new src_errors/* CancelledError */.cc(`waiting for ${plan.what}`);
        let snapshot;
        try {
            snapshot = await plan.poll(plan.signal);
            failedPolls = 0;
        }
        catch (error) {
            if (plan.signal.aborted)
                throw new src_errors/* CancelledError */.cc(`waiting for ${plan.what}`);
            if (plan.isExpected?.(error)) {
                // Logged once per wait, not once per poll.
                if (!expectedLogged)
                    log/* info */.pq(`${plan.what} is not visible in ${plan.service} yet (${log/* outside */.qY(errorText(error))}); waiting for it to appear.`);
                expectedLogged = true;
            }
            else {
                failedPolls++;
                if (!(error instanceof src_errors/* ActionError */.lZ && error.retryable) || failedPolls >= retry/* FAILED_POLLS_TOLERATED */.GP)
                    throw error;
                log/* warning */.$e(`Poll ${failedPolls} of ${plan.what} failed (${error.message}); still waiting.`);
            }
        }
        if (snapshot) {
            if (snapshot.status !== last?.status) {
                log/* info */.pq(plan.describe ? plan.describe(snapshot) : `${plan.what}: ${snapshot.status}`);
                await plan.onChange?.(snapshot);
            }
            last = snapshot;
            if (plan.isFinal(snapshot.status))
                return { outcome: 'final', last: snapshot };
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
            if (!last)
                throw new src_errors/* ActionError */.lZ(`Timed out waiting for ${plan.what}: no status could be read`, { title: 'Timed out' });
            return { outcome: 'timeout', last };
        }
        try {
            await (0,promises_.setTimeout)(Math.min(plan.intervalMs, remaining), undefined, { signal: plan.signal });
        }
        catch {
            throw new src_errors/* CancelledError */.cc(`waiting for ${plan.what}`);
        }
    }
}
function errorText(error) {
    return error instanceof Error ? error.message : String(error);
}

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
            if (error instanceof src_errors/* CancelledError */.cc)
                await this.abort('cancel');
            throw error;
        }
        const abortNote = waited.outcome === 'timeout' ? await this.abort('timeout') : undefined;
        return { waited, abortNote, failure: this.verdict(waited, abortNote) };
    }
    /** Whether a waited-for status fails the step: a timeout always, a final status unless it passes. */
    verdict(waited, abortNote) {
        return executionFailure(this.kind.name, waited, this.settings, this.kind.failureDetail?.(waited.last), abortNote);
    }
    poll(first) {
        const { kind, settings, context } = this;
        let unpolled = first;
        return waitForFinalStatus({
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

;// CONCATENATED MODULE: ./src/operations/firstgen-execution.ts




/**
 * Hands an execution (just started, or just read) to the GitHub deployment, follows it to a final
 * status when asked, and turns the last status seen into the step's outputs, summary and verdict.
 * With `wait: false`, or an execution that has already ended, nothing more is polled.
 */
async function followExecution(settings, first, context, extras) {
    const url = executionUrl(settings.harness, first);
    log/* info */.pq(`Harness ${first.kind.toLowerCase()} execution ${first.id}: ${url}`);
    const follower = new Follower(followedKind(settings, first), settings, context);
    await follower.announce();
    let followed;
    if (!settings.wait.enabled || isFirstGenFinal(first.status)) {
        log/* info */.pq(describeStatus(settings.harness, first));
        await follower.report(first);
        const waited = { outcome: 'final', last: first };
        followed = { waited, failure: settings.wait.enabled ? follower.verdict(waited) : undefined };
    }
    else {
        // The status already read is the first one reported: logged and told to the deployment like any other.
        followed = await follower.wait(first);
    }
    const { waited, abortNote, failure } = followed;
    const details = abortNote ? [...(extras.details ?? []), ['Abort', abortNote]] : extras.details;
    return report(settings, waited, failure, { ...extras, details });
}
/** The permission harness-core checks for ABORT_ALL (ExecutionResource, DeploymentAuthHandler). */
function abortPermission(execution) {
    return execution.kind === 'PIPELINE'
        ? "the 'Execute Pipeline' application permission for this pipeline"
        : "the 'Abort Workflow' application permission for this workflow";
}
/** A FirstGen execution, as the follower knows it. */
function followedKind(settings, first) {
    const url = executionUrl(settings.harness, first);
    return {
        id: first.id,
        service: 'Harness',
        what: `Harness execution ${first.id}`,
        name: `Harness ${first.kind.toLowerCase()} execution ${first.id}`,
        waitTitle: `execution ${first.id} to end`,
        read: signal => readExecution(settings.harness, first.id, signal),
        isFinal: isFirstGenFinal,
        deploymentState: firstGenDeploymentState,
        describe: execution => describeStatus(settings.harness, execution),
        url: () => url,
        failureDetail: execution => execution.failureDetails,
        abort: {
            what: `Harness execution ${first.id}`,
            interrupt: 'ABORT_ALL',
            permission: abortPermission(first),
            send: () => abortExecution(settings.harness, { id: first.id, applicationId: first.application.id })
        }
    };
}
/** One log line per status; the waiting ones say what (or who) Harness is waiting for. */
function describeStatus(harness, execution) {
    const line = `Status ${execution.status}`;
    switch (execution.status) {
        case 'QUEUED':
            return `${line}: waiting for Harness to start it`;
        case 'PAUSED': {
            const url = executionUrl(harness, execution);
            const stage = execution.stages.find(candidate => candidate.status === 'PAUSED');
            if (stage?.approval)
                return `${line}: waiting for approval at '${stage.name}'; a person must approve or reject it in Harness: ${url}`;
            return `${line}: waiting for a person to act in Harness (an approval or a manual intervention): ${url}`;
        }
        case 'WAITING':
            return `${line}: Harness is holding it (a wait step, or a resource another deployment holds)`;
        default:
            return execution.failureDetails ? `${line}: ${execution.failureDetails}` : line;
    }
}
function report(settings, result, failure, extras) {
    const execution = result.last;
    const url = executionUrl(settings.harness, execution);
    const { application, target } = execution;
    const details = [
        ['Execution id', execution.id],
        ['Application id', application.id],
        ...(execution.failureDetails ? [['Failure', execution.failureDetails]] : []),
        ...(extras.details ?? [])
    ];
    const started = execution.startedAt;
    return {
        outputs: {
            'execution-id': execution.id,
            status: execution.status,
            'status-normalized': normalizedStatus('firstgen', execution.status),
            'execution-url': url,
            'application-id': application.id
        },
        summary: {
            operation: settings.operation,
            target: `${application.name ?? application.id} / ${target?.name ?? target?.id ?? execution.kind.toLowerCase()}`,
            status: result.outcome === 'timeout' ? `${execution.status} (timed out)` : execution.status,
            passed: failure === undefined,
            durationMs: started !== undefined ? (execution.endedAt ?? Date.now()) - started : Date.now() - extras.stepStartedAt,
            links: [{ text: `Execution ${execution.id} in Harness`, href: url }],
            details,
            stages: execution.stages.map(({ name, status }) => ({ name, status }))
        },
        failure
    };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/settings/reader.ts
var reader = __webpack_require__(3890);
;// CONCATENATED MODULE: ./src/settings/harness.ts


// The reading pieces the Harness operations share; each operation's own reader is in its file.
function readHarnessConnection() {
    return {
        apiKey: (0,reader/* requiredSecret */.c7)('harness-api-key', 'a Harness API key (sent as x-api-key)'),
        accountId: (0,reader/* identifier */.Cv)('harness-account-id', 'the Harness account id'),
        // The gateway and its GraphQL endpoint, or a page of the NextGen UI, copied instead of the base URL.
        url: (0,reader/* baseUrl */.pc)('harness-url', 'Harness', /\/(?:gateway(?:\/.*)?|api\/graphql|ng(?:\/.*)?)$/)
    };
}
function readGitHubDeployment() {
    const token = (0,reader/* secret */.rJ)('github-token');
    const environment = (0,reader/* optional */.lq)('github-environment');
    if (environment === undefined)
        return undefined;
    if (token === undefined) {
        throw new src_errors/* InputError */.dz('github-token', "is required when 'github-environment' is set: a token with deployments: write (e.g. ${{ github.token }}).");
    }
    return { token, environment };
}
function readWait(finalStatuses, defaultPassing) {
    const named = (0,reader/* list */.p_)('passing-statuses');
    const passing = named.map(status => {
        const known = finalStatuses.find(final => final.toLowerCase() === status.toLowerCase());
        if (!known) {
            throw new src_errors/* InputError */.dz('passing-statuses', `lists '${status}', which is not a final status; expected some of: ${finalStatuses.join(', ')}.${(0,reader/* didYouMean */.au)(status, finalStatuses)}`);
        }
        return known;
    });
    return {
        enabled: (0,reader/* boolean */.zM)('wait'),
        pollIntervalMs: (0,reader/* duration */.p0)('poll-interval'),
        timeoutMs: (0,reader/* duration */.p0)('timeout'),
        passingStatuses: new Set(passing.length > 0 ? passing : defaultPassing)
    };
}
/**
 * Abort belongs to the step that started the execution: the start operations abort on timeout and
 * on cancel unless told not to; the status operations, which only watch, abort only when asked.
 */
function readAbort(startedHere) {
    // The one pair of inputs whose default depends on the operation: not in INPUT_DEFAULTS.
    return { onTimeout: (0,reader/* boolean */.zM)('abort-on-timeout', startedHere), onCancel: (0,reader/* boolean */.zM)('abort-on-cancel', startedHere) };
}
function readEntity(idInput, nameInput, what) {
    const chosen = (0,reader/* exactlyOne */.BK)(idInput, nameInput, what);
    return chosen.input === idInput ? { by: 'id', id: (0,reader/* checkIdentifier */.Ki)(idInput, chosen.value) } : { by: 'name', name: chosen.value };
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
function readScope() {
    return {
        org: (0,reader/* identifier */.Cv)('harness-org', 'the NextGen organization identifier'),
        project: (0,reader/* identifier */.Cv)('harness-project', 'the NextGen project identifier')
    };
}

// EXTERNAL MODULE: ./src/settings/inputs.ts
var inputs = __webpack_require__(7428);
;// CONCATENATED MODULE: ./src/operations/harness-start-execution.ts









/** Starts a FirstGen pipeline or workflow and, unless `wait: false`, gates the step on its end. */
async function harness_start_execution_startExecution(settings, context) {
    const stepStartedAt = Date.now();
    const { application, entity } = await resolve(settings);
    const kind = settings.target.type.toLowerCase();
    const label = `${kind} '${entity.name ?? entity.id}'`;
    const { execution } = await log/* group */.Os(`Start the ${label}`, async () => {
        const started = await startExecution(settings.harness, {
            applicationId: application.id,
            kind: settings.target.type,
            entityId: entity.id,
            variables: settings.variables,
            serviceArtifacts: settings.serviceArtifacts,
            notes: settings.notes,
            label
        });
        if (started.warning)
            log/* warning */.$e(`Harness started the ${label} with a warning: ${started.warning}`);
        log/* info */.pq(`Started execution ${started.execution.id} (${started.execution.status})`);
        return started;
    });
    return followExecution(settings, execution, context, { stepStartedAt, details: startDetails(settings) });
}
/** The ids to start with; names are looked up, ids are used as given. */
async function resolve(settings) {
    const { harness, application, target } = settings;
    const kind = target.type.toLowerCase();
    if (application.by === 'id' && target.ref.by === 'id')
        return { application: { id: application.id }, entity: { id: target.ref.id } };
    return log/* group */.Os(`Resolve the Harness application and ${kind}`, async () => {
        const app = application.by === 'id' ? { id: application.id } : await findApplication(harness, application.name);
        if (application.by === 'name')
            log/* info */.pq(`Application '${application.name}' is ${app.id}`);
        const entity = target.ref.by === 'id' ? { id: target.ref.id } : await findPipelineOrWorkflow(harness, app.id, target.type, target.ref.name);
        if (target.ref.by === 'name')
            log/* info */.pq(`${kind === 'pipeline' ? 'Pipeline' : 'Workflow'} '${target.ref.name}' is ${entity.id}`);
        return { application: app, entity };
    });
}
/** What was asked of Harness, for the job summary: variable names (not values) and artifacts. */
function startDetails(settings) {
    const details = [];
    if (settings.variables.length > 0)
        details.push(['Variables', settings.variables.map(variable => variable.name).join(', ')]);
    for (const artifact of settings.serviceArtifacts) {
        details.push([`Service ${artifact.service}`, `${artifact.artifactSource} build ${artifact.buildNumber}`]);
    }
    return details;
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
        value = (0,dist/* parse */.qg)(text, { schema: 'failsafe' });
    }
    catch (error) {
        throw new src_errors/* InputError */.dz(input, `is not valid YAML (${(0,reader/* yamlProblem */.Td)(error, text)}); expected ${expected}.`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new src_errors/* InputError */.dz(input, `must be ${expected}.`);
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
            throw new src_errors/* InputError */.dz('variables', `has a bad entry '${name}'; expected ${expected}.`);
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
        throw new src_errors/* InputError */.dz('service-artifacts', `has a bad entry for service '${service}'; expected ${expected}.`);
    });
}
function readStartExecution() {
    const pipelineOrWorkflow = ['pipeline-id', 'pipeline', 'workflow-id', 'workflow'].filter(name => (0,reader/* optional */.lq)(name) !== undefined);
    if (pipelineOrWorkflow.length !== 1) {
        const given = pipelineOrWorkflow.length === 0 ? 'none is set' : `${pipelineOrWorkflow.map(n => `'${n}'`).join(' and ')} are set`;
        throw new src_errors/* InputError */.dz('pipeline', `or 'pipeline-id', 'workflow', 'workflow-id': exactly one is required, the pipeline or workflow to start; ${given}.`);
    }
    const [target] = pipelineOrWorkflow;
    const value = (0,reader/* optional */.lq)(target);
    return {
        operation: 'harness-start-execution',
        harness: readHarnessConnection(),
        application: readEntity('application-id', 'application', 'the Harness application, by id or by name'),
        target: {
            type: target.startsWith('pipeline') ? 'PIPELINE' : 'WORKFLOW',
            ref: target.endsWith('-id') ? { by: 'id', id: (0,reader/* checkIdentifier */.Ki)(target, value) } : { by: 'name', name: value }
        },
        variables: parseVariables((0,reader/* optional */.lq)('variables')),
        serviceArtifacts: parseServiceArtifacts((0,reader/* optional */.lq)('service-artifacts')),
        notes: (0,reader/* optional */.lq)('notes') ?? defaultNotes(),
        wait: readWait(FIRSTGEN_FINAL_STATUSES, FIRSTGEN_DEFAULT_PASSING),
        abort: readAbort(true),
        github: readGitHubDeployment()
    };
}
const operation = {
    name: 'harness-start-execution',
    inputs: [
        ...inputs/* HARNESS_CONNECTION */.UP,
        'application-id',
        'application',
        'pipeline-id',
        'pipeline',
        'workflow-id',
        'workflow',
        'variables',
        'service-artifacts',
        'notes',
        ...inputs/* HARNESS_WAIT */.Rc,
        ...inputs/* HARNESS_ABORT */.QC,
        ...inputs/* GITHUB_DEPLOYMENT */.E7
    ],
    read: readStartExecution,
    run: harness_start_execution_startExecution
};

;// CONCATENATED MODULE: ./src/operations/harness-execution-status.ts







/** Reports a FirstGen execution's status and, unless `wait: false`, gates the step on its end. */
async function executionStatus(settings, context) {
    const stepStartedAt = Date.now();
    const execution = await log/* group */.Os(`Read Harness execution ${settings.executionId}`, async () => {
        const found = await readExecution(settings.harness, settings.executionId);
        const target = found.target?.name ?? found.target?.id ?? 'unknown';
        log/* info */.pq(`${found.kind === 'PIPELINE' ? 'Pipeline' : 'Workflow'} '${target}' of application '${found.application.name ?? found.application.id}'`);
        return found;
    });
    return followExecution(settings, execution, context, { stepStartedAt });
}
function readExecutionStatus() {
    return {
        operation: 'harness-execution-status',
        harness: readHarnessConnection(),
        executionId: (0,reader/* identifier */.Cv)('execution-id', 'the FirstGen execution id to report on'),
        wait: readWait(FIRSTGEN_FINAL_STATUSES, FIRSTGEN_DEFAULT_PASSING),
        abort: readAbort(false),
        github: readGitHubDeployment()
    };
}
const harness_execution_status_operation = {
    name: 'harness-execution-status',
    inputs: [...inputs/* HARNESS_CONNECTION */.UP, 'execution-id', ...inputs/* HARNESS_WAIT */.Rc, ...inputs/* HARNESS_ABORT */.QC, ...inputs/* GITHUB_DEPLOYMENT */.E7],
    read: readExecutionStatus,
    run: executionStatus
};

;// CONCATENATED MODULE: ./src/operations/harness-artifact-cleanup.ts





/** Harness answers every outcome with HTTP 200; only this message means the cleanup happened. */
const SUCCESS = /^Cleanup successful/i;
function hintFor(message) {
    if (/not found/i.test(message))
        return "Check 'artifact-stream-id': the id of an artifact stream in this Harness account.";
    if (/not supported/i.test(message)) {
        return 'Harness cleans up Docker Registry, ECR, GCR, ACR, Artifactory, Nexus 2/3, Amazon AMI, Azure and Custom artifact streams only.';
    }
    return undefined;
}
/** Runs artifactCleanup on a stream; the step fails unless Harness says the cleanup succeeded. */
async function artifactCleanup(settings) {
    const startedAt = Date.now();
    const id = settings.artifactStreamId;
    const answer = await log/* group */.Os(`Clean up Harness artifact stream ${id}`, async () => {
        const message = await cleanUpArtifactStream(settings.harness, id);
        log/* info */.pq(`Harness: ${message ?? '(no message)'}`);
        return message;
    });
    const message = answer ?? 'Harness answered without a message';
    const passed = SUCCESS.test(message);
    return {
        outputs: { message: answer ?? '' },
        summary: {
            operation: settings.operation,
            target: `artifact stream ${id}`,
            status: passed ? 'Cleaned up' : 'Not cleaned up',
            passed,
            durationMs: Date.now() - startedAt,
            details: [['Harness message', message]]
        },
        failure: passed
            ? undefined
            : { title: 'Artifact cleanup failed', message: `Harness did not clean up artifact stream ${id}: ${message}`, hint: hintFor(message) }
    };
}
function readArtifactCleanup() {
    return {
        operation: 'harness-artifact-cleanup',
        harness: readHarnessConnection(),
        artifactStreamId: (0,reader/* identifier */.Cv)('artifact-stream-id', 'the id of the artifact stream to clean up')
    };
}
const harness_artifact_cleanup_operation = {
    name: 'harness-artifact-cleanup',
    inputs: [...inputs/* HARNESS_CONNECTION */.UP, 'artifact-stream-id'],
    read: readArtifactCleanup,
    run: artifactCleanup
};

;// CONCATENATED MODULE: ./src/harness/nextgen.ts






/**
 * The `moduleType` query parameter of the execute endpoints, sent empty on purpose.
 *
 * What it changes server-side (harness-core, pipeline-service): it is copied into the execution's
 * `ExecutionMetadata.moduleType` (ExecutionHelper.buildExecutionMetadata) and read in three places
 * only: the module segment of the execution and pipeline links in notifications and
 * `<+pipeline.executionUrl>` (PipelineExpressionHelper.getModuleName, which falls back to the
 * execution's own modules, else `cd`, when it is empty), the `stageType` of stage start/end events
 * (NodeExecutionEventUtils), and the child run of a pipeline-chaining stage (PipelineStageStep). It
 * does not choose how CI, CD or STO stages run: their plan creators do, from the stage type.
 *
 * Builds before 20 Oct 2022 (PIE-5890, harness-core commits 4ca1a1263b7 and 41681937b7f) declared it
 * `@NotNull` and passed it to a protobuf setter that rejects null, so a request without it fails on
 * older self-managed Harness; harness-go-sdk always sends it. An empty value passes `@NotNull`, and
 * every build treats it as absent (`EmptyPredicate.isEmpty(moduleType) ? "" : moduleType`), so the
 * links keep the module Harness derives from the pipeline itself. Sending `cd` instead would label
 * the links and stage events of a CI or STO pipeline as CD.
 */
const MODULE_TYPE_UNSPECIFIED = '';
/**
 * Harness cannot find the execution (yet). Right after a start, harness-core builds since 7 Apr 2022
 * (PIE-3081, commit b4cc42f9612) answer 404 (`EntityNotFoundException`); older builds answer HTTP 400
 * `INVALID_REQUEST` with "Plan Execution Summary does not exist…" (`InvalidRequestException` in
 * PMSExecutionServiceImpl). The follower rides this out for a while after a start; anywhere else it is
 * a plain failure.
 */
class ExecutionNotFoundError extends src_errors/* ActionError */.lZ {
}
const NOT_FOUND_MESSAGE = /Plan Execution( Summary)? does not exist/i;
/**
 * The NextGen pipeline REST API under `<harness-url>/gateway`, for one organization and project.
 * Every call carries the key as `x-api-key` and the scope as query parameters.
 */
class NextGenClient {
    harness;
    scope;
    constructor(harness, scope) {
        this.harness = harness;
        this.scope = scope;
    }
    /** Starts a pipeline; sent once, because a second request would deploy twice. */
    async run(request) {
        const pipeline = segment(request.pipeline);
        const query = { moduleType: MODULE_TYPE_UNSPECIFIED, branch: request.branch, notesForPipelineExecution: request.notes };
        const byInputSets = request.inputSets.length > 0;
        const response = await this.send({
            method: 'POST',
            url: this.url(`/pipeline/api/pipeline/execute/${pipeline}${byInputSets ? '/inputSetList' : ''}`, query),
            what: `start NextGen pipeline '${request.pipeline}'`,
            headers: { 'content-type': byInputSets ? 'application/json' : 'application/yaml' },
            body: byInputSets ? JSON.stringify({ inputSetReferences: request.inputSets, withMergedPipelineYaml: true }) : request.runtimeInputs,
            retry: 'once'
        });
        const data = (await readData(response, `start NextGen pipeline '${request.pipeline}'`, this.errorContext('Pipelines: Execute')));
        const id = data?.planExecution?.uuid;
        if (typeof id !== 'string' || id === '') {
            throw new src_errors/* ActionError */.lZ(`Harness accepted the run of pipeline '${request.pipeline}' but answered without a planExecution id`, {
                title: 'Unexpected answer from Harness',
                hint: 'Look for the execution in Harness before re-running: it may have started.'
            });
        }
        const status = data?.planExecution?.status;
        return { id, status: typeof status === 'string' ? executionStatusSpelling(status) : 'Running' };
    }
    /** Reads an execution; "not found" in any of the ways Harness says it becomes an ExecutionNotFoundError. */
    async execution(id, signal) {
        const what = `read NextGen execution ${id}`;
        const response = await this.send({
            method: 'GET',
            url: this.url(`/pipeline/api/pipelines/execution/v2/${segment(id)}`),
            what,
            retry: 'idempotent',
            signal
        });
        let data;
        try {
            data = (await readData(response, what, this.errorContext('Pipelines: View')));
        }
        catch (error) {
            if (error instanceof src_errors/* ActionError */.lZ && (response.status === 404 || NOT_FOUND_MESSAGE.test(error.message))) {
                throw new ExecutionNotFoundError(error.message, { title: error.title, hint: error.hint, cause: error });
            }
            throw error;
        }
        return parseExecution(id, data?.pipelineExecutionSummary, what);
    }
    /** Sends AbortAll; sent once, as an interrupt is not a read. */
    async abort(id) {
        const what = `abort NextGen execution ${id}`;
        const response = await this.send({
            method: 'PUT',
            url: this.url(`/pipeline/api/pipeline/execute/interrupt/${segment(id)}`, { interruptType: 'AbortAll' }),
            what,
            retry: 'once'
        });
        await readData(response, what, this.errorContext('Pipelines: Execute'));
    }
    /** The execution's page in the NextGen UI. */
    executionUrl(pipeline, id) {
        const { accountId } = this.harness;
        const { org, project } = this.scope;
        const path = `/ng/account/${segment(accountId)}/all/orgs/${segment(org)}/projects/${segment(project)}/pipelines/${segment(pipeline)}/executions/${segment(id)}/pipeline`;
        return (0,url/* apiUrl */.y0)(this.harness.url, path).href;
    }
    /** NextGen checks core_pipeline_execute to run or interrupt, core_pipeline_view to read (harness-core PipelineRbacPermissions). */
    errorContext(permission) {
        return { harness: this.harness, scope: this.scope, permission };
    }
    url(path, query = {}) {
        return (0,url/* apiUrl */.y0)(this.harness.url, `/gateway${path}`, {
            accountIdentifier: this.harness.accountId,
            orgIdentifier: this.scope.org,
            projectIdentifier: this.scope.project,
            ...query
        });
    }
    send(request) {
        return (0,client/* send */.tN)({ ...request, headers: { accept: 'application/json', ...request.headers }, credentials: { 'x-api-key': this.harness.apiKey } });
    }
}
function segment(value) {
    return encodeURIComponent(value);
}
/** The `data` of a success envelope; anything else becomes one line with Harness's code and message. */
async function readData(response, what, context) {
    if (!(0,failure/* isSuccess */.oJ)(response.status))
        throw await harnessHttpError(what, response, context);
    const envelope = (await (0,http_body/* readJsonAnswer */.f$)(what, response, HARNESS));
    if (envelope.status === 'ERROR' || envelope.status === 'FAILURE') {
        throw new src_errors/* ActionError */.lZ(`Could not ${what}: ${harnessMessage(envelope) ?? `Harness answered ${envelope.status}`}`, { title: `Could not ${what}` });
    }
    return envelope.data;
}
/**
 * Engine statuses (`io.harness.pms.contracts.execution.Status`) whose display name (harness-core
 * `ExecutionStatus`) is not the engine name in CamelCase.
 */
const DISPLAY_NAMES = { SUCCEEDED: 'Success', FREEZE_FAILED: 'AbortedByFreeze' };
/**
 * The execute answer spells statuses as the engine does (RUNNING, ASYNC_WAITING, FREEZE_FAILED);
 * polls use the display names (Running, AsyncWaiting, AbortedByFreeze).
 */
function executionStatusSpelling(status) {
    if (Object.hasOwn(DISPLAY_NAMES, status))
        return DISPLAY_NAMES[status];
    if (!/^[A-Z_]+$/.test(status))
        return status;
    return status
        .toLowerCase()
        .split('_')
        .map(word => word.charAt(0).toUpperCase() + word.slice(1))
        .join('');
}
function nextgen_text(value) {
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
/** An execution from the `pipelineExecutionSummary` of a v2 read; exported for tests of large graphs. */
function parseExecution(id, summary, what) {
    const fields = (summary ?? {});
    const status = nextgen_text(fields.status);
    if (!status) {
        throw new src_errors/* ActionError */.lZ(`Could not ${what}: Harness's answer has no pipelineExecutionSummary.status`, { title: 'Unexpected answer from Harness' });
    }
    return {
        id,
        status,
        pipeline: nextgen_text(fields.pipelineIdentifier) ?? '',
        errorMessage: nextgen_text(fields.executionErrorInfo?.message),
        stages: stagesInOrder(fields.layoutNodeMap, fields.startingNodeId),
        startTs: typeof fields.startTs === 'number' ? fields.startTs : undefined,
        endTs: typeof fields.endTs === 'number' ? fields.endTs : undefined
    };
}
/**
 * The stages of `layoutNodeMap` in the order they run: from the starting node, into the children of
 * each node (`currentNodeChildren`: the stages of a parallel group, the stage a strategy wraps), then
 * along `nextIds`. Nodes the walk does not reach follow in map order.
 *
 * The walk keeps its own stack and a set of nodes seen, so that it takes time and memory in
 * proportion to the graph: a chain 100,000 stages deep neither recurses nor rescans.
 */
function stagesInOrder(layoutNodeMap, startingNodeId) {
    if (typeof layoutNodeMap !== 'object' || layoutNodeMap === null)
        return [];
    const nodes = layoutNodeMap;
    const seen = new Set();
    const stages = [];
    const walkFrom = (start) => {
        const pending = [start];
        while (pending.length > 0) {
            const uuid = pending.pop();
            if (typeof uuid !== 'string' || seen.has(uuid) || !Object.hasOwn(nodes, uuid))
                continue;
            seen.add(uuid);
            const node = nodes[uuid] ?? {};
            if (isStage(node))
                stages.push(stageOf(uuid, node));
            const edges = node.edgeLayoutList ?? {};
            // Pushed in reverse, so that children come off the stack first and in their order, then the next nodes.
            pushReversed(pending, asArray(edges.nextIds));
            pushReversed(pending, asArray(edges.currentNodeChildren));
        }
    };
    walkFrom(startingNodeId);
    for (const uuid of Object.keys(nodes))
        walkFrom(uuid);
    return stages;
}
/**
 * A stage that runs: `nodeGroup: STAGE` and not a parallel group. harness-core's ParallelPlanCreator
 * gives a parallel group `nodeType: parallel` and `nodeGroup: STAGE` too (with no name); a matrix,
 * loop or parallelism wrapper (StrategyUtils.modifyStageLayoutNodeGraph) has `nodeGroup: STRATEGY`
 * and the stage's own name, and its child is the stage itself. A node without `nodeGroup` counts as
 * a stage unless it is a parallel group.
 */
function isStage(node) {
    if (typeof node.nodeType === 'string' && node.nodeType.toLowerCase() === 'parallel')
        return false;
    return typeof node.nodeGroup !== 'string' || node.nodeGroup.toUpperCase() === 'STAGE';
}
function stageOf(uuid, node) {
    const identifier = nextgen_text(node.nodeIdentifier) ?? uuid;
    return { identifier, name: nextgen_text(node.name) ?? identifier, status: nextgen_text(node.status) ?? 'NotStarted', failureMessage: nextgen_text(node.failureInfo?.message) };
}
function pushReversed(stack, items) {
    for (let index = items.length - 1; index >= 0; index--)
        stack.push(items[index]);
}
function asArray(value) {
    return Array.isArray(value) ? value : [];
}

;// CONCATENATED MODULE: ./src/operations/stage-lines.ts

// An execution can have thousands of stages (a matrix fans out); a log line or a failure message
// names a few and says how many more there are, and cuts each name or message Harness sent, so that
// their size stays bounded. The job summary has its own bounds (its stage table, its cells).
/** Stage names in one line: at most `max`, then how many more. */
function namesList(names, separator = ', ', max = 5) {
    const shown = names.slice(0, max).map(name => log/* outside */.qY(name));
    return names.length <= max ? shown.join(separator) : `${shown.join(separator)} and ${names.length - max} more`;
}
/** One log line per stage, at most `max`, then one line that says how many were left out. */
function logStageList(title, lines, max = 50) {
    if (lines.length === 0)
        return;
    log/* info */.pq(title);
    for (const line of lines.slice(0, max))
        log/* info */.pq(`  ${log/* outside */.qY(line)}`);
    if (lines.length > max)
        log/* info */.pq(`  … and ${lines.length - max} more stages (the job summary lists the first ones too)`);
}

;// CONCATENATED MODULE: ./src/operations/nextgen-execution.ts





const FAILING_STATUSES = new Set(NEXTGEN_FINAL_STATUSES.filter(status => !NEXTGEN_DEFAULT_PASSING.includes(status)));
/**
 * How long after a start "execution not found" is waited out. Harness writes the execution summary a
 * moment after it answers the start; a minute covers a busy cluster, and bounds a real problem.
 */
const NOT_VISIBLE_GRACE_MS = 60_000;
/** The permission Harness checks for an interrupt (PlanExecutionResourceImpl.handleInterrupt). */
const ABORT_PERMISSION = "the 'Pipelines: Execute' permission (core_pipeline_execute) on the pipeline";
/** Statuses in which the execution stands still until a person acts in Harness. */
const PERSON_MUST_ACT = {
    ApprovalWaiting: 'is waiting for an approval: a person must approve or reject it',
    InterventionWaiting: 'is waiting for a manual intervention after a failure: a person must choose how it goes on',
    InputWaiting: 'is waiting for runtime input: a person must provide it'
};
/**
 * One NextGen execution followed for an operation: its adapter for the follower (which mirrors its
 * progress, waits for it when asked, and aborts it on timeout or cancel when its abort policy
 * allows), and its report.
 */
class NgExecutionFollower {
    plan;
    pipeline;
    follower;
    constructor(plan) {
        this.plan = plan;
        this.pipeline = plan.pipeline;
        this.follower = new Follower(this.followedKind(), plan.settings, plan.context);
    }
    get url() {
        return this.pipeline ? this.plan.client.executionUrl(this.pipeline, this.plan.id) : undefined;
    }
    /** Tells the progress listener (a GitHub deployment) about the execution and each new status. */
    report(snapshot) {
        // The follower reads only the status and the pipeline of what it reports.
        return this.follower.report(snapshot);
    }
    /** Reads the execution once, for `wait: false`. */
    async read() {
        const snapshot = await log/* group */.Os(`Read NextGen execution ${this.plan.id}`, async () => {
            const execution = await this.plan.client.execution(this.plan.id);
            log/* info */.pq(`Status: ${nextgen_execution_describeStatus(execution)}`);
            return execution;
        });
        await this.follower.reportOnce(snapshot);
        return this.result(snapshot);
    }
    /** Waits for a final status; on timeout or cancel aborts once, when the abort policy allows. */
    async wait() {
        const { waited, abortNote, failure } = await this.follower.wait();
        logStageList(`Stages of execution ${waited.last.id}:`, waited.last.stages.map(stageLine));
        return this.resultOf(waited.last, waited, failure, abortNote);
    }
    /** Outputs and summary of an execution read without waiting: no verdict. */
    result(snapshot) {
        return this.resultOf(snapshot);
    }
    followedKind() {
        const { client, id, justStarted, startedAtMs } = this.plan;
        let seen = false;
        return {
            id,
            what: `NextGen execution ${id}`,
            service: 'Harness',
            name: `Harness NextGen execution ${id}`,
            waitTitle: `NextGen execution ${id}`,
            read: async (signal) => {
                const snapshot = await client.execution(id, signal);
                seen = true;
                return snapshot;
            },
            // Only this step's own new execution may be missing, and only for a while after its start.
            isExpected: error => error instanceof ExecutionNotFoundError && justStarted && !seen && Date.now() - startedAtMs < NOT_VISIBLE_GRACE_MS,
            isFinal: isNextGenFinal,
            deploymentState: nextGenDeploymentState,
            describe: nextgen_execution_describeStatus,
            url: () => this.url,
            learn: snapshot => {
                this.pipeline ||= snapshot.pipeline || undefined;
            },
            notice: snapshot => this.noteIfPersonMustAct(snapshot),
            failureDetail,
            abort: { what: `Harness execution ${id}`, interrupt: 'AbortAll', permission: ABORT_PERMISSION, send: () => client.abort(id) }
        };
    }
    /** A waiting approval or intervention stalls the run until someone acts: an annotation makes it visible. */
    noteIfPersonMustAct(snapshot) {
        const action = PERSON_MUST_ACT[snapshot.status];
        if (!action)
            return;
        const stages = notableStageNames(snapshot);
        const where = stages ? ` in stage ${stages}` : '';
        log/* notice */.lm(`Harness execution ${this.plan.id}${where} ${action} in Harness${this.url ? `: ${this.url}` : '.'}`, {
            title: 'Action needed in Harness'
        });
    }
    /** Outputs, summary and, when the execution does not pass, the failure. */
    resultOf(snapshot, waited, failure, abortNote) {
        const { id, settings, startedAtMs } = this.plan;
        const url = this.url;
        const pipeline = this.pipeline ?? snapshot.pipeline;
        const details = [['Execution id', id]];
        if (snapshot.errorMessage)
            details.push(['Error', snapshot.errorMessage]);
        if (abortNote)
            details.push(['Abort', abortNote]);
        return {
            outputs: { 'execution-id': id, status: snapshot.status, 'status-normalized': normalizedStatus('nextgen', snapshot.status), 'execution-url': url },
            summary: {
                operation: settings.operation,
                target: `${settings.scope.org}/${settings.scope.project} / ${pipeline || 'pipeline'}`,
                status: waited?.outcome === 'timeout' ? `${snapshot.status} (timed out)` : snapshot.status,
                passed: failure === undefined,
                durationMs: executionDurationMs(snapshot, startedAtMs),
                links: url ? [{ text: 'Execution in Harness', href: url }] : [],
                details,
                stages: snapshot.stages.map(stage => ({ name: stage.name, status: stage.status }))
            },
            failure
        };
    }
}
/** The stages a status line points at, by name: those under way, or at the end those that failed. */
function notableStageNames(snapshot) {
    const final = isNextGenFinal(snapshot.status);
    const notable = snapshot.stages.filter(stage => (final ? FAILING_STATUSES.has(stage.status) : stage.status !== 'NotStarted' && !isNextGenFinal(stage.status)));
    return namesList(notable.map(stage => `'${stage.name}'`));
}
function nextgen_execution_describeStatus(snapshot) {
    const stages = notableStageNames(snapshot);
    return stages ? `${snapshot.status} (stage ${stages})` : snapshot.status;
}
function stageLine(stage) {
    return `${stage.name}: ${stage.status}${stage.failureMessage ? ` (${stage.failureMessage})` : ''}`;
}
/** The stages that failed, with Harness's reasons, for the failure line. */
function failureDetail(snapshot) {
    const failed = snapshot.stages.filter(stage => FAILING_STATUSES.has(stage.status));
    const parts = failed.map(stage => `stage '${stage.name}' (${stage.status})${stage.failureMessage ? `: ${stage.failureMessage}` : ''}`);
    const shown = namesList(parts, '; ');
    const withError = snapshot.errorMessage && !failed.some(stage => stage.failureMessage === snapshot.errorMessage)
        ? [shown, snapshot.errorMessage].filter(Boolean).join('; ')
        : shown;
    return withError || undefined;
}
/** How long the execution ran by Harness's clock, else how long this step looked at it. */
function executionDurationMs(snapshot, startedAtMs) {
    if (snapshot.startTs === undefined)
        return Date.now() - startedAtMs;
    return Math.max((snapshot.endTs ?? Date.now()) - snapshot.startTs, 0);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/operations/harness-ng-run-pipeline.ts











async function ngRunPipeline(settings, context) {
    const startedAtMs = Date.now();
    const { pipeline, scope } = settings;
    const client = new NextGenClient(settings.harness, scope);
    const started = await log/* group */.Os(`Start NextGen pipeline ${pipeline}`, async () => {
        log/* info */.pq(`Running pipeline '${pipeline}' of ${scope.org}/${scope.project} ${inputsDescription(settings)}${settings.branch ? ` from branch '${settings.branch}'` : ''}.`);
        const execution = await client.run(settings);
        log/* info */.pq(`Started execution ${execution.id} (${execution.status}): ${client.executionUrl(pipeline, execution.id)}`);
        return execution;
    });
    const follower = new NgExecutionFollower({ client, id: started.id, pipeline, justStarted: true, settings, context, startedAtMs });
    await follower.report({ status: started.status, pipeline });
    if (!settings.wait.enabled)
        return follower.result({ id: started.id, status: started.status, pipeline, stages: [] });
    return follower.wait();
}
/** Says what the run is given without showing it: runtime inputs may hold values people should not read in a log. */
function inputsDescription(settings) {
    if (settings.inputSets.length > 0)
        return `with input sets ${settings.inputSets.join(', ')}`;
    if (settings.runtimeInputs === '')
        return 'without runtime inputs';
    const lines = settings.runtimeInputs.split('\n').filter(line => line.trim() !== '').length;
    return `with runtime input YAML (${lines} line${lines === 1 ? '' : 's'})`;
}
/** Runtime input YAML given inline, or as the path of a YAML file in the workspace. */
function readRuntimeInputs() {
    const value = (0,reader/* verbatim */.Bj)('runtime-inputs');
    if (value === undefined)
        return '';
    let text = value;
    const fileName = value.trim();
    if (!fileName.includes('\n') && /\.ya?ml$/i.test(fileName)) {
        const file = external_node_path_default().resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), fileName);
        if (!(0,external_node_fs_.existsSync)(file)) {
            throw new src_errors/* InputError */.dz('runtime-inputs', `names the file '${fileName}', which does not exist in the workspace (${file}). Check the path, and that an actions/checkout step runs before this one.`);
        }
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    const problem = (0,dist/* parseAllDocuments */.hR)(text).flatMap(doc => ('errors' in doc ? doc.errors : []))[0];
    if (problem)
        throw new src_errors/* InputError */.dz('runtime-inputs', `is not valid YAML: ${(0,reader/* yamlProblem */.Td)(problem, text)}.`);
    return text;
}
function readNgRunPipeline() {
    const runtimeInputs = readRuntimeInputs();
    const inputSets = (0,reader/* list */.p_)('input-sets').map(inputSet => (0,reader/* checkIdentifier */.Ki)('input-sets', inputSet));
    if (runtimeInputs !== '' && inputSets.length > 0) {
        throw new src_errors/* InputError */.dz('runtime-inputs', "and 'input-sets' are both set; give runtime input YAML or input set identifiers, not both.");
    }
    return {
        operation: 'harness-ng-run-pipeline',
        harness: readHarnessConnection(),
        scope: readScope(),
        pipeline: (0,reader/* identifier */.Cv)('pipeline', 'the NextGen pipeline identifier'),
        runtimeInputs,
        inputSets,
        notes: (0,reader/* optional */.lq)('notes') ?? defaultNotes(),
        branch: (0,reader/* optional */.lq)('branch'),
        abort: readAbort(true),
        wait: readWait(NEXTGEN_FINAL_STATUSES, NEXTGEN_DEFAULT_PASSING),
        github: readGitHubDeployment()
    };
}
const harness_ng_run_pipeline_operation = {
    name: 'harness-ng-run-pipeline',
    inputs: [
        ...inputs/* HARNESS_CONNECTION */.UP,
        ...inputs/* NEXTGEN_SCOPE */.Xv,
        'pipeline',
        'runtime-inputs',
        'input-sets',
        'branch',
        'notes',
        ...inputs/* HARNESS_WAIT */.Rc,
        ...inputs/* HARNESS_ABORT */.QC,
        ...inputs/* GITHUB_DEPLOYMENT */.E7
    ],
    read: readNgRunPipeline,
    run: ngRunPipeline
};

;// CONCATENATED MODULE: ./src/operations/harness-ng-execution-status.ts






async function ngExecutionStatus(settings, context) {
    const client = new NextGenClient(settings.harness, settings.scope);
    const follower = new NgExecutionFollower({ client, id: settings.executionId, justStarted: false, settings, context, startedAtMs: Date.now() });
    return settings.wait.enabled ? follower.wait() : follower.read();
}
function readNgExecutionStatus() {
    return {
        operation: 'harness-ng-execution-status',
        harness: readHarnessConnection(),
        scope: readScope(),
        executionId: (0,reader/* identifier */.Cv)('execution-id', 'the NextGen plan execution id to report on'),
        abort: readAbort(false),
        wait: readWait(NEXTGEN_FINAL_STATUSES, NEXTGEN_DEFAULT_PASSING),
        github: readGitHubDeployment()
    };
}
const harness_ng_execution_status_operation = {
    name: 'harness-ng-execution-status',
    inputs: [...inputs/* HARNESS_CONNECTION */.UP, ...inputs/* NEXTGEN_SCOPE */.Xv, 'execution-id', ...inputs/* HARNESS_WAIT */.Rc, ...inputs/* HARNESS_ABORT */.QC, ...inputs/* GITHUB_DEPLOYMENT */.E7],
    read: readNgExecutionStatus,
    run: ngExecutionStatus
};

;// CONCATENATED MODULE: ./src/operations/harness.ts





/**
 * The Harness family's registry, a chunk of the bundle of its own (with yaml, which only its readers
 * use). The order is the one the `operation` input's error lists them in.
 */
const HARNESS_OPERATIONS = [operation, harness_execution_status_operation, harness_artifact_cleanup_operation, harness_ng_run_pipeline_operation, harness_ng_execution_status_operation];


/***/ })

};
