// Dependencies point down: the clients (src/http, src/harness, src/gitlab, src/github) and the
// settings never import from src/operations, and no module imports itself through others.
// Read from the import statements of src/**/*.ts, type-only and dynamic imports included.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const src = path.join(root, 'src')

const files = readdirSync(src, { recursive: true, withFileTypes: true })
  .filter(entry => entry.isFile() && entry.name.endsWith('.ts'))
  .map(entry => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))

/** The src files one file imports: `import ... from`, `export ... from` and `import(...)` of a relative path. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8')
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map(
    match => match[1] ?? match[2]
  )
  return specifiers
    .filter(specifier => specifier.startsWith('.'))
    .map(specifier => path.posix.join(path.posix.dirname(file), specifier).replace(/\.js$/, '.ts'))
}

const graph = new Map(files.map(file => [file, importsOf(file)]))

describe('the import graph of src/', () => {
  it('is read from real imports', () => {
    expect(graph.get('src/main.ts')).toContain('src/operations/index.ts')
    for (const [file, imports] of graph) for (const target of imports) expect([file, files.includes(target)]).toEqual([file, true])
  })

  it('has no import from a client or the settings into src/operations', () => {
    const lower = /^src\/(?:http|harness|gitlab|github|settings)\//
    const upward = [...graph].flatMap(([file, imports]) =>
      lower.test(file) ? imports.filter(target => target.startsWith('src/operations/')).map(target => `${file} -> ${target}`) : []
    )
    expect(upward).toEqual([])
  })

  it('has no shared module importing src/operations', () => {
    const shared = ['src/results.ts', 'src/summary.ts', 'src/log.ts', 'src/errors.ts', 'src/secrets.ts', 'src/outputs.ts']
    expect(shared.flatMap(file => (graph.get(file) ?? []).filter(target => target.startsWith('src/operations/')))).toEqual([])
  })

  it('has no cycle', () => {
    const cycles: string[] = []
    const state = new Map<string, 'visiting' | 'done'>()
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '))
        return
      }
      state.set(file, 'visiting')
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file])
      state.set(file, 'done')
    }
    for (const file of files) visit(file, [])
    expect(cycles).toEqual([])
  })
})
