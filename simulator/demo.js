// @ts-check
// `npm run demo`: the action as a release gate. A release workflow runs twice, each step of the
// action started exactly as the GitHub runner starts it (dist/index.js on Node 24, INPUT_*
// variables, output and summary files), against the built-in local simulator: a FirstGen
// deployment that passes lets the release step run; a NextGen deployment that fails stops it. The
// log is printed as GitHub shows it: secrets as ***, groups, progress, the error annotation, and
// the job summary rendered as text.
// `npm run demo -- --workspace DIR`: where the runs' files go (default .tmp/demo), kept after exit.
// `npm run demo -- --serve`: keeps the simulators up on fixed ports, for @github/local-action and .env.example.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { Transform } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { startGitHubSimulator } from './github.js'
import { startGitLab } from './gitlab.js'
import { demoScenario, startHarnessFirstGen } from './harness-firstgen.js'
import { DEMO_NEXTGEN, startHarnessNextGen } from './harness-nextgen.js'
import { defaultBundle, projectRoot, runAction } from './run-action.js'
import { summaryAsText } from './summary-html.js'

const SERVE_PORTS = { firstGen: 4010, nextGen: 4011, gitLab: 4020, gitHub: 4030 }
const GITLAB_TOKEN = 'glpat-simulator-token'
const GITHUB_TOKEN = 'ghs_simulator-token'
const GITLAB_PROJECT = { id: 7, path: 'shop/web' }
const ACTION = 'your-org/harness-gitlab-action@v1'
/** Downloads are slowed to this so that the action's progress lines (every 5 s) show. */
const DEMO_BYTES_PER_SECOND = 1024 * 1024

/** The commit being released: GitLab builds it (a mirror of this repository), GitHub releases it. */
const RELEASE_COMMIT = '5d4ba44e778561a4927899d78b8ad6f731559315'

/**
 * GitLab's pipelines on `main`: the one for the release commit, still building when the release job
 * starts, and a newer one for the commit after it, already done. A download by ref would take the
 * newer one's build; the demo takes the release commit's, by `sha`, and waits for it.
 */
const GITLAB_PIPELINES = [
  { id: 9001, ref: 'main', sha: RELEASE_COMMIT, status: 'running' },
  { id: 9002, ref: 'main', sha: 'c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe', status: 'success' }
]

/** The `build` job of each pipeline; the release commit's finishes while the step watches it. */
const GITLAB_JOBS = [
  {
    id: 1001,
    name: 'build',
    pipeline: 9001,
    statuses: ['running', 'running', 'success'],
    etag: 'sha256',
    entries: [
      { name: 'dist/', type: /** @type {const} */ ('directory') },
      { name: 'dist/app-1.4.2.tar.gz', size: 6 * 1024 * 1024, seed: 1 },
      { name: 'dist/checksums.txt', data: Buffer.from('app-1.4.2.tar.gz\n') },
      { name: 'reports/coverage.json', data: Buffer.from('{"lines": 93.4}\n') }
    ]
  },
  { id: 1002, name: 'build', pipeline: 9002, entries: [{ name: 'dist/app-1.4.3-dev.tar.gz', data: Buffer.from('not this one\n') }] }
]

/**
 * Starts the four simulators; when one cannot start (a port in use), closes those that did and throws.
 * @param {boolean} serve  On the fixed ports, or on any free ones.
 */
async function startSimulators(serve) {
  const port = /** @param {number} fixed */ fixed => (serve ? fixed : undefined)
  /** @type {Array<{ close: () => Promise<unknown> }>} */
  const running = []
  /** @template {{ close: () => Promise<unknown> }} T @param {Promise<T>} starting */
  const tracked = async starting => {
    const server = await starting
    running.push(server)
    return server
  }
  const firstGen = tracked(startHarnessFirstGen(demoScenario(), { port: port(SERVE_PORTS.firstGen) }))
  const nextGen = tracked(startHarnessNextGen({ port: port(SERVE_PORTS.nextGen) }))
  const gitLab = tracked(
    startGitLab({
      jobs: GITLAB_JOBS,
      pipelines: GITLAB_PIPELINES,
      project: GITLAB_PROJECT,
      token: GITLAB_TOKEN,
      redirectToStorage: true,
      port: port(SERVE_PORTS.gitLab)
    })
  )
  const gitHub = tracked(startGitHubSimulator({ port: port(SERVE_PORTS.gitHub) }))
  const failure = (await Promise.allSettled([firstGen, nextGen, gitLab, gitHub])).find(result => result.status === 'rejected')
  const close = () => Promise.all(running.map(server => server.close()))
  if (failure) {
    await close()
    throw failure.reason
  }
  return { firstGen: await firstGen, nextGen: await nextGen, gitLab: await gitLab, gitHub: await gitHub, close }
}

/** @typedef {Awaited<ReturnType<typeof startSimulators>>} Simulators */

/** Passes response bodies on at `bytesPerSecond`. @param {number} bytesPerSecond */
function throttle(bytesPerSecond) {
  const slice = 64 * 1024
  /** @param {Transform} stream @param {Buffer} chunk */
  const passOnSlowly = async (stream, chunk) => {
    for (let at = 0; at < chunk.length; at += slice) {
      const part = chunk.subarray(at, at + slice)
      await sleep((part.length / bytesPerSecond) * 1000)
      stream.push(part)
    }
  }
  return new Transform({
    /** @param {Buffer} chunk @param {BufferEncoding} _encoding @param {(error?: Error | null) => void} done */
    transform(chunk, _encoding, done) {
      passOnSlowly(this, chunk).then(() => done(), done)
    }
  })
}

/**
 * A reverse proxy on loopback that slows what `target` answers, and points redirects to other
 * origins through their own proxies, so that those stay other origins (credentials never follow).
 * @param {string} target
 * @param {Array<[from: string, to: string]>} [redirects]
 */
async function startSlowProxy(target, redirects = []) {
  const upstream = new URL(target)
  const server = http.createServer((request, response) => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } },
      answer => {
        const headers = { ...answer.headers }
        const redirect = redirects.find(([from]) => headers.location?.startsWith(from))
        if (redirect && headers.location) headers.location = redirect[1] + headers.location.slice(redirect[0].length)
        response.writeHead(answer.statusCode ?? 502, headers)
        answer.pipe(throttle(DEMO_BYTES_PER_SECOND)).pipe(response)
      }
    )
    forward.on('error', () => response.destroy())
    request.pipe(forward)
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise(resolve => (server.closeAllConnections(), server.close(() => resolve(undefined))))
  }
}

/**
 * One step of the demo workflow: this action with its `with:` inputs (those in `secrets` come from
 * `${{ secrets.* }}`, which the runner masks), or a shell step that publishes the release.
 * @typedef {object} ActionStep
 * @property {string} id  The step's id: its outputs are steps.<id>.outputs.
 * @property {string} name
 * @property {Record<string, string>} with
 * @property {string[]} secrets
 *
 * @typedef {object} ReleaseStep
 * @property {string} name
 * @property {(outputs: Record<string, Record<string, string>>) => string[]} release  The command it runs.
 *
 * @typedef {object} DemoRun
 * @property {string} title
 * @property {string} tag
 * @property {Array<ActionStep | ReleaseStep>} steps
 */

/**
 * @param {Simulators} sims
 * @param {{ gitLab: string }} proxies
 * @returns {DemoRun[]}
 */
function demoRuns(sims, proxies) {
  const firstGen = demoScenario()
  /** @param {string} tag @returns {ReleaseStep} */
  const publish = tag => ({
    name: 'Publish the GitHub release',
    release: outputs => [
      'gh release create',
      tag,
      `--notes "Deployed by Harness: ${outputs.deploy?.['execution-url'] ?? ''}"`,
      ...(outputs.artifacts?.['download-path'] ? listFiles(outputs.artifacts['download-path']).map(file => path.join('artifacts', file)) : [])
    ]
  })
  return [
    {
      title: 'Release v1.4.2: the FirstGen deployment passes, so the release is published',
      tag: 'v1.4.2',
      steps: [
        {
          id: 'artifacts',
          name: "Download the GitLab build job's artifacts",
          secrets: ['gitlab-token'],
          with: {
            operation: 'gitlab-download-artifacts',
            'gitlab-url': proxies.gitLab,
            'gitlab-token': GITLAB_TOKEN,
            project: GITLAB_PROJECT.path,
            sha: RELEASE_COMMIT,
            job: 'build',
            wait: 'true',
            'poll-interval': '0.3s',
            path: 'artifacts'
          }
        },
        {
          id: 'deploy',
          name: 'Deploy with Harness FirstGen, through its approval',
          secrets: ['harness-api-key', 'github-token'],
          with: {
            operation: 'harness-start-execution',
            'harness-url': sims.firstGen.url,
            'harness-api-key': firstGen.apiKey,
            'harness-account-id': firstGen.accountId,
            application: 'shop',
            pipeline: 'Release to production',
            'service-artifacts': 'api: docker-api@1.4.2',
            'poll-interval': '0.3s',
            'github-token': GITHUB_TOKEN,
            'github-environment': 'production'
          }
        },
        publish('v1.4.2')
      ]
    },
    {
      title: 'Release v1.4.3: the NextGen deployment fails, so the release step never runs',
      tag: 'v1.4.3',
      steps: [
        {
          id: 'deploy',
          name: 'Deploy with Harness NextGen',
          secrets: ['harness-api-key', 'github-token'],
          with: {
            operation: 'harness-ng-run-pipeline',
            'harness-url': sims.nextGen.url,
            'harness-api-key': DEMO_NEXTGEN.apiKey,
            'harness-account-id': DEMO_NEXTGEN.accountId,
            'harness-org': DEMO_NEXTGEN.org,
            'harness-project': DEMO_NEXTGEN.project,
            pipeline: 'deploy_broken',
            'poll-interval': '0.3s',
            'github-token': GITHUB_TOKEN,
            'github-environment': 'production'
          }
        },
        publish('v1.4.3')
      ]
    },
    {
      title: 'Release v1.4.4: a NextGen custom webhook trigger starts the deployment, which passes, so the release is published',
      tag: 'v1.4.4',
      steps: [
        {
          id: 'deploy',
          name: "Deploy through the pipeline's custom webhook trigger",
          secrets: ['harness-api-key'],
          with: {
            operation: 'harness-ng-trigger-webhook',
            'harness-url': sims.nextGen.url,
            'harness-api-key': DEMO_NEXTGEN.apiKey,
            'harness-account-id': DEMO_NEXTGEN.accountId,
            'harness-org': DEMO_NEXTGEN.org,
            'harness-project': DEMO_NEXTGEN.project,
            pipeline: 'deploy_payments',
            trigger: 'on_release',
            payload: '{"version": "1.4.4"}',
            'poll-interval': '0.3s'
          }
        },
        publish('v1.4.4')
      ]
    }
  ]
}

/** What the runner hides: values of `secrets.*` and every value the action registered with add-mask. */
class Masks {
  /** @type {Set<string>} */
  values = new Set()

  /** @param {string} value */
  add(value) {
    if (value.trim() !== '') this.values.add(value)
  }

  /** @param {string} text */
  apply(text) {
    let masked = text
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) masked = masked.split(value).join('***')
    return masked
  }
}

/** @param {string} text */
function unescapeCommand(text) {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')
}

/**
 * The step's log as GitHub shows it: groups as ▸ lines, annotations as `Error: ...` (their titles
 * go to the run's Annotations box), add-mask and debug lines hidden, masked values as ***.
 * @param {string} log
 * @param {Masks} masks
 * @param {Array<{ level: string, title: string, message: string }>} annotations  Filled with the step's annotations.
 */
function printLog(log, masks, annotations) {
  for (const line of log.split('\n')) {
    const mask = /^::add-mask::(.*)$/.exec(line)
    if (mask) {
      masks.add(unescapeCommand(mask[1]))
      continue
    }
    if (line === '' || /^::(endgroup|debug)::/.test(line)) continue
    if (line.startsWith('::group::')) {
      console.log(`      ▸ ${masks.apply(line.slice('::group::'.length))}`)
      continue
    }
    const annotation = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line)
    if (annotation) {
      const title = /title=([^,]*)/.exec(annotation[2] ?? '')?.[1]
      const message = masks.apply(unescapeCommand(annotation[3]))
      const level = annotation[1]
      annotations.push({ level, title: title ? masks.apply(unescapeCommand(title)) : '', message })
      console.log(`      ${level[0].toUpperCase()}${level.slice(1)}: ${message.split('\n').join('\n        ')}`)
      continue
    }
    console.log(`      ${masks.apply(line)}`)
  }
}

/**
 * Runs one workflow run: its steps in order; after a failed step the next ones are skipped, as
 * GitHub skips steps without `if: always()`.
 * @param {DemoRun} run
 * @param {string} workspace
 * @param {Record<string, string>} env
 */
async function runWorkflow(run, workspace, env) {
  console.log(`\n━━ ${run.title}`)
  // Each run starts from an empty workspace, as on a runner; only the run's own folder is removed,
  // never the --workspace folder itself.
  rmSync(workspace, { recursive: true, force: true })
  mkdirSync(workspace, { recursive: true })
  /** @type {Record<string, Record<string, string>>} */
  const outputs = {}
  /** @type {Array<{ level: string, title: string, message: string }>} */
  const annotations = []
  let failed = false
  let released = false
  for (const step of run.steps) {
    if (failed) {
      console.log(`\n  ⊘ ${step.name}: skipped, a step before it failed`)
      continue
    }
    if ('release' in step) {
      console.log(`\n  ▶ ${step.name}`)
      console.log(`      $ ${step.release(outputs).join(' \\\n          ')}`)
      console.log('      (the demo shows the command; a workflow would publish the release here)')
      released = true
      continue
    }
    const masks = new Masks()
    for (const secret of step.secrets) masks.add(step.with[secret])
    console.log(`\n  ▶ ${step.name}`)
    console.log(`      Run ${ACTION}`)
    console.log('        with:')
    for (const [input, value] of Object.entries(step.with)) console.log(`          ${input}: ${masks.apply(value).split('\n').join('\n            ')}`)
    const result = await runAction(step.with, { env, workspace })
    printLog(result.stdout + result.stderr, masks, annotations)
    outputs[step.id] = result.outputs
    console.log(`    Outputs (steps.${step.id}.outputs):`)
    for (const [output, value] of Object.entries(result.outputs)) console.log(`      ${output}: ${masks.apply(value)}`)
    console.log("    Job summary (as the run's summary page shows it):")
    for (const line of summaryAsText(result.summary)) console.log(line === '' ? '' : `      ${masks.apply(line)}`)
    if (result.code !== 0) {
      failed = true
      console.log(`    ❌ The step failed (exit code ${result.code})`)
    }
  }
  if (annotations.length > 0) {
    console.log('\n  Annotations')
    for (const annotation of annotations) {
      const icon = annotation.level === 'error' ? '❌' : annotation.level === 'warning' ? '⚠️' : 'ℹ️'
      console.log(`    ${icon} ${annotation.title || annotation.level}`)
      for (const line of annotation.message.split('\n')) console.log(`       ${line}`)
    }
  }
  return { tag: run.tag, failed, released, outputs }
}

/** @param {string} folder @returns {string[]} */
function listFiles(folder, prefix = '') {
  return readdirSync(folder, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory() ? listFiles(path.join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]
  )
}

/** @param {Simulators} sims @param {string} workspaceRoot */
async function runDemo(sims, workspaceRoot) {
  const storageProxy = await startSlowProxy(sims.gitLab.storage.url)
  const gitLabProxy = await startSlowProxy(sims.gitLab.url, [[sims.gitLab.storage.url, storageProxy.url]])
  const env = {
    GITHUB_REPOSITORY: 'octo-org/shop',
    GITHUB_SHA: '3f786850e387550fdab836ed7e6dc881de23001b',
    GITHUB_WORKFLOW: 'release',
    GITHUB_RUN_ID: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: sims.gitHub.url
  }
  const results = []
  try {
    for (const run of demoRuns(sims, { gitLab: gitLabProxy.url })) {
      results.push(await runWorkflow(run, path.join(workspaceRoot, `release-${run.tag}`), { ...env, GITHUB_REF_NAME: run.tag }))
    }
  } finally {
    await Promise.all([gitLabProxy.close(), storageProxy.close()])
  }
  const [passing, failing] = results
  console.log('\n━━ What happened')
  for (const result of results) {
    console.log(
      `  ${result.failed ? '❌' : '✅'} ${result.tag}: deployment ${result.failed ? 'failed' : 'passed'} → release ${result.released ? 'published' : 'NOT published (step skipped)'}`
    )
  }
  const deployments = sims.gitHub.deployments.map(deployment => `${deployment.environment} ${deployment.statuses.at(-1)?.state ?? 'no status'}`)
  console.log(`  GitHub deployments recorded by the fake GitHub API: ${deployments.join(', ') || 'none'}`)
  console.log(`  GitLab credentials that reached the storage host: ${sims.gitLab.leaks.length}`)
  const downloaded = passing.outputs.artifacts?.['download-path']
  if (downloaded) console.log(`  The downloaded artifacts are kept in ${path.relative(process.cwd(), downloaded) || '.'} (replaced at the next demo)`)
  const asDesigned = !passing.failed && passing.released && failing.failed && !failing.released
  return asDesigned && sims.gitLab.leaks.length === 0
}

/** @param {Simulators} sims */
async function serve(sims) {
  console.log('The local simulator is up (Ctrl-C to stop):')
  console.log(`  Harness FirstGen  ${sims.firstGen.url}   key ${demoScenario().apiKey}, account ${demoScenario().accountId}`)
  console.log(`  Harness NextGen   ${sims.nextGen.url}   key ${DEMO_NEXTGEN.apiKey}, account ${DEMO_NEXTGEN.accountId}`)
  console.log(
    `  GitLab            ${sims.gitLab.url}   token ${GITLAB_TOKEN}, project ${GITLAB_PROJECT.path}, job 'build' of commit ${RELEASE_COMMIT.slice(0, 8)} on main`
  )
  console.log(`  GitHub API        ${sims.gitHub.url}`)
  console.log('Run the action against it, in another terminal at the repository root:')
  console.log('  mkdir -p .tmp && cp .env.example .env')
  console.log('  npx @github/local-action run . src/main.ts .env')
  await new Promise(resolve => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
}

/** @param {string} name */
function argument(name) {
  const at = process.argv.indexOf(name)
  return at < 0 ? undefined : process.argv[at + 1]
}

const serving = process.argv.includes('--serve')
if (!serving && !existsSync(defaultBundle)) {
  console.error('dist/index.js is missing: run `npm run build` first.')
  process.exit(1)
}
/** @type {Simulators} */
let sims
try {
  sims = await startSimulators(serving)
} catch (error) {
  const code = /** @type {NodeJS.ErrnoException} */ (error).code
  if (code !== 'EADDRINUSE') throw error
  const port = /** @type {{ port?: number }} */ (error).port
  console.error(
    `Port ${port} is already in use: another \`npm run demo -- --serve\` may still be running (stop it with Ctrl-C), or another program holds the port (ports ${Object.values(SERVE_PORTS).join(', ')} are needed).`
  )
  process.exit(1)
}
let ok = true
try {
  if (serving) await serve(sims)
  else ok = await runDemo(sims, path.resolve(argument('--workspace') ?? path.join(projectRoot, '.tmp', 'demo')))
} finally {
  await sims.close()
}
process.exitCode = ok ? 0 : 1
