// @ts-check
// `npm run demo`: runs the action's main jobs, exactly as the GitHub runner would, against the
// built-in local Harness/GitLab simulator (and a fake GitHub API for the deployment it mirrors).
// `npm run demo -- --serve`: keeps the simulators up on fixed ports, for @github/local-action and .env.example.
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { startGitHubSimulator } from './github.js'
import { startGitLab } from './gitlab.js'
import { demoScenario, startHarnessFirstGen } from './harness-firstgen.js'
import { DEMO_NEXTGEN, startHarnessNextGen } from './harness-nextgen.js'
import { defaultBundle, runAction } from './run-action.js'

const SERVE_PORTS = { firstGen: 4010, nextGen: 4011, gitLab: 4020, gitHub: 4030 }
const GITLAB_TOKEN = 'glpat-simulator-token'
const GITLAB_PROJECT = { id: 7, path: 'shop/web' }

/** A GitLab `build` job on `main` whose artifacts a GitHub job wants. */
const GITLAB_JOBS = [
  {
    id: 1001,
    name: 'build',
    ref: 'main',
    etag: 'sha256',
    entries: [
      { name: 'dist/', type: /** @type {const} */ ('directory') },
      { name: 'dist/app-1.4.2.tar.gz', size: 3 * 1024 * 1024, seed: 1 },
      { name: 'dist/checksums.txt', data: Buffer.from('app-1.4.2.tar.gz\n') },
      { name: 'reports/coverage.json', data: Buffer.from('{"lines": 93.4}\n') }
    ]
  }
]

/** @param {boolean} serve */
async function startSimulators(serve) {
  const port = /** @param {number} fixed */ fixed => (serve ? fixed : undefined)
  const [firstGen, nextGen, gitLab, gitHub] = await Promise.all([
    startHarnessFirstGen(demoScenario(), { port: port(SERVE_PORTS.firstGen) }),
    startHarnessNextGen({ port: port(SERVE_PORTS.nextGen) }),
    startGitLab({ jobs: GITLAB_JOBS, project: GITLAB_PROJECT, token: GITLAB_TOKEN, redirectToStorage: true, port: port(SERVE_PORTS.gitLab) }),
    startGitHubSimulator({ port: port(SERVE_PORTS.gitHub) })
  ])
  const close = () => Promise.all([firstGen.close(), nextGen.close(), gitLab.close(), gitHub.close()])
  return { firstGen, nextGen, gitLab, gitHub, close }
}

/** @typedef {Awaited<ReturnType<typeof startSimulators>>} Simulators */

/**
 * The jobs the demo runs: deploy and gate on Harness (both generations), then bring GitLab artifacts over.
 * @param {Simulators} sims
 * @returns {Array<{ title: string, inputs: Record<string, string> }>}
 */
function demoSteps(sims) {
  const firstGen = demoScenario()
  return [
    {
      title: 'FirstGen: start "Release to production" and wait through its approval, mirrored onto a GitHub deployment',
      inputs: {
        operation: 'harness-start-execution',
        'harness-url': sims.firstGen.url,
        'harness-api-key': firstGen.apiKey,
        'harness-account-id': firstGen.accountId,
        application: 'shop',
        pipeline: 'Release to production',
        'service-artifacts': 'api: docker-api@1.4.2',
        variables: 'region=eu-west-1',
        'poll-interval': '0.3s',
        'github-token': 'ghs_simulator-token',
        'github-environment': 'production'
      }
    },
    {
      title: 'NextGen: run deploy_payments with runtime inputs and follow it to the end',
      inputs: {
        operation: 'harness-ng-run-pipeline',
        'harness-url': sims.nextGen.url,
        'harness-api-key': DEMO_NEXTGEN.apiKey,
        'harness-account-id': DEMO_NEXTGEN.accountId,
        'harness-org': DEMO_NEXTGEN.org,
        'harness-project': DEMO_NEXTGEN.project,
        pipeline: 'deploy_payments',
        'runtime-inputs': "pipeline:\n  identifier: deploy_payments\n  variables:\n    - name: version\n      type: String\n      value: '1.4.2'\n",
        'poll-interval': '0.3s'
      }
    },
    {
      title: "GitLab: download the build job's artifacts from main (redirected to object storage) and extract them",
      inputs: {
        operation: 'gitlab-download-artifacts',
        'gitlab-url': sims.gitLab.url,
        'gitlab-token': GITLAB_TOKEN,
        project: GITLAB_PROJECT.path,
        ref: 'main',
        job: 'build',
        path: 'artifacts'
      }
    }
  ]
}

/** A log line as the GitHub log shows it (groups, annotations), or nothing for masks and debug lines. */
function render(/** @type {string} */ line) {
  if (/^::(add-mask|endgroup|debug)::/.test(line)) return undefined
  if (line.startsWith('::group::')) return `  ▸ ${line.slice('::group::'.length)}`
  const annotation = /^::(error|warning|notice)(?: title=([^:]*))?::(.*)$/.exec(line)
  if (annotation) {
    const text = annotation[3].replace(/%0A/g, '\n      ').replace(/%25/g, '%')
    return `    ${annotation[1]}${annotation[2] ? ` (${annotation[2]})` : ''}: ${text}`
  }
  return `    ${line}`
}

/** @param {string} text */
function printLog(text) {
  for (const line of text.split('\n')) {
    const shown = line === '' ? undefined : render(line)
    if (shown !== undefined) console.log(shown)
  }
}

/** @param {Simulators} sims */
async function runDemo(sims) {
  const env = {
    GITHUB_REPOSITORY: 'octo-org/shop',
    GITHUB_SHA: '3f786850e387550fdab836ed7e6dc881de23001b',
    GITHUB_WORKFLOW: 'demo',
    GITHUB_RUN_ID: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: sims.gitHub.url
  }
  const results = []
  for (const step of demoSteps(sims)) {
    console.log(`\n━━ ${step.title}`)
    const run = await runAction(step.inputs, { env })
    printLog(run.stdout + run.stderr)
    console.log('  outputs:')
    for (const [name, value] of Object.entries(run.outputs)) console.log(`    ${name} = ${value}`)
    if (step.inputs.operation === 'gitlab-download-artifacts' && run.outputs['download-path']) {
      console.log(`  extracted: ${listFiles(run.outputs['download-path']).join(', ')}`)
    }
    results.push({ operation: step.inputs.operation, passed: run.code === 0 })
  }
  console.log('\n━━ Result')
  for (const result of results) console.log(`  ${result.passed ? '✅' : '❌'} ${result.operation}`)
  const deployments = sims.gitHub.deployments
  console.log(`  GitHub deployments recorded by the fake GitHub API: ${deployments.length}`)
  console.log(`  GitLab credentials that reached the storage host: ${sims.gitLab.leaks.length}`)
  return results.every(result => result.passed) && sims.gitLab.leaks.length === 0
}

/** @param {string} folder @returns {string[]} */
function listFiles(folder, prefix = '') {
  return readdirSync(folder, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory() ? listFiles(path.join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]
  )
}

/** @param {Simulators} sims */
async function serve(sims) {
  console.log('The local simulator is up (Ctrl-C to stop):')
  console.log(`  Harness FirstGen  ${sims.firstGen.url}   key ${demoScenario().apiKey}, account ${demoScenario().accountId}`)
  console.log(`  Harness NextGen   ${sims.nextGen.url}   key ${DEMO_NEXTGEN.apiKey}, account ${DEMO_NEXTGEN.accountId}`)
  console.log(`  GitLab            ${sims.gitLab.url}   token ${GITLAB_TOKEN}, project ${GITLAB_PROJECT.path}, job 'build' on main`)
  console.log(`  GitHub API        ${sims.gitHub.url}`)
  console.log('Run the action against it: cp .env.example .env && npx @github/local-action run . src/main.ts .env')
  await new Promise(resolve => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
}

const serving = process.argv.includes('--serve')
if (!serving && !existsSync(defaultBundle)) {
  console.error('dist/index.js is missing: run `npm run build` first.')
  process.exit(1)
}
const sims = await startSimulators(serving)
let ok = true
try {
  if (serving) await serve(sims)
  else ok = await runDemo(sims)
} finally {
  await sims.close()
}
process.exitCode = ok ? 0 : 1
