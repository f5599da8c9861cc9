import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { registerSecret } from '../src/secrets.js'
import { formatDuration, writeFailureSummary, writeSummary, type SummaryReport } from '../src/summary.js'
import { htmlProblems } from '../simulator/summary-html.js'
import { captureStdout } from './stdout.js'

// core.summary keeps the file it first wrote to: one file for every test, emptied before each.
const summaryFile = path.join(mkdtempSync(path.join(tmpdir(), 'summary-')), 'summary.md')
const stdout = captureStdout()

beforeEach(() => {
  writeFileSync(summaryFile, '')
  process.env.GITHUB_STEP_SUMMARY = summaryFile
})

function written(): string {
  return readFileSync(summaryFile, 'utf8')
}

const download: SummaryReport = {
  operation: 'gitlab-download-artifacts',
  target: 'shop/web job 42',
  status: 'downloaded',
  passed: true,
  durationMs: 3_400,
  links: [
    { text: 'GitLab job', href: 'https://gitlab.example.com/shop/web/-/jobs/42' },
    { text: 'Pipeline', href: 'https://gitlab.example.com/shop/web/-/pipelines/7?tab=jobs&x="y"' }
  ],
  details: [
    ['Size', '1.2 MiB (1258291 bytes)'],
    ['SHA-256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['Files', '3']
  ]
}

describe('writeSummary', () => {
  it('writes the table with every link, then the download facts', async () => {
    await writeSummary(download)
    expect(written()).toBe(
      '<h3>✅ gitlab-download-artifacts</h3>\n' +
        '<table><tr><th>Operation</th><th>Target</th><th>Status</th><th>Duration</th><th>Links</th></tr>' +
        '<tr><td>gitlab-download-artifacts</td><td>shop/web job 42</td><td>✅ downloaded</td><td>3.4s</td>' +
        '<td><a href="https://gitlab.example.com/shop/web/-/jobs/42">GitLab job</a><br>' +
        '<a href="https://gitlab.example.com/shop/web/-/pipelines/7?tab=jobs&amp;x=&quot;y&quot;">Pipeline</a></td></tr></table>\n' +
        '<table><tr><th>Detail</th><th>Value</th></tr><tr><td>Size</td><td>1.2 MiB (1258291 bytes)</td></tr>' +
        '<tr><td>SHA-256</td><td>e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855</td></tr>' +
        '<tr><td>Files</td><td>3</td></tr></table>\n'
    )
  })

  it('shows text from servers as text, never as HTML, and scrubs secrets', async () => {
    registerSecret('glpat-summary-secret')
    await writeSummary({ ...download, target: '<img src=x onerror=alert(1)>', details: [['Message', 'token glpat-summary-secret & more']] })
    expect(written()).toContain('<td>&lt;img src=x onerror=alert(1)&gt;</td>')
    expect(written()).toContain('<td>token &#42;&#42;&#42; &amp; more</td>')
  })

  it('writes nothing outside a runner, and keeps nothing for the next summary', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    await writeSummary(download)
    process.env.GITHUB_STEP_SUMMARY = summaryFile
    await writeFailureSummary('gitlab-keep-artifacts', { title: 'Invalid input', message: "Input 'job-id' is required." })
    expect(written()).toBe("<h3>❌ gitlab-keep-artifacts</h3>\n<p><strong>Invalid input</strong>: Input 'job-id' is required.</p>\n")
  })

  it('warns, and does not fail the step, when the summary cannot be written', async () => {
    await writeSummary(download)
    rmSync(summaryFile)
    mkdirSync(summaryFile)
    try {
      await expect(writeSummary(download)).resolves.toBeUndefined()
    } finally {
      rmSync(summaryFile, { recursive: true })
    }
    expect(stdout()).toMatch(/^::warning::Could not write the job summary: .*EISDIR/m)
  })
})

describe('formatDuration', () => {
  it.each([
    [400, '0.4s'],
    [9_940, '9.9s'],
    [59_400, '59s'],
    [120_000, '2m'],
    [61_000, '1m 1s'],
    [3_600_000, '1h 0m'],
    [5_025_000, '1h 23m']
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})

describe('the summary is valid HTML', () => {
  // Checked with parse5, the WHATWG parser: no parse error, and every element closed in order.
  const failure = { title: 'Deployment FAILED', message: "Stage 'deploy' failed: <exit 1> & more", hint: 'Open the execution in Harness.' }

  it.each<[string, () => Promise<void>]>([
    ['a download with links and details', () => writeSummary(download)],
    [
      'a failed execution with stages, one of them unnamed',
      () =>
        writeSummary(
          {
            ...download,
            passed: false,
            status: 'FAILED',
            links: [],
            details: [],
            stages: [
              { name: '', status: 'FAILED' },
              { name: 'Deploy', status: '' }
            ]
          },
          failure
        )
    ],
    [
      'no links, an empty target and empty detail values',
      () =>
        writeSummary({
          ...download,
          target: '',
          links: undefined,
          details: [
            ['Message', ''],
            ['', 'x']
          ]
        })
    ],
    [
      'a link that is not a web link, and one without a label',
      () =>
        writeSummary({
          ...download,
          links: [
            { text: 'x', href: 'javascript:alert(1)' },
            { text: '', href: 'https://gitlab.example.com/-/jobs/1' }
          ]
        })
    ],
    [
      'a table cut to its last row',
      () => writeSummary({ ...download, details: Array.from({ length: 250 }, (_, index): [string, string] => [`row ${index}`, 'v']) })
    ],
    [
      'markup, Markdown and newlines from a server',
      () => writeSummary({ ...download, target: '</td></tr><script>x</script> *a* | b\n\nc', details: [['Message', '<!-- x --> [l](http://e) `c`']] }, failure)
    ],
    ['a step that could not run', () => writeFailureSummary('gitlab-keep-artifacts', { title: 'Invalid input', message: "Input 'job-id' is required." })]
  ])('%s', async (_, write) => {
    await write()
    expect(htmlProblems(written())).toEqual([])
  })

  it('shows a dash in an empty cell, and an unlabelled link by its address', async () => {
    await writeSummary({ ...download, links: [{ text: '', href: 'https://gitlab.example.com/-/jobs/1' }], stages: [{ name: '', status: 'FAILED' }] })
    expect(written()).toContain('<a href="https://gitlab.example.com/-/jobs/1">https://gitlab.example.com/-/jobs/1</a>')
    expect(written()).toContain('<tr><td>—</td><td>FAILED</td></tr>')
  })

  it('the check itself finds an unclosed cell and a stray end tag', () => {
    expect(htmlProblems('<table><tr><td>a<td></tr></table>')).toContain('</tr> at line 1, column 21 closes <td> opened at line 1, column 17')
    expect(htmlProblems('<p>a</span></p>')).toEqual(['</span> at line 1, column 5 closes <p> opened at line 1, column 1'])
  })
})
