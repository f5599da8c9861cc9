import * as core from '@actions/core'
import { constants } from 'node:fs'
import { lstat, mkdir, open, rmdir, unlink, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { crc32, inflateRawSync } from 'node:zlib'
import yauzl from 'yauzl'
import { ActionError, CancelledError } from '../errors.js'
import type { ExtractionLimits } from '../settings/index.js'
import { formatBytes, startProgress } from './progress.js'

// Extraction reads the central directory first and checks EVERY entry (names, types, counts,
// declared sizes) before it writes anything: a refused archive leaves nothing behind. Damage
// found while inflating (bad data, a wrong CRC, sizes that lie) stops it, and the files and
// folders this extraction created are removed again.

/** Entries at most this big are read, inflated and written in one piece; bigger ones are streamed. */
const SMALL_ENTRY_BYTES = 1024 * 1024
/** Files written at once: enough to keep the disk busy with many small files, few enough to bound memory. */
const CONCURRENCY = 8
const STREAM_BUFFER_BYTES = 1024 * 1024
const LOCAL_HEADER_BYTES = 30
/** Room for a local header's extra field, which may differ from the central directory's. */
const LOCAL_EXTRA_SLACK = 256
// Never follow a symlink already in the folder: it could point anywhere.
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0)

const S_IFMT = 0o170000
const S_IFREG = 0o100000
const S_IFDIR = 0o040000
const S_IFLNK = 0o120000
const UNIX_CREATOR = 3

export interface ExtractedArchive {
  files: number
  directories: number
  bytes: number
}

interface FileToWrite {
  entry: yauzl.Entry
  name: string
  target: string
  mode: number
}

/** Refusal of an archive, naming the entry and why. */
function refuse(name: string, why: string): ActionError {
  return new ActionError(`Refused to extract the archive: entry '${name}' ${why}. Nothing was extracted.`, {
    title: 'Unsafe artifacts archive',
    hint: 'GitLab Runner stores symlinks and paths as they were in the job; change the job so that its artifacts hold only regular files inside the project.'
  })
}

function damaged(name: string | undefined, reason: string): ActionError {
  const what = name === undefined ? 'The artifacts archive is not a valid zip file' : `The artifacts archive is damaged at entry '${name}'`
  return new ActionError(`${what}: ${reason}`, {
    title: 'Damaged artifacts archive',
    hint: 'The download completed but its content is not a readable zip archive; check the job that produced it.'
  })
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The entry's path parts inside the folder, or why it is refused. `[]` is the folder itself (`./`). */
function safeParts(name: string): string[] | string {
  if (name.includes('\0')) return 'has a NUL character in its name'
  if (name.startsWith('/') || /^[a-z]:/i.test(name)) return 'has an absolute path'
  const parts = name.split('/').filter(part => part !== '' && part !== '.')
  if (parts.includes('..')) return "climbs out of the folder with '..'"
  if (process.platform === 'win32' && parts.some(part => part.includes(':'))) return "has a ':' in its name, which Windows reads as a drive or stream"
  return parts
}

/** The Unix file type of an entry, when the archive recorded one (GitLab Runner does). */
function unixType(entry: yauzl.Entry): number {
  return (entry.externalFileAttributes >>> 16) & S_IFMT
}

function fileMode(entry: yauzl.Entry): number {
  const permissions = (entry.externalFileAttributes >>> 16) & 0o777
  // Execute bits matter for built tools; the umask still applies, as with unzip.
  return entry.versionMadeBy >> 8 === UNIX_CREATOR && permissions !== 0 ? permissions : 0o666
}

interface Plan {
  files: FileToWrite[]
  directories: string[]
  declaredBytes: number
}

/** Reads the central directory and checks every entry; throws before anything is written. */
async function planExtraction(zipfile: yauzl.ZipFile, folder: string, limits: ExtractionLimits): Promise<Plan> {
  if (zipfile.entryCount > limits.maxFiles) {
    throw new ActionError(
      `Refused to extract the archive: it has ${zipfile.entryCount} entries, more than 'max-extracted-files' (${limits.maxFiles}). Nothing was extracted.`,
      { title: 'Artifacts archive too large', hint: "Raise 'max-extracted-files' if the archive is expected to be this big." }
    )
  }
  const files: FileToWrite[] = []
  const directories = new Set<string>()
  const targets = new Set<string>()
  let declaredBytes = 0
  try {
    for await (const entry of zipfile.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false)
      const parts = safeParts(name)
      if (typeof parts === 'string') throw refuse(name, parts)
      const type = unixType(entry)
      if (type === S_IFLNK) throw refuse(name, 'is a symbolic link')
      if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) throw refuse(name, 'is a special file (device, FIFO or socket)')
      if (parts.length === 0) continue
      const target = path.join(folder, ...parts)
      if (targets.has(target)) throw refuse(name, 'appears more than once')
      targets.add(target)
      for (let depth = 1; depth < parts.length; depth++) directories.add(path.join(folder, ...parts.slice(0, depth)))
      if (name.endsWith('/') || type === S_IFDIR) {
        directories.add(target)
        continue
      }
      if (!entry.canDecodeFileData()) {
        throw refuse(name, `is encrypted or compressed with method ${entry.compressionMethod}; only stored and deflated entries can be extracted`)
      }
      declaredBytes += entry.uncompressedSize
      files.push({ entry, name, target, mode: fileMode(entry) })
    }
  } catch (error) {
    throw error instanceof ActionError ? error : damaged(undefined, reasonOf(error))
  }
  const clash = files.find(file => directories.has(file.target))
  if (clash) throw refuse(clash.name, 'is a file and also a folder of other entries')
  if (declaredBytes > limits.maxBytes) {
    throw new ActionError(
      `Refused to extract the archive: it unpacks to ${formatBytes(declaredBytes)}, more than 'max-extracted-size' (${formatBytes(limits.maxBytes)}). Nothing was extracted.`,
      { title: 'Artifacts archive too large', hint: "Raise 'max-extracted-size' if the archive is expected to be this big." }
    )
  }
  // Reading in archive order keeps the reads of the zip sequential.
  files.sort((a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader)
  return { files, directories: [...directories].sort((a, b) => a.length - b.length), declaredBytes }
}

/** Tracks what this extraction created, so that a failure can take it back. */
class Created {
  readonly files: string[] = []
  readonly directories: string[] = []

  async remove(): Promise<void> {
    await Promise.all(this.files.map(file => unlink(file).catch(() => undefined)))
    for (const directory of this.directories.reverse()) await rmdir(directory).catch(() => undefined)
  }
}

/** Creates the folders parents first; one that already exists must be a real folder, not a symlink. */
async function createDirectories(directories: string[], folder: string, created: Created): Promise<void> {
  for (const directory of directories) {
    try {
      await mkdir(directory)
      created.directories.push(directory)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const stats = await lstat(directory)
      if (!stats.isDirectory()) {
        throw new ActionError(`Refused to extract into '${path.relative(folder, directory)}': it already exists in '${folder}' and is ${stats.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}.`, {
          title: 'Unsafe extraction target'
        })
      }
    }
  }
}

/** A small entry in one read: its local header (whose name and extra lengths decide where the data starts) and data. */
async function readSmallEntry(archive: FileHandle, file: FileToWrite): Promise<Buffer> {
  const { entry } = file
  const length = LOCAL_HEADER_BYTES + entry.fileNameLength + LOCAL_EXTRA_SLACK + entry.compressedSize
  const buffer = Buffer.allocUnsafe(length)
  const { bytesRead } = await archive.read(buffer, 0, length, entry.relativeOffsetOfLocalHeader)
  if (bytesRead < LOCAL_HEADER_BYTES || buffer.readUInt32LE(0) !== 0x04034b50) throw new Error('invalid local file header')
  const dataStart = LOCAL_HEADER_BYTES + buffer.readUInt16LE(26) + buffer.readUInt16LE(28)
  let stored = buffer.subarray(dataStart, dataStart + entry.compressedSize)
  if (dataStart + entry.compressedSize > bytesRead) {
    stored = Buffer.allocUnsafe(entry.compressedSize)
    const rest = await archive.read(stored, 0, entry.compressedSize, entry.relativeOffsetOfLocalHeader + dataStart)
    if (rest.bytesRead < entry.compressedSize) throw new Error('the archive ends inside this entry')
  }
  const data = entry.compressionMethod === 8 ? inflateRawSync(stored, { maxOutputLength: Math.max(entry.uncompressedSize, 1) }) : stored
  if (data.length !== entry.uncompressedSize) throw new Error(`it holds ${data.length} bytes, not the ${entry.uncompressedSize} its header says`)
  return data
}

class Extraction {
  files = 0
  bytes = 0

  constructor(
    private readonly zipfile: yauzl.ZipFile,
    private readonly archive: FileHandle,
    private readonly limits: ExtractionLimits,
    private readonly created: Created
  ) {}

  /** Counts bytes as they are written: the archive's declared sizes are a claim, this is the fact. */
  private count(bytes: number): void {
    this.bytes += bytes
    if (this.bytes > this.limits.maxBytes) {
      throw new ActionError(`Stopped extracting: the archive unpacks to more than 'max-extracted-size' (${formatBytes(this.limits.maxBytes)}).`, {
        title: 'Artifacts archive too large'
      })
    }
  }

  async write(file: FileToWrite): Promise<void> {
    const output = await openForWriting(file.target, file.mode)
    this.created.files.push(file.target)
    try {
      const crc = file.entry.uncompressedSize <= SMALL_ENTRY_BYTES && file.entry.compressedSize <= SMALL_ENTRY_BYTES ? await this.writeSmall(file, output) : await this.writeStreamed(file, output)
      if (crc !== file.entry.crc32) throw new Error('its CRC-32 does not match: the data is corrupt')
    } catch (error) {
      throw error instanceof ActionError ? error : damaged(file.name, reasonOf(error))
    } finally {
      await output.close()
    }
    this.files++
  }

  private async writeSmall(file: FileToWrite, output: FileHandle): Promise<number> {
    const data = await readSmallEntry(this.archive, file)
    this.count(data.length)
    await output.writeFile(data)
    return crc32(data)
  }

  private async writeStreamed(file: FileToWrite, output: FileHandle): Promise<number> {
    let crc = 0
    const count = (bytes: number): void => this.count(bytes)
    await pipeline(
      await this.zipfile.openReadStreamPromise(file.entry),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          count(chunk.length)
          crc = crc32(chunk, crc)
          yield chunk
        }
      },
      // The stream closes the handle when done; closing it again in write() is a no-op.
      output.createWriteStream({ highWaterMark: STREAM_BUFFER_BYTES })
    )
    return crc
  }
}

async function openForWriting(target: string, mode: number): Promise<FileHandle> {
  try {
    return await open(target, WRITE_FLAGS, mode)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new ActionError(`Refused to extract '${target}': a symbolic link is already there, and writing would follow it.`, {
        title: 'Unsafe extraction target'
      })
    }
    throw error
  }
}

/** Runs `work` on every item with at most `limit` at a time; stops taking new items after the first failure. */
async function eachBounded<T>(items: T[], limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0
  let failure: { error: unknown } | undefined
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      if (signal?.aborted) failure ??= { error: new CancelledError('extracting the artifacts') }
      else {
        try {
          await work(items[next++])
        } catch (error) {
          failure ??= { error }
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  if (failure) throw failure.error
}

/**
 * Extracts a zip into `folder` (created if needed), after checking every entry: an absolute path,
 * a `..` that climbs out, a symlink or special file, or more than the limits allow refuses the
 * whole archive, naming the entry, before anything is written.
 */
export async function extractArchive(zipPath: string, folder: string, limits: ExtractionLimits, signal?: AbortSignal): Promise<ExtractedArchive> {
  let zipfile: yauzl.ZipFile
  try {
    zipfile = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true })
  } catch (error) {
    throw damaged(undefined, reasonOf(error))
  }
  // yauzl reads the central directory and streams big entries; small ones are read through a handle of our own.
  const archive = await open(zipPath, 'r')
  try {
    const plan = await planExtraction(zipfile, folder, limits)
    core.info(`Extracting ${plan.files.length} files (${formatBytes(plan.declaredBytes)}) into ${folder}`)
    const created = new Created()
    const extraction = new Extraction(zipfile, archive, limits, created)
    const stopProgress = startProgress(() => `Extracted ${extraction.files} of ${plan.files.length} files (${formatBytes(extraction.bytes)} of ${formatBytes(plan.declaredBytes)})`)
    try {
      await mkdir(folder, { recursive: true })
      await createDirectories(plan.directories, folder, created)
      await eachBounded(plan.files, CONCURRENCY, file => extraction.write(file), signal)
    } catch (error) {
      await created.remove()
      throw error
    } finally {
      stopProgress()
    }
    return { files: extraction.files, directories: plan.directories.length, bytes: extraction.bytes }
  } finally {
    zipfile.close()
    await archive.close()
  }
}
