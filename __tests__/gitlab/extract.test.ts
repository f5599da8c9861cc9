import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { extractArchive } from '../../src/gitlab/extract.js'
import { ActionError } from '../../src/errors.js'
import type { ExtractionLimits } from '../../src/settings/index.js'
import { writeZip, type ZipEntry } from '../../simulator/zip.js'

const generous: ExtractionLimits = { maxBytes: 1024 ** 3, maxFiles: 100_000 }

/** Every path under `root`, relative, sorted. */
function tree(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).map(name => name.split(path.sep).join('/')).sort()
}

async function extract(
  entries: ZipEntry[],
  limits = generous
): Promise<{ root: string; out: string; result?: Awaited<ReturnType<typeof extractArchive>>; error?: ActionError }> {
  const root = mkdtempSync(path.join(tmpdir(), 'extract-test-'))
  const zip = path.join(root, 'archive.zip')
  await writeZip(zip, entries)
  const out = path.join(root, 'out')
  try {
    return { root, out, result: await extractArchive(zip, out, limits) }
  } catch (error) {
    if (!(error instanceof ActionError)) throw error
    return { root, out, error }
  }
}

describe('extractArchive', () => {
  it('extracts nested folders, unicode names, empty files and directory entries', async () => {
    const { out, result } = await extract([
      { name: 'dist/' },
      { name: 'dist/app/main.js', data: 'console.log(1)\n'.repeat(1000) },
      { name: 'dist/app/empty.txt', data: '' },
      { name: 'docs/ünïcödé/文件.md', data: '# hi' },
      { name: 'logs/', type: 'directory' },
      { name: './dot/relative.txt', data: 'x', method: 'store' }
    ])
    expect(result).toEqual({ files: 4, directories: 6, bytes: 15_000 + 4 + 1 })
    expect(tree(out)).toEqual([
      'dist',
      'dist/app',
      'dist/app/empty.txt',
      'dist/app/main.js',
      'docs',
      'docs/ünïcödé',
      'docs/ünïcödé/文件.md',
      'dot',
      'dot/relative.txt',
      'logs'
    ])
    expect(readFileSync(path.join(out, 'docs/ünïcödé/文件.md'), 'utf8')).toBe('# hi')
    expect(statSync(path.join(out, 'dist/app/empty.txt')).size).toBe(0)
  })

  it('keeps the execute bit of a Unix entry', async () => {
    const { out } = await extract([{ name: 'bin/tool', data: '#!/bin/sh\n', mode: 0o755 }])
    expect(statSync(path.join(out, 'bin/tool')).mode & 0o100).toBe(0o100)
  })

  it('streams a big entry and checks its CRC', async () => {
    const { out, result } = await extract([
      { name: 'big.bin', size: 5 * 1024 * 1024 + 3 },
      { name: 'small.txt', data: 'ok' }
    ])
    expect(result?.files).toBe(2)
    expect(statSync(path.join(out, 'big.bin')).size).toBe(5 * 1024 * 1024 + 3)
  })

  it.each([
    ['../escape.txt', "entry '../escape.txt' climbs out of the folder with '..'"],
    ['safe/../../escape.txt', "entry 'safe/../../escape.txt' climbs out of the folder with '..'"],
    ['/etc/evil', "entry '/etc/evil' has an absolute path"],
    ['C:/Windows/evil.dll', "entry 'C:/Windows/evil.dll' has an absolute path"]
  ])('refuses %s before writing anything', async (name, message) => {
    const { root, out, error } = await extract([
      { name: 'first.txt', data: 'written?' },
      { name, data: 'evil' }
    ])
    expect(error?.message).toContain(message)
    expect(error?.message).toContain('Nothing was extracted')
    expect(existsSync(out)).toBe(false)
    expect(tree(root)).toEqual(['archive.zip'])
  })

  it('refuses a symlink entry, naming it', async () => {
    const { out, error } = await extract([
      { name: 'ok.txt', data: 'x' },
      { name: 'link', type: 'symlink', data: '/etc/passwd' }
    ])
    expect(error?.message).toBe("Refused to extract the archive: entry 'link' is a symbolic link. Nothing was extracted.")
    expect(existsSync(out)).toBe(false)
  })

  it('refuses an archive with more entries than allowed, or bigger than allowed, before writing', async () => {
    const entries = [{ name: 'a', data: 'a'.repeat(600) }, { name: 'b', data: 'b'.repeat(600) }, { name: 'c/' }]
    const tooMany = await extract(entries, { maxBytes: 1e9, maxFiles: 2 })
    expect(tooMany.error?.message).toContain("it has 3 entries, more than 'max-extracted-files' (2)")
    const tooBig = await extract(entries, { maxBytes: 1000, maxFiles: 10 })
    expect(tooBig.error?.message).toContain("it unpacks to 1.2 KiB, more than 'max-extracted-size' (1000 B)")
    expect(existsSync(tooBig.out)).toBe(false)
  })

  it('stops an entry that inflates to more than its header says, and removes what it wrote', async () => {
    const { out, error } = await extract([
      { name: 'fine.txt', data: 'fine' },
      { name: 'bomb.txt', data: 'z'.repeat(100_000), declaredSize: 10 }
    ])
    expect(error?.message).toMatch(/^The artifacts archive is damaged at entry 'bomb.txt': /)
    expect(tree(out)).toEqual([])
  })

  it('finds corrupt data by its CRC, in stored and deflated entries', async () => {
    for (const method of ['store', 'deflate'] as const) {
      const { out, error } = await extract([
        { name: 'dir/ok.txt', data: 'fine' },
        { name: 'dir/bad.txt', data: 'some data '.repeat(50), method, corrupt: true }
      ])
      expect(error?.message).toMatch(/^The artifacts archive is damaged at entry 'dir\/bad.txt': /)
      expect(tree(out)).toEqual([])
    }
  })

  it('says a file that is not a zip is not a valid zip', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'extract-test-'))
    writeFileSync(path.join(root, 'not.zip'), '<html>Sign in</html>')
    await expect(extractArchive(path.join(root, 'not.zip'), path.join(root, 'out'), generous)).rejects.toThrow(
      /^The artifacts archive is not a valid zip file: /
    )
  })

  it('never writes through a symlink that is already in the folder', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'extract-test-'))
    const outside = path.join(root, 'outside')
    mkdirSync(outside)
    const out = path.join(root, 'out')
    mkdirSync(out)
    symlinkSync(outside, path.join(out, 'dir'))
    symlinkSync(path.join(outside, 'file.txt'), path.join(out, 'file.txt'))
    await writeZip(path.join(root, 'a.zip'), [{ name: 'dir/x.txt', data: 'x' }])
    await expect(extractArchive(path.join(root, 'a.zip'), out, generous)).rejects.toThrow("Refused to extract into 'dir'")
    await writeZip(path.join(root, 'b.zip'), [{ name: 'file.txt', data: 'x' }])
    await expect(extractArchive(path.join(root, 'b.zip'), out, generous)).rejects.toThrow('a symbolic link is already there')
    expect(readdirSync(outside)).toEqual([])
    expect(lstatSync(path.join(out, 'file.txt')).isSymbolicLink()).toBe(true)
  })

  it('extracts many small files', async () => {
    const entries = Array.from({ length: 2000 }, (_, i) => ({ name: `d${i % 20}/f${i}.txt`, data: `file ${i}` }))
    const { out, result } = await extract(entries)
    expect(result?.files).toBe(2000)
    expect(readFileSync(path.join(out, 'd7/f1987.txt'), 'utf8')).toBe('file 1987')
  })
})
