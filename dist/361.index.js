export const id = 361;
export const ids = [361];
export const modules = {

/***/ 6361:
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
var http_url = __webpack_require__(6697);
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
    return (0,http_url/* apiUrl */.y0)(harness.url, '/gateway/api/graphql', { accountId: harness.accountId });
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
        url: (0,http_url/* apiUrl */.y0)(harness.url, `/gateway/api/executions/${encodeURIComponent(execution.id)}`, {
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

// EXTERNAL MODULE: ./src/operations/follower.ts + 2 modules
var operations_follower = __webpack_require__(7074);
;// CONCATENATED MODULE: ./src/operations/firstgen-execution.ts




/**
 * Hands an execution (just started, or just read) to the GitHub deployment, follows it to a final
 * status when asked, and turns the last status seen into the step's outputs, summary and verdict.
 * With `wait: false`, or an execution that has already ended, nothing more is polled.
 */
async function followExecution(settings, first, context, extras) {
    const url = executionUrl(settings.harness, first);
    log/* info */.pq(`Harness ${first.kind.toLowerCase()} execution ${first.id}: ${url}`);
    const follower = new operations_follower/* Follower */.f(followedKind(settings, first), settings, context);
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
        // `wait` defaults to true for Harness and to false for GitLab (settings/gitlab.ts readGitLabWait).
        enabled: (0,reader/* boolean */.zM)('wait', true),
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
/** Most lines of a failed step's log the step prints: enough for any stack trace, and a bound on the log and summary. */
const MAX_FAILURE_LOG_LINES = 1000;
/** How many of the last lines of a failed NextGen step's log to show (0: none, and the log service is not asked). */
function readFailureLogLines() {
    return (0,reader/* wholeNumber */.rD)('failure-log-lines', MAX_FAILURE_LOG_LINES);
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

;// CONCATENATED MODULE: ./src/harness/execution-graph.ts
// The full execution graph of a NextGen execution (`GET …/pipelines/execution/v2/{id}?renderFullBottomGraph=true`),
// read once an execution has ended: which step failed (and where its log is), and the output
// variables its steps exported. Shapes from harness-core (checked at vigneswara-propelo/harness-core
// 1dcec145): orchestration-visualization ExecutionGraph/ExecutionNode, pms-contracts
// executable_response.proto, ShellScriptHelperService and CommonAbstractStepExecutable; and from the
// clients that read the same graph: harness/mcp-server (diagnose/pipeline.ts) and harness/harness-cli
// (util/client/iacm/iacm-client.go).
/**
 * Step types that group or frame steps rather than run: a step group, the execution section, the
 * CI and IaCM stage wrappers (harness-cli's shouldIgnoreStepType list, and harness-core's
 * STEP_GROUP / NG_SECTION* / NG_EXECUTION step types).
 */
const CONTAINER_STEP_TYPES = /^(STEP_GROUP|NG_SECTION.*|NG_EXECUTION|NG_FORK|IntegrationStageStepPMS|IACMIntegrationStageStepPMS|IACMPrepareExecution)$/;
/** The literal Harness puts in place of a secret output variable's value (harness-core SWEEPING_OUTPUT_SECRET_OBTAIN_PREFIX). */
const SECRET_VALUE_PREFIX = '${sweepingOutputSecrets.obtain(';
const STAGE_FQN = /^pipeline\.stages\.([^.]+)$/;
function isSecretValue(value) {
    return value.startsWith(SECRET_VALUE_PREFIX);
}
/**
 * The nodes of an execution graph read with `renderFullBottomGraph=true`: `data.executionGraph`,
 * or, when Harness left it out because the execution rolled back the pipeline,
 * `data.rollbackGraph.executionGraph` (harness-core ExecutionHelper.getResponseDTO). Anything not
 * shaped as expected is skipped rather than trusted.
 */
function graphNodes(data) {
    const fields = asRecord(data);
    const graph = asRecord(fields.executionGraph).nodeMap ? fields.executionGraph : asRecord(fields.rollbackGraph).executionGraph;
    const nodeMap = asRecord(asRecord(graph).nodeMap);
    const nodes = [];
    for (const [uuid, value] of Object.entries(nodeMap)) {
        if (uuid.startsWith('__'))
            continue;
        const node = asRecord(value);
        const identifier = execution_graph_text(node.identifier) ?? uuid;
        nodes.push({
            uuid: execution_graph_text(node.uuid) ?? uuid,
            setupId: execution_graph_text(node.setupId),
            name: execution_graph_text(node.name) ?? identifier,
            identifier,
            baseFqn: execution_graph_text(node.baseFqn) ?? '',
            stepType: execution_graph_text(node.stepType) ?? '',
            status: execution_graph_text(node.status) ?? '',
            failureMessage: execution_graph_text(asRecord(node.failureInfo).message),
            logKey: logKeyOf(node),
            outputVariables: outputVariablesOf(node.outcomes),
            startTs: typeof node.startTs === 'number' ? node.startTs : undefined,
            endTs: typeof node.endTs === 'number' ? node.endTs : undefined
        });
    }
    return nodes;
}
/** A node that runs as a step: under a `.steps.` level, and not a group or section (research: MCP and the CLI agree). */
function isStep(node) {
    return node.baseFqn.includes('.steps.') && !CONTAINER_STEP_TYPES.test(node.stepType);
}
/** The stage identifier a node belongs to: the level after `pipeline.stages.` (MCP reads it the same way). */
function stageIdentifierOf(node) {
    return /^pipeline\.stages\.([^.]+)/.exec(node.baseFqn)?.[1];
}
/** The stage's own node, for its name and layout id. */
function stageNodeOf(nodes, node) {
    const stage = stageIdentifierOf(node);
    return stage === undefined ? undefined : nodes.find(candidate => STAGE_FQN.exec(candidate.baseFqn)?.[1] === stage);
}
/**
 * Where the execution failed. A failing step (one of `failing` statuses) with Harness's reason is
 * preferred, and among several the one that ended first (a later failure is usually a consequence:
 * a rollback, a step of a parallel branch stopped by the first); then a failing step without a
 * reason; then the failing stage.
 */
function failingNode(nodes, failing) {
    const failed = nodes.filter(node => failing.has(node.status));
    const steps = failed.filter(isStep).sort(byReasonThenEnd);
    const step = steps[0];
    if (step) {
        const stage = stageNodeOf(nodes, step);
        return { stage, step, message: step.failureMessage ?? stage?.failureMessage };
    }
    const stage = failed.filter(node => STAGE_FQN.test(node.baseFqn)).sort(byReasonThenEnd)[0];
    return stage ? { stage, message: stage.failureMessage } : undefined;
}
function byReasonThenEnd(a, b) {
    const reason = Number(b.failureMessage !== undefined) - Number(a.failureMessage !== undefined);
    return reason || (a.endTs ?? Infinity) - (b.endTs ?? Infinity);
}
/**
 * The output variables of every step. A step is keyed by its own identifier (for a matrix or
 * looped step Harness's identifier already carries the iteration's suffix, so each iteration is
 * its own key); when two steps of a stage share an identifier (the same step id in two step
 * groups), each is keyed by its path of step and step group identifiers, joined by dots
 * (`canary.smoke_test`). Keys Harness adds for its own use (`__recast`) are left out.
 */
function exportedVariables(nodes) {
    const withVariables = nodes.filter(node => isStep(node) && Object.keys(node.outputVariables).length > 0);
    const clashes = new Set();
    const seen = new Set();
    for (const node of withVariables) {
        const id = `${stageIdentifierOf(node)}\u0000${node.identifier}`;
        if (seen.has(id))
            clashes.add(id);
        seen.add(id);
    }
    const result = { outputs: {}, listed: [] };
    for (const node of withVariables) {
        const stage = stageIdentifierOf(node) ?? '';
        const step = clashes.has(`${stage}\u0000${node.identifier}`) ? stepPath(node) : node.identifier;
        for (const [name, value] of Object.entries(node.outputVariables)) {
            if (isSecretValue(value)) {
                result.listed.push({ stage, step, name });
                continue;
            }
            const stageOutputs = (result.outputs[stage] ??= {});
            (stageOutputs[step] ??= {})[name] = value;
            result.listed.push({ stage, step, name, value });
        }
    }
    return result;
}
/** A step's identifiers below its stage's execution: the step groups it sits in, then its own. */
function stepPath(node) {
    const levels = node.baseFqn.split('.');
    const path = [];
    for (let index = 0; index < levels.length - 1; index++) {
        if (levels[index] === 'steps')
            path.push(levels[index + 1]);
    }
    return path.length > 0 ? path.join('.') : node.identifier;
}
/**
 * `outcomes.output.outputVariables` (ShellScript and CI steps), or `outcomes.output.output_vars`
 * (a ShellScript step of a YAML v1 pipeline). Values are strings in harness-core
 * (Map<String, String>); numbers and booleans are kept as text, anything else left out.
 */
function outputVariablesOf(outcomes) {
    const output = asRecord(asRecord(outcomes).output);
    const variables = asRecord(output.outputVariables ?? output.output_vars);
    const result = {};
    for (const [name, value] of Object.entries(variables)) {
        if (name.startsWith('__'))
            continue;
        if (typeof value === 'string')
            result[name] = value;
        else if (typeof value === 'number' || typeof value === 'boolean')
            result[name] = String(value);
    }
    return result;
}
/**
 * The log key of a node. `executableResponses[]` is a oneof (`async`, `task`, `taskChain`, `sync`,
 * `child`, …; harness-core executable_response.proto), each with `logKeys`: one per command unit
 * (`<logBaseKey>-commandUnit:<unit>`), or just the base key for a step without units (CI, async
 * steps). The key of the unit whose progress failed is taken, else the last (units run in order,
 * so the last one is where a failed step stopped); without keys, `logBaseKey` (the CLI does the same).
 */
function logKeyOf(node) {
    const keys = [];
    for (const response of asArray(node.executableResponses)) {
        for (const kind of Object.values(asRecord(response))) {
            for (const key of asArray(asRecord(kind).logKeys))
                if (typeof key === 'string' && key !== '')
                    keys.push(key);
        }
    }
    const failedUnit = asArray(node.unitProgresses)
        .map(asRecord)
        .find(unit => typeof unit.status === 'string' && /fail|error/i.test(unit.status));
    const failedUnitName = execution_graph_text(failedUnit?.unitName);
    const ofFailedUnit = failedUnitName ? keys.find(key => key.endsWith(`-commandUnit:${failedUnitName}`)) : undefined;
    return ofFailedUnit ?? keys.at(-1) ?? execution_graph_text(node.logBaseKey);
}
function asRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}
function asArray(value) {
    return Array.isArray(value) ? value : [];
}
function execution_graph_text(value) {
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

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
    /**
     * Reads the execution's full graph once (`renderFullBottomGraph=true`: every stage's and step's
     * node, with failure info, log keys and outcomes; harness-core ExecutionDetailsResource, the same
     * call harness/mcp-server and harness-cli make). The answer is size-capped like every API answer.
     */
    async executionGraph(id, signal) {
        const what = `read the execution graph of NextGen execution ${id}`;
        const response = await this.send({
            method: 'GET',
            url: this.url(`/pipeline/api/pipelines/execution/v2/${segment(id)}`, { renderFullBottomGraph: 'true' }),
            what,
            retry: 'idempotent',
            signal
        });
        return graphNodes(await readData(response, what, this.errorContext('Pipelines: View')));
    }
    /**
     * A step's page in the NextGen UI: the execution page with the stage (its layout node id, the
     * stage node's `setupId`) and the step (its node execution uuid) selected. The parameters are
     * those the UI itself puts in its address when a step is opened; evidence beyond the UI:
     * lorenyeung/go-execution-url (main.go) builds `…/executions/<id>/pipeline?stage=<layoutNodeMap
     * key>&step=<nodeMap key>` from the same v2 answer.
     */
    stepUrl(pipeline, id, stageSetupId, stepUuid) {
        const url = new URL(this.executionUrl(pipeline, id));
        url.searchParams.set('stage', stageSetupId);
        if (stepUuid)
            url.searchParams.set('step', stepUuid);
        return url.href;
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
        return (0,http_url/* apiUrl */.y0)(this.harness.url, path).href;
    }
    /** NextGen checks core_pipeline_execute to run or interrupt, core_pipeline_view to read (harness-core PipelineRbacPermissions). */
    errorContext(permission) {
        return { harness: this.harness, scope: this.scope, permission };
    }
    url(path, query = {}) {
        return (0,http_url/* apiUrl */.y0)(this.harness.url, `/gateway${path}`, {
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
            pushReversed(pending, nextgen_asArray(edges.nextIds));
            pushReversed(pending, nextgen_asArray(edges.currentNodeChildren));
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
function nextgen_asArray(value) {
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

;// CONCATENATED MODULE: ./src/harness/log-service.ts
// The end of one step's log, from Harness's log service behind the gateway. Checked against
// harness-core product/log-service (handler/handler.go, middleware.go, helper.go, stream/stream.go
// at vigneswara-propelo/harness-core 1dcec145) and its clients: harness/mcp-server sends `x-api-key`
// with `accountID` to <harness>/gateway/log-service (harness-client.ts, log-resolver.ts), and
// harness/harness-cli reads `GET /gateway/log-service/blob?accountID&key` line by line (log_stream.go).
//
// - `GET <harness-url>/gateway/log-service/blob?accountID=<account>&key=<log key>` with the API key
//   as `x-api-key` (AuthMiddleware accepts it, validated for the account) answers the step's log as
//   NDJSON, one `{"level","pos","out","time","args"}` object per line, once the step has ended.
// - Errors are `{"error_msg": …}` (helper.go writeError): 404 for a key with no log (the step
//   never ran, or its log has expired), 403 for a key the service will not accept, 400 for a
//   missing account. The CLI reads `{"message"}`; both are understood.
// The zip download (`POST …/blob/download`) is not used: it answers a link to object storage,
// and the API key must never go anywhere but Harness.






/** Longest line kept: a log line of megabytes (a dumped file) is cut, so that memory stays bounded by lines × this. */
const MAX_LOG_LINE_CHARS = 4096;
/** Most of a log read to find its end: beyond this the tail shown is the end of what was read, and says so. */
const MAX_LOG_BYTES = 256 * 1024 * 1024;
/** The log service would not give the log: its status and its own words. */
class LogUnavailable extends Error {
    status;
    serviceMessage;
    constructor(status, serviceMessage) {
        super(`the log service answered HTTP ${status}${serviceMessage ? `: ${serviceMessage}` : ''}`);
        this.status = status;
        this.serviceMessage = serviceMessage;
    }
}
/** Keeps the last `max` lines of a stream of text, and counts them; memory is `max` lines at most. */
class Tail {
    max;
    ring = [];
    pending = '';
    total = 0;
    constructor(max) {
        this.max = max;
    }
    push(chunk) {
        const parts = (this.pending + chunk).split('\n');
        this.pending = parts.pop() ?? '';
        // A line with no end in sight is cut where the cap is, so that `pending` stays bounded too.
        if (this.pending.length > MAX_LOG_LINE_CHARS)
            this.pending = this.pending.slice(0, MAX_LOG_LINE_CHARS);
        for (const part of parts)
            this.keep(part);
    }
    end() {
        if (this.pending !== '')
            this.keep(this.pending);
        this.pending = '';
        return this.ring;
    }
    keep(line) {
        this.total++;
        this.ring.push(line.length > MAX_LOG_LINE_CHARS ? line.slice(0, MAX_LOG_LINE_CHARS) : line);
        if (this.ring.length > this.max)
            this.ring.shift();
    }
}
/**
 * The text of one log line: the `out` of an NDJSON line (without its line end), or the line as it
 * is when it is not one (an older or proxied log stored as plain text).
 */
function logLineText(line) {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed.startsWith('{')) {
        const parsed = (0,json/* parseJsonObject */.d)(trimmed);
        if (parsed && typeof parsed.out === 'string')
            return parsed.out.replace(/\r?\n$/, '');
    }
    return trimmed;
}
/** The last `maxLines` lines of the log stored under `key`, read as a stream (the whole log is never held). */
async function readLogTail(harness, key, maxLines, signal) {
    const what = 'read the step log from the Harness log service';
    return (0,client/* sendAndRead */.is)({
        method: 'GET',
        url: (0,http_url/* apiUrl */.y0)(harness.url, '/gateway/log-service/blob', { accountID: harness.accountId, key }),
        what,
        headers: { accept: 'application/x-ndjson, application/json, text/plain' },
        credentials: { 'x-api-key': harness.apiKey },
        retry: 'idempotent',
        signal
    }, response => tailOf(response, maxLines));
}
async function tailOf(response, maxLines) {
    if (!(0,failure/* isSuccess */.oJ)(response.status))
        throw new LogUnavailable(response.status, logServiceMessage(await (0,http_body/* readErrorText */.Gb)(response)));
    if ((0,http_body/* isWebPage */.AA)(response)) {
        await response.body.dump().catch(() => undefined);
        throw new LogUnavailable(response.status, 'a web page came instead of the log (a login or proxy page?)');
    }
    const tail = new Tail(maxLines);
    const decoder = new TextDecoder();
    let bytes = 0;
    try {
        for await (const chunk of response.body) {
            bytes += chunk.length;
            tail.push(decoder.decode(chunk, { stream: true }));
            // Leaving the loop destroys the body, which closes its connection.
            if (bytes >= MAX_LOG_BYTES)
                return { lines: tail.end().map(logLineText), cut: true, total: tail.total };
        }
    }
    catch (error) {
        // A log cut mid-way is read again from its start (the request is a read).
        if (error instanceof src_errors/* ActionError */.lZ)
            throw error;
        throw new client/* BodyCut */.Bn(error instanceof Error ? error.message : String(error), { cause: error });
    }
    tail.push(decoder.decode());
    return { lines: tail.end().map(logLineText), cut: false, total: tail.total };
}
/** The log service's words from an error body: `{"error_msg"}` (the service), `{"message"}` (what the CLI expects), or short text. */
function logServiceMessage(body) {
    const parsed = (0,json/* parseJsonObject */.d)(body);
    const message = parsed?.error_msg ?? parsed?.message;
    if (typeof message === 'string')
        return message.trim();
    return parsed ? '' : body.trim().split('\n')[0].slice(0, 200);
}

// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
// EXTERNAL MODULE: ./src/summary.ts
var summary = __webpack_require__(8855);
;// CONCATENATED MODULE: ./src/operations/nextgen-detail.ts







const NO_VARIABLES = { outputs: {}, listed: [] };
/** ANSI colour and cursor sequences, which a step's log keeps; shown as text they would be noise. */
// eslint-disable-next-line no-control-regex -- the escape character is what these sequences start with
const ANSI_SEQUENCE = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
/**
 * How long reading the graph and the failing step's log may take, retries included, once the
 * execution has ended: it is extra information, which must not hold the step for minutes when
 * Harness or its log service is slow.
 */
const DETAIL_BUDGET_MS = 60_000;
/**
 * Reads the full graph of an ended execution once and what it tells. This is extra information:
 * a graph or a log that cannot be read (in time) is one line saying so, and never fails the step.
 */
async function readExecutionDetail(plan) {
    const budget = AbortSignal.timeout(plan.budgetMs ?? DETAIL_BUDGET_MS);
    const bounded = { ...plan, signal: plan.signal ? AbortSignal.any([plan.signal, budget]) : budget };
    return readWithin(bounded, plan.signal);
}
/** `cancel` is the job's own cancel, which stops the step; the budget running out only skips what is left. */
async function readWithin(plan, cancel) {
    let nodes;
    try {
        nodes = await plan.client.executionGraph(plan.id, plan.signal);
    }
    catch (error) {
        if (cancel?.aborted)
            throw error;
        log/* warning */.$e(`${message(error, plan)} Its failing step and output variables are not shown; the step goes on without them.${hintOf(error)}`, {
            title: 'Execution details unavailable'
        });
        return { variables: NO_VARIABLES };
    }
    maskSecretValues(nodes);
    const variables = exportedVariables(nodes);
    logVariables(variables);
    if (!plan.failed)
        return { variables };
    const found = failingNode(nodes, plan.failingStatuses);
    if (!found)
        return { variables };
    const { stage, step } = found;
    const failing = {
        stage: stage?.name,
        step: step?.name,
        status: (step ?? stage)?.status ?? '',
        message: found.message,
        url: plan.pipeline && stage?.setupId ? plan.client.stepUrl(plan.pipeline, plan.id, stage.setupId, step?.uuid) : undefined
    };
    const tail = step && plan.logLines > 0 ? await printLogTail(plan, step, failing, cancel) : undefined;
    return { failing, variables, log: tail };
}
/** A secret output's value is Harness's ciphertext expression, not the secret; masked all the same, so no log line can carry it. */
function maskSecretValues(nodes) {
    for (const node of nodes)
        for (const value of Object.values(node.outputVariables))
            if (isSecretValue(value))
                (0,secrets/* registerSecret */.c)(value);
}
/** One line about what the steps exported; the values are in the summary and the `outputs` output. */
function logVariables(variables) {
    if (variables.listed.length === 0)
        return;
    const hidden = variables.listed.filter(variable => variable.value === undefined).length;
    log/* info */.pq(`Output variables: ${variables.listed.length}${hidden ? ` (${hidden} secret, left out of 'outputs' and not shown)` : ''}, in the 'outputs' output and the job summary.`);
}
/** The failing step's last log lines, in a log group, each line as outside text. */
async function printLogTail(plan, step, failing, cancel) {
    const where = `step '${step.name}'${failing.stage ? ` of stage '${failing.stage}'` : ''}`;
    if (!step.logKey) {
        log/* info */.pq(`Harness reports no log for ${where}.`);
        return undefined;
    }
    let tail;
    try {
        tail = await readLogTail(plan.harness, step.logKey, plan.logLines, plan.signal);
    }
    catch (error) {
        if (cancel?.aborted)
            throw error;
        reportUnreadableLog(where, error, plan);
        return undefined;
    }
    if (tail.lines.length === 0) {
        log/* info */.pq(`The log of ${where} is empty.`);
        return undefined;
    }
    const lines = tail.lines.map(line => (0,log/* outside */.qY)(line.replace(ANSI_SEQUENCE, ''), 1000));
    const shown = tail.lines.length < tail.total ? `Last ${lines.length} of ${tail.total} lines` : `All ${lines.length} lines`;
    const title = `${shown} of the log of ${where}${tail.cut ? ' (the log is longer than the action reads; these are the last lines read)' : ''}`;
    await log/* group */.Os(title, () => {
        for (const line of lines)
            log/* info */.pq(line);
        return Promise.resolve();
    });
    return { title, lines };
}
/** One line: the log service's refusal in its own words, with what to check; a missing log is not a problem. */
function reportUnreadableLog(where, error, plan) {
    if (error instanceof LogUnavailable && error.status === 404) {
        log/* info */.pq(`Harness has no log stored for ${where} (${error.message}).`);
        return;
    }
    const hint = error instanceof LogUnavailable && (error.status === 401 || error.status === 403)
        ? " The log service checks 'harness-api-key' for the account; a key that may view the pipeline can normally read its logs. Set 'failure-log-lines: 0' to stop asking."
        : '';
    const why = error instanceof LogUnavailable ? `${error.message}.` : message(error, plan);
    const what = `Could not read the log of ${where} from the Harness log service: ${why}`;
    log/* warning */.$e(`${what}${hint || hintOf(error)}`, { title: 'Step log unavailable' });
}
/** The error's words; for a read stopped by the budget, that Harness did not answer in time. */
function message(error, plan) {
    if (plan.signal?.aborted) {
        return `Harness did not answer within ${(0,summary/* formatDuration */.a3)(plan.budgetMs ?? DETAIL_BUDGET_MS)}, the time the action gives these reads once the execution has ended.`;
    }
    const text = error instanceof Error ? error.message : String(error);
    return /[.!?]$/.test(text) ? text : `${text}.`;
}
function hintOf(error) {
    return error instanceof src_errors/* ActionError */.lZ && error.hint ? ` ${error.hint}` : '';
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
    /** Where the execution failed, once its full graph has been read. */
    failingStep;
    constructor(plan) {
        this.plan = plan;
        this.pipeline = plan.pipeline;
        this.follower = new operations_follower/* Follower */.f(this.followedKind(), plan.settings, plan.context);
    }
    get url() {
        return this.pipeline ? this.plan.client.executionUrl(this.pipeline, this.plan.id) : undefined;
    }
    /** Tells the progress listener (a GitHub deployment) about the execution and each new status. */
    report(snapshot) {
        // The follower reads only the status and the pipeline of what it reports.
        return this.follower.report(snapshot);
    }
    /** Reads the execution once, for `wait: false`; an execution that has ended is described in full (no verdict). */
    async read() {
        const snapshot = await log/* group */.Os(`Read NextGen execution ${this.plan.id}`, async () => {
            const execution = await this.plan.client.execution(this.plan.id);
            log/* info */.pq(`Status: ${nextgen_execution_describeStatus(execution)}`);
            return execution;
        });
        await this.follower.reportOnce(snapshot);
        const detail = await this.detailIfEnded(snapshot);
        return this.resultOf(snapshot, { detail });
    }
    /**
     * Waits for a final status; on timeout or cancel aborts once, when the abort policy allows. An
     * execution that ended is then read in full once: the failing step, its log and the output
     * variables go into the verdict, the log and the summary.
     */
    async wait() {
        const followed = await this.follower.wait();
        const { waited, abortNote } = followed;
        logStageList(`Stages of execution ${waited.last.id}:`, waited.last.stages.map(stageLine));
        const detail = waited.outcome === 'final' ? await this.detailIfEnded(waited.last) : undefined;
        this.failingStep = detail?.failing;
        // The verdict again, now that the failing step is known (failureDetail reads it).
        const failure = detail?.failing ? this.follower.verdict(waited, abortNote) : followed.failure;
        return this.resultOf(waited.last, { waited, failure, abortNote, detail });
    }
    /** Outputs and summary of an execution read without waiting (a status Harness gave on start): no verdict. */
    result(snapshot) {
        return this.resultOf(snapshot);
    }
    /** The full graph's story of an execution with a final status; nothing for one still under way. */
    async detailIfEnded(snapshot) {
        if (!isNextGenFinal(snapshot.status))
            return undefined;
        const { client, id, settings, context } = this.plan;
        return readExecutionDetail({
            client,
            harness: settings.harness,
            id,
            pipeline: this.pipeline ?? (snapshot.pipeline || undefined),
            failed: !settings.wait.passingStatuses.has(snapshot.status),
            failingStatuses: FAILING_STATUSES,
            logLines: settings.failureLogLines,
            signal: context.signal
        });
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
            failureDetail: snapshot => failureDetail(snapshot, this.failingStep),
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
    resultOf(snapshot, ended = {}) {
        const { waited, failure, abortNote, detail } = ended;
        const { id, settings, startedAtMs } = this.plan;
        const url = this.url;
        const pipeline = this.pipeline ?? snapshot.pipeline;
        const failing = detail?.failing;
        const details = [['Execution id', id]];
        if (failing?.stage)
            details.push(['Failed stage', failing.stage]);
        if (failing?.step)
            details.push(['Failed step', failing.step]);
        if (failing?.message && failing.message !== snapshot.errorMessage)
            details.push(['Harness message', failing.message]);
        if (snapshot.errorMessage)
            details.push(['Error', snapshot.errorMessage]);
        if (abortNote)
            details.push(['Abort', abortNote]);
        const links = url ? [{ text: 'Execution in Harness', href: url }] : [];
        if (failing?.url)
            links.push({ text: failing.step ? `Failed step '${failing.step}' in Harness` : `Failed stage '${failing.stage}' in Harness`, href: failing.url });
        return {
            outputs: {
                'execution-id': id,
                status: snapshot.status,
                'status-normalized': normalizedStatus('nextgen', snapshot.status),
                'execution-url': url,
                ...(detail ? { outputs: JSON.stringify(detail.variables.outputs) } : {})
            },
            summary: {
                operation: settings.operation,
                target: `${settings.scope.org}/${settings.scope.project} / ${pipeline || 'pipeline'}`,
                status: waited?.outcome === 'timeout' ? `${snapshot.status} (timed out)` : snapshot.status,
                passed: failure === undefined,
                durationMs: executionDurationMs(snapshot, startedAtMs),
                links,
                details,
                stages: snapshot.stages.map(stage => ({ name: stage.name, status: stage.status })),
                variables: detail?.variables.listed,
                log: detail?.log
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
/**
 * Where it failed, with Harness's reasons, for the failure line: the failing step found in the full
 * graph (with its link), else the stages that failed.
 */
function failureDetail(snapshot, failing) {
    if (failing?.step) {
        const where = `${failing.stage ? `stage '${failing.stage}', ` : ''}step '${failing.step}' (${failing.status})`;
        const reasons = [failing.message, snapshot.errorMessage].filter((reason, index, all) => !!reason && all.indexOf(reason) === index);
        const detail = `${where}${reasons.length ? `: ${reasons.join('; ')}` : ''}`;
        return failing.url ? `${detail}${/[.!?]$/.test(detail) ? '' : '.'} The step in Harness: ${failing.url}` : detail;
    }
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
    const fileName = value.trim();
    const text = !fileName.includes('\n') && /\.ya?ml$/i.test(fileName) ? (0,reader/* workspaceFile */.EJ)('runtime-inputs', fileName) : value;
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
        failureLogLines: readFailureLogLines(),
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
        ...inputs/* NEXTGEN_FAILURE_DETAIL */.x6,
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
        failureLogLines: readFailureLogLines(),
        github: readGitHubDeployment()
    };
}
const harness_ng_execution_status_operation = {
    name: 'harness-ng-execution-status',
    inputs: [...inputs/* HARNESS_CONNECTION */.UP, ...inputs/* NEXTGEN_SCOPE */.Xv, 'execution-id', ...inputs/* HARNESS_WAIT */.Rc, ...inputs/* HARNESS_ABORT */.QC, ...inputs/* NEXTGEN_FAILURE_DETAIL */.x6, ...inputs/* GITHUB_DEPLOYMENT */.E7],
    read: readNgExecutionStatus,
    run: ngExecutionStatus
};

;// CONCATENATED MODULE: ./src/harness/nextgen-webhook.ts




// A NextGen custom webhook trigger, fired and followed until Harness says what it did with the event.
// Shapes from harness-core (pipeline-service ng-triggers: NGTriggerWebhookConfigResource(Impl),
// NGTriggerServiceImpl, TriggerEventResponse.FinalStatus, UrlHelper), checked in the public snapshot of
// Dec 2023 and a newer copy of the same tree; harness-go-sdk's api_webhook_triggers.go sends the key
// as x-api-key with the content types application/json, application/yaml and text/plain.
/** The event id harness-core answers when it could not make an event of the request (Constants.UNRECOGNIZED_WEBHOOK). */
const UNRECOGNIZED_WEBHOOK = 'Unrecognized Webhook';
/**
 * What `triggerExecutionDetails` answers (HTTP 400, InvalidRequestException) while Harness has no
 * history for the event yet: before it processed it, and on newer builds while it is QUEUED.
 */
const NOT_PROCESSED_YET = /Trigger event history doesn't exist/i;
/** The details path of every build; newer builds hand out `triggerExecutionDetailsV2` as `apiUrl`. */
const DETAILS_PATH = /\/gateway\/pipeline\/api\/webhook\/triggerExecutionDetails(?:V2)?\/[^/]+$/;
/**
 * The custom webhook trigger API under `<harness-url>/gateway/pipeline/api/webhook`. The key goes as
 * X-Api-Key: with it Harness checks Pipelines: Execute on the pipeline (NGTriggerServiceImpl
 * .checkAuthorization), and accounts may make it mandatory (mandate_custom_webhook_authorization).
 */
class WebhookTriggerClient {
    harness;
    scope;
    useApiUrl = true;
    constructor(harness, scope) {
        this.harness = harness;
        this.scope = scope;
    }
    /**
     * Sends the payload to the trigger: once, because Harness queues the event as soon as it has the
     * request, and a second request would run the pipeline twice.
     */
    async fire(request) {
        const what = `send the payload to custom webhook trigger '${request.trigger}'`;
        const response = await this.send({
            method: 'POST',
            url: (0,http_url/* apiUrl */.y0)(this.harness.url, '/gateway/pipeline/api/webhook/custom/v2', {
                accountIdentifier: this.harness.accountId,
                orgIdentifier: this.scope.org,
                projectIdentifier: this.scope.project,
                pipelineIdentifier: request.pipeline,
                triggerIdentifier: request.trigger
            }),
            what,
            headers: { 'content-type': request.contentType },
            body: request.payload,
            retry: 'once'
        });
        const data = (await readData(response, what, this.errorContext()).catch((error) => {
            // Harness may have queued the event before its server error: "try again" could run the pipeline twice.
            if (error instanceof src_errors/* ActionError */.lZ && response.status >= 500) {
                throw new src_errors/* ActionError */.lZ(error.message, { title: error.title, hint: activityHistoryHint(request), cause: error });
            }
            throw error;
        }));
        const id = textField(data?.eventCorrelationId);
        if (!id || id === UNRECOGNIZED_WEBHOOK) {
            throw new src_errors/* ActionError */.lZ(`Harness accepted the webhook for trigger '${request.trigger}' but ${id ? `did not recognise it as an event ('${UNRECOGNIZED_WEBHOOK}')` : 'answered without an eventCorrelationId'}`, {
                title: 'Webhook not recognised by Harness',
                hint: activityHistoryHint(request)
            });
        }
        return { id, apiUrl: textField(data?.apiUrl), uiUrl: textField(data?.uiUrl) };
    }
    /** Reads what Harness did with the event; the 400 of an event it has not processed yet becomes a QUEUED snapshot. */
    async event(event, signal) {
        const what = `read trigger event ${event.id}`;
        const viaApiUrl = this.useApiUrl ? this.detailsUrl(event) : undefined;
        const url = viaApiUrl ??
            (0,http_url/* apiUrl */.y0)(this.harness.url, `/gateway/pipeline/api/webhook/triggerExecutionDetails/${segment(event.id)}`, { accountIdentifier: this.harness.accountId });
        const response = await this.send({ method: 'GET', url, what, retry: 'idempotent', signal });
        if (viaApiUrl && response.status === 404) {
            // A gateway that does not route the path Harness named: the v1 path every build has.
            await response.body.dump();
            this.useApiUrl = false;
            return this.event(event, signal);
        }
        let data;
        try {
            data = (await readData(response, what, this.errorContext()));
        }
        catch (error) {
            if (error instanceof src_errors/* ActionError */.lZ && response.status === 400 && NOT_PROCESSED_YET.test(error.message)) {
                return { status: 'QUEUED', message: error.message, notProcessedYet: true };
            }
            throw error;
        }
        return parseTriggerEvent(data, what);
    }
    /**
     * The details endpoint the `apiUrl` Harness answered names (V2 on newer builds), on
     * 'harness-url': the key is never sent anywhere else. Harness builds `apiUrl` from the account's
     * base URL, which may be another host (a vanity URL) than the one this step talks to; the same
     * endpoint is then read on 'harness-url'. Undefined when `apiUrl` is not a details endpoint.
     */
    detailsUrl(event) {
        const named = parsedUrl(event.apiUrl);
        const path = named && !named.username && !named.password ? DETAILS_PATH.exec(named.pathname)?.[0] : undefined;
        return path ? (0,http_url/* apiUrl */.y0)(this.harness.url, path, { accountIdentifier: this.harness.accountId }) : undefined;
    }
    errorContext() {
        return { harness: this.harness, scope: this.scope, permission: "'Pipelines: Execute'" };
    }
    send(request) {
        return (0,client/* send */.tN)({ ...request, headers: { accept: 'application/json', ...request.headers }, credentials: { 'X-Api-Key': this.harness.apiKey } });
    }
}
function parsedUrl(text) {
    if (!text)
        return undefined;
    try {
        return new URL(text);
    }
    catch {
        return undefined;
    }
}
/** Whether Harness named its details endpoint on another origin than 'harness-url' (a vanity URL, say). */
function namesOtherOrigin(event, harnessUrl) {
    const named = parsedUrl(event.apiUrl);
    return named !== undefined && named.origin !== harnessUrl.origin;
}
/** Where to look before sending an event again that Harness may have queued (its trigger's event history). */
function activityHistoryHint(request) {
    return `Look in the Activity History of trigger '${request.trigger}' (pipeline '${request.pipeline}', Triggers) in Harness before re-running: the event may have been queued, and sending it again could run the pipeline twice.`;
}
function textField(value) {
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
/** `data.webhookProcessingDetails` (WebhookEventProcessingDetails) and the execution summary beside it. */
function parseTriggerEvent(data, what) {
    const details = (data?.webhookProcessingDetails ?? {});
    const summary = (data?.executionDetails ?? {}).pipelineExecutionSummary ?? {};
    const status = textField(details.status);
    if (!status) {
        throw new src_errors/* ActionError */.lZ(`Could not ${what}: Harness's answer has no webhookProcessingDetails.status`, {
            title: 'Unexpected answer from Harness',
            hint: "Look at the trigger's Activity History in Harness."
        });
    }
    return {
        status,
        message: textField(details.message),
        pipelineExecutionId: textField(details.pipelineExecutionId) ?? textField(summary.planExecutionId),
        executionStatus: textField(summary.status)
    };
}
/**
 * "Harness chose not to run": harness-core's own SKIPPED_STATUSES (skip keywords, the event or
 * metadata conditions of Git triggers, a merge queue already running), and the three condition
 * mismatches a custom trigger reports (PayloadConditionsTriggerFilter, HeaderTriggerFilter,
 * JexlConditionsTriggerFilter). Harness groups those three with the failures; here they count as
 * skipped, because a condition is a filter its owner set on purpose: an event it filters out is a
 * decision, not an error. The step still fails on them unless 'passing-statuses' names Skipped.
 */
const TRIGGER_SKIPPED_STATUSES = [
    'SKIPPED',
    'TRIGGER_DID_NOT_MATCH_EVENT_CONDITION',
    'TRIGGER_DID_NOT_MATCH_METADATA_CONDITION',
    'TRIGGER_DID_NOT_MATCH_ARTIFACT_JEXL_CONDITION',
    'MERGE_QUEUE_CHECKS_ALREADY_RUNNING',
    'NO_MATCHING_TRIGGER_FOR_PAYLOAD_CONDITIONS',
    'NO_MATCHING_TRIGGER_FOR_HEADER_CONDITIONS',
    'NO_MATCHING_TRIGGER_FOR_JEXL_CONDITIONS'
];
function triggerEventOutcome(status) {
    if (status === 'QUEUED')
        return 'pending';
    if (status === 'TARGET_EXECUTION_REQUESTED')
        return 'started';
    if (TRIGGER_SKIPPED_STATUSES.includes(status))
        return 'skipped';
    return 'failed';
}
/** What to do about a trigger event that did not run the pipeline, by Harness's status. */
function triggerEventHint(status, trigger, pipeline) {
    switch (status) {
        case 'NO_ENABLED_CUSTOM_TRIGGER_FOUND':
        case 'NO_ENABLED_CUSTOM_TRIGGER_FOUND_FOR_ACCOUNT':
        case 'NO_ENABLED_TRIGGER_FOR_PROJECT':
        case 'NO_ENABLED_TRIGGER_FOR_ACCOUNT':
            return `Check that pipeline '${pipeline}' has a Custom trigger with the identifier '${trigger}' ('trigger'; the identifier, not the name) in this organization and project, and that it is enabled.`;
        case 'INVALID_RUNTIME_INPUT_YAML':
            return `The pipeline input YAML (or input sets) of trigger '${trigger}' does not fit pipeline '${pipeline}' as it is now: edit the trigger's Pipeline Input in Harness, or check the payload expressions it reads.`;
        case 'TRIGGER_AUTHENTICATION_FAILED':
            return `The API key's user or service account needs 'Pipelines: Execute' on pipeline '${pipeline}'.`;
        case 'INVALID_PAYLOAD':
            return "Harness could not read the payload: check 'payload'.";
        case 'VALIDATION_FAILED_FOR_TRIGGER':
            return `Harness found trigger '${trigger}' invalid (for instance a connector or input set it names no longer exists): open it in Harness and save it again.`;
        case 'TARGET_DID_NOT_EXECUTE':
            return `Harness could not start pipeline '${pipeline}': its message says why (a freeze, a permission of the trigger, the pipeline's YAML).`;
        case 'EXCEPTION_WHILE_PROCESSING':
            return "Harness failed while processing the event: look at the trigger's Activity History in Harness, and try again later.";
        default:
            return TRIGGER_SKIPPED_STATUSES.includes(status)
                ? `Harness did not run pipeline '${pipeline}' for this event. To let the step pass when that happens, add Skipped to 'passing-statuses'.`
                : "Look at the trigger's Activity History in Harness for the event.";
    }
}

// EXTERNAL MODULE: ./src/operations/wait.ts
var wait = __webpack_require__(2501);
;// CONCATENATED MODULE: ./src/operations/harness-ng-trigger-webhook.ts











/**
 * How long the 400 "Trigger event history doesn't exist" is taken for "not processed yet" (within
 * 'timeout'). Harness usually processes a custom trigger's event within seconds; minutes without a
 * history point at an event that was dropped, which no longer wait can fix.
 */
const NOT_PROCESSED_GRACE_MS = 3 * 60_000;
/** The event poll's longest interval: processing takes seconds, and the pipeline's own wait polls at 'poll-interval'. */
const EVENT_POLL_MAX_MS = 5_000;
async function ngTriggerWebhook(settings, context) {
    const startedAtMs = Date.now();
    const { pipeline, trigger, scope } = settings;
    const webhooks = new WebhookTriggerClient(settings.harness, scope);
    const event = await log/* group */.Os(`Send webhook to NextGen trigger ${trigger}`, async () => {
        log/* info */.pq(`Sending ${payloadDescription(settings)} to custom trigger '${trigger}' of pipeline '${pipeline}' in ${scope.org}/${scope.project}.`);
        const fired = await webhooks.fire(settings);
        log/* info */.pq(`Harness accepted trigger event ${fired.id}${fired.uiUrl ? `: ${log/* outside */.qY(fired.uiUrl)}` : '.'}`);
        return fired;
    });
    try {
        return await afterFired(webhooks, event, settings, context, startedAtMs);
    }
    catch (error) {
        // Harness has the event: a failure from here on keeps its id, and says to look before re-running.
        if (error instanceof src_errors/* CancelledError */.cc || !(error instanceof src_errors/* ActionError */.lZ))
            throw error;
        return lostTrack(settings, event, error, startedAtMs);
    }
}
/** What happens once Harness has the event: its decision, then the execution it started. */
async function afterFired(webhooks, event, settings, context, startedAtMs) {
    const { pipeline, trigger } = settings;
    const decided = await waitForDecision(webhooks, event, settings, context);
    const snapshot = decided.last;
    if (decided.outcome === 'timeout')
        return notRun(settings, event, snapshot, startedAtMs, timedOut(settings, snapshot), true);
    const outcome = triggerEventOutcome(snapshot.status);
    if (outcome === 'started')
        return follow(settings, context, event, snapshot, startedAtMs);
    if (outcome === 'skipped' && settings.skippedPasses) {
        log/* info */.pq(`Harness did not run pipeline '${pipeline}' for this event (${snapshot.status}); 'passing-statuses' names Skipped, so the step passes.`);
        return notRun(settings, event, snapshot, startedAtMs);
    }
    return notRun(settings, event, snapshot, startedAtMs, {
        title: outcome === 'skipped' ? 'Pipeline not run' : `Trigger ${snapshot.status}`,
        message: `Harness did not run pipeline '${pipeline}' for trigger event ${event.id} of trigger '${trigger}': ${snapshot.status}${snapshot.message ? `: ${log/* outside */.qY(snapshot.message)}` : ''}`,
        hint: triggerEventHint(snapshot.status, trigger, pipeline)
    });
}
/**
 * Polls the event until Harness decides what to do with it; counts against 'timeout'. A cancel just
 * stops: nothing runs yet that this step could abort.
 */
async function waitForDecision(webhooks, event, settings, context) {
    const firedAtMs = Date.now();
    const intervalMs = Math.min(settings.wait.pollIntervalMs, EVENT_POLL_MAX_MS);
    if (event.apiUrl && namesOtherOrigin(event, settings.harness.url)) {
        const where = webhooks.detailsUrl(event) ? 'the same endpoint' : 'them';
        log/* info */.pq(`Harness named another address for the event's details (${log/* outside */.qY(event.apiUrl.split('?')[0])}); reading ${where} from ${settings.harness.url.origin} instead, so that the API key goes nowhere but 'harness-url'.`);
    }
    return log/* group */.Os(`Wait for Harness to process trigger event ${event.id} (poll every ${(0,summary/* formatDuration */.a3)(intervalMs)})`, () => (0,wait/* waitForFinalStatus */.l)({
        what: `trigger event ${event.id}`,
        service: 'Harness',
        poll: async (signal) => {
            const snapshot = await webhooks.event(event, signal);
            if (snapshot.notProcessedYet && Date.now() - firedAtMs >= NOT_PROCESSED_GRACE_MS) {
                throw new src_errors/* ActionError */.lZ(`Harness has not processed trigger event ${event.id} after ${(0,summary/* formatDuration */.a3)(Date.now() - firedAtMs)}: ${log/* outside */.qY(snapshot.message ?? '')}`, { title: 'Trigger event not processed', hint: activityHistoryHint(settings) });
            }
            return snapshot;
        },
        isFinal: status => triggerEventOutcome(status) !== 'pending',
        describe: snapshot => describeEvent(event, snapshot),
        intervalMs,
        timeoutMs: settings.wait.timeoutMs,
        signal: context.signal
    }));
}
function describeEvent(event, snapshot) {
    if (snapshot.notProcessedYet)
        return `Trigger event ${event.id}: Harness has not processed the event yet.`;
    const message = snapshot.message ? ` (${log/* outside */.qY(snapshot.message)})` : '';
    return `Trigger event ${event.id}: ${snapshot.status}${message}`;
}
/** The execution the trigger started, followed exactly as harness-ng-run-pipeline follows its own. */
async function follow(settings, context, event, snapshot, startedAtMs) {
    const id = snapshot.pipelineExecutionId;
    if (!id) {
        throw new src_errors/* ActionError */.lZ(`Harness requested an execution for trigger event ${event.id} but did not say which (no pipelineExecutionId)`, {
            title: 'Unexpected answer from Harness',
            hint: activityHistoryHint(settings)
        });
    }
    const { pipeline } = settings;
    const client = new NextGenClient(settings.harness, settings.scope);
    log/* info */.pq(`Trigger '${settings.trigger}' started execution ${id}: ${client.executionUrl(pipeline, id)}`);
    // The wait for the event counted against 'timeout'; the execution's wait has what is left.
    const spentMs = Date.now() - startedAtMs;
    const followed = { ...settings, wait: { ...settings.wait, timeoutMs: Math.max(settings.wait.timeoutMs - spentMs, 1) } };
    const follower = new NgExecutionFollower({ client, id, pipeline, justStarted: true, settings: followed, context, startedAtMs: Date.now() });
    const status = snapshot.executionStatus ?? 'Running';
    await follower.report({ status, pipeline });
    const result = settings.wait.enabled ? await follower.wait() : follower.result({ id, status, pipeline, stages: [] });
    return withEvent(result, settings, event);
}
/**
 * A failure after Harness accepted the event (its details or the execution could not be read): the
 * step fails with the event's id as an output, and the hint to look in Harness before re-running,
 * since running the step again sends the webhook again.
 */
function lostTrack(settings, event, error, startedAtMs) {
    const hint = error.hint?.includes(activityHistoryHint(settings)) ? error.hint : [error.hint, activityHistoryHint(settings)].filter(Boolean).join(' ');
    return eventOnly(settings, event, startedAtMs, {
        status: 'unknown',
        outputs: {},
        details: [],
        failure: { title: error.title ?? 'Failed', message: `${error.message} (after Harness accepted trigger event ${event.id})`, hint }
    });
}
/** The result of a step that follows no execution (Harness ran none, or the step lost track of the event), with the event. */
function eventOnly(settings, event, startedAtMs, report) {
    const summary = {
        operation: settings.operation,
        target: `${settings.scope.org}/${settings.scope.project} / ${settings.pipeline}`,
        status: report.status,
        passed: report.failure === undefined,
        durationMs: Date.now() - startedAtMs,
        details: report.details
    };
    return withEvent({ outputs: report.outputs, summary, failure: report.failure }, settings, event);
}
/** The trigger and its event beside the execution's outputs and summary. */
function withEvent(result, settings, event) {
    const summary = result.summary;
    return {
        ...result,
        outputs: { 'event-id': event.id, ...result.outputs },
        summary: {
            ...summary,
            target: `${summary.target} (trigger ${settings.trigger})`,
            links: [...(summary.links ?? []), ...eventLinks(event)],
            details: [['Trigger', settings.trigger], ['Trigger event', event.id], ...(summary.details ?? [])]
        }
    };
}
function eventLinks(event) {
    return event.uiUrl ? [{ text: 'Trigger activity in Harness', href: event.uiUrl }] : [];
}
/** The step's result when the trigger ran nothing: skipped, refused, or not decided within 'timeout'. */
function notRun(settings, event, snapshot, startedAtMs, failure, 
/** The wait for Harness's decision ran out of 'timeout': the status is only the last one seen. */
waitTimedOut = false) {
    const outcome = triggerEventOutcome(snapshot.status);
    const status = outcome === 'skipped' ? 'Skipped' : snapshot.status;
    const normalized = outcome === 'skipped' ? 'skipped' : outcome === 'pending' ? 'queued' : 'failed';
    const details = [['Harness status', snapshot.status]];
    if (snapshot.message)
        details.push(['Message', snapshot.message]);
    return eventOnly(settings, event, startedAtMs, {
        status: waitTimedOut ? `${status} (timed out)` : status,
        outputs: { status, 'status-normalized': normalized },
        details,
        failure
    });
}
function timedOut(settings, snapshot) {
    return {
        title: 'Timed out',
        message: `Timed out after ${(0,summary/* formatDuration */.a3)(settings.wait.timeoutMs)} waiting for Harness to process the event of trigger '${settings.trigger}'; last status ${snapshot.status}${snapshot.notProcessedYet ? ' (not processed yet)' : ''}`,
        hint: `${activityHistoryHint(settings)} Raise 'timeout' to wait longer.`
    };
}
/** Says what is sent without showing it: a payload may hold values people should not read in a log. */
function payloadDescription(settings) {
    const bytes = Buffer.byteLength(settings.payload);
    return `a ${settings.contentType === 'application/json' ? 'JSON' : 'text'} payload (${bytes} byte${bytes === 1 ? '' : 's'})`;
}
/**
 * The body: inline, or the path of a .json file in the workspace. JSON goes as application/json
 * (what Harness's payload conditions and <+trigger.payload.x> expressions read), anything else as
 * text/plain; both are content types the endpoint consumes.
 */
function readPayload() {
    const value = (0,reader/* verbatim */.Bj)('payload') ?? inputs/* INPUT_DEFAULTS */.WJ.payload;
    const fileName = value.trim();
    const fromFile = !fileName.includes('\n') && /\.json$/i.test(fileName) && !/^[[{"]/.test(fileName);
    const payload = fromFile ? (0,reader/* workspaceFile */.EJ)('payload', fileName) : value;
    const problem = jsonProblem(payload);
    if (problem === undefined)
        return { payload, contentType: 'application/json' };
    if (fromFile)
        throw new src_errors/* InputError */.dz('payload', `names the file '${fileName}', which is not valid JSON: ${problem}.`);
    if (/^\s*[[{]/.test(payload)) {
        throw new src_errors/* InputError */.dz('payload', `looks like JSON but is not valid JSON: ${problem}. Fix it, or give plain text that does not start with '{' or '['.`);
    }
    return { payload, contentType: 'text/plain' };
}
function jsonProblem(text) {
    try {
        JSON.parse(text);
        return undefined;
    }
    catch (error) {
        return error instanceof Error ? error.message : String(error);
    }
}
function readNgTriggerWebhook() {
    return {
        operation: 'harness-ng-trigger-webhook',
        harness: readHarnessConnection(),
        scope: readScope(),
        pipeline: (0,reader/* identifier */.Cv)('pipeline', 'the identifier of the NextGen pipeline the trigger belongs to'),
        trigger: (0,reader/* identifier */.Cv)('trigger', 'the identifier of the custom webhook trigger'),
        ...readPayload(),
        abort: readAbort(true),
        wait: readWait(NEXTGEN_FINAL_STATUSES, NEXTGEN_DEFAULT_PASSING),
        skippedPasses: (0,reader/* list */.p_)('passing-statuses').some(status => status.toLowerCase() === 'skipped'),
        failureLogLines: readFailureLogLines(),
        github: readGitHubDeployment()
    };
}
const harness_ng_trigger_webhook_operation = {
    name: 'harness-ng-trigger-webhook',
    inputs: [
        ...inputs/* HARNESS_CONNECTION */.UP,
        ...inputs/* NEXTGEN_SCOPE */.Xv,
        'pipeline',
        'trigger',
        'payload',
        ...inputs/* HARNESS_WAIT */.Rc,
        ...inputs/* HARNESS_ABORT */.QC,
        ...inputs/* NEXTGEN_FAILURE_DETAIL */.x6,
        ...inputs/* GITHUB_DEPLOYMENT */.E7
    ],
    read: readNgTriggerWebhook,
    run: ngTriggerWebhook
};

;// CONCATENATED MODULE: ./src/operations/harness.ts






/**
 * The Harness family's registry, a chunk of the bundle of its own (with yaml, which only its readers
 * use). The order is the one the `operation` input's error lists them in.
 */
const HARNESS_OPERATIONS = [operation, harness_execution_status_operation, harness_artifact_cleanup_operation, harness_ng_run_pipeline_operation, harness_ng_execution_status_operation, harness_ng_trigger_webhook_operation];


/***/ })

};
