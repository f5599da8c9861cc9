import * as log from '../log.js'
import { closeSync, constants, openSync, read, readSync, writeSync } from 'node:fs'
import { lstat, mkdir, open, rmdir, unlink } from 'node:fs/promises'
import { setImmediate } from 'node:timers/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { crc32, inflateRawSync } from 'node:zlib'
import yauzl from 'yauzl'
import { ActionError } from '../errors.js'
import { stoppedFailure } from '../http/abort.js'
import type { ExtractionLimits } from '../settings/index.js'
import { releasingMemory } from './memory.js'
import { count, formatBytes, startProgress } from './progress.js'

// Extraction reads the central directory first and checks EVERY entry (names, types, counts,
// declared sizes) before it writes anything: a refused archive leaves nothing behind. Damage
// found while inflating (bad data, a wrong CRC, sizes that lie) stops it, and the files and
// folders this extraction created are removed again.

/** Entries at most this big are read, inflated and written in one piece; bigger ones are streamed. */
const SMALL_ENTRY_BYTES = 1024 * 1024
/** Big entries streamed at once: enough to overlap inflating and writing, few enough to bound memory. */
const STREAMS_AT_ONCE = 2
const SMALL_FILES_BETWEEN_YIELDS = 64
const STREAM_BUFFER_BYTES = 256 * 1024
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

/** What writing one file needs from its central directory record (kept small: archives may list 100,000 files). */
interface FileToWrite {
  name: string
  localHeaderOffset: number
  nameLength: number
  compressedSize: number
  uncompressedSize: number
  deflated: boolean
  crc: number
  /** Kept for the big entries only, which yauzl streams. */
  entry?: yauzl.Entry
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
      const small = entry.uncompressedSize <= SMALL_ENTRY_BYTES && entry.compressedSize <= SMALL_ENTRY_BYTES
      files.push({
        name,
        target,
        mode: fileMode(entry),
        localHeaderOffset: entry.relativeOffsetOfLocalHeader,
        nameLength: entry.fileNameLength,
        compressedSize: entry.compressedSize,
        uncompressedSize: entry.uncompressedSize,
        deflated: entry.compressionMethod === 8,
        crc: entry.crc32,
        entry: small ? undefined : entry
      })
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
  files.sort((a, b) => a.localHeaderOffset - b.localHeaderOffset)
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
        throw new ActionError(
          `Refused to extract into '${path.relative(folder, directory)}': it already exists in '${folder}' and is ${stats.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}.`,
          {
            title: 'Unsafe extraction target'
          }
        )
      }
    }
  }
}

/** A small entry in one read: its local header (whose name and extra lengths decide where the data starts) and data. */
function readSmallEntry(archiveFd: number, file: FileToWrite): { stored: Buffer; data: Buffer } {
  const length = LOCAL_HEADER_BYTES + file.nameLength + LOCAL_EXTRA_SLACK + file.compressedSize
  const buffer = Buffer.allocUnsafe(length)
  const bytesRead = readSync(archiveFd, buffer, 0, length, file.localHeaderOffset)
  if (bytesRead < LOCAL_HEADER_BYTES || buffer.readUInt32LE(0) !== 0x04034b50) throw new Error('invalid local file header')
  const dataStart = LOCAL_HEADER_BYTES + buffer.readUInt16LE(26) + buffer.readUInt16LE(28)
  let stored = buffer.subarray(dataStart, dataStart + file.compressedSize)
  if (dataStart + file.compressedSize > bytesRead) {
    stored = Buffer.allocUnsafe(file.compressedSize)
    if (readSync(archiveFd, stored, 0, file.compressedSize, file.localHeaderOffset + dataStart) < file.compressedSize) {
      throw new Error('the archive ends inside this entry')
    }
  }
  // An output buffer of the declared size: zlib's default 16 KiB chunks would be churned per file.
  const size = Math.max(file.uncompressedSize, 1)
  const data = file.deflated ? inflateRawSync(stored, { maxOutputLength: size, chunkSize: Math.max(size, 64) }) : stored
  if (data.length !== file.uncompressedSize) throw new Error(`it holds ${data.length} bytes, not the ${file.uncompressedSize} its header says`)
  return { stored: buffer, data }
}

function refuseSymlinkTarget(target: string, error: unknown): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'ELOOP') return error
  return new ActionError(`Refused to extract '${target}': a symbolic link is already there, and writing would follow it.`, {
    title: 'Unsafe extraction target'
  })
}

/** A failed system call (a full disk, say) is reported as it is; anything else while reading an entry is damage. */
function asDamage(file: FileToWrite, error: unknown): unknown {
  return error instanceof ActionError || (error as NodeJS.ErrnoException).syscall !== undefined ? error : damaged(file.name, reasonOf(error))
}

/**
 * Writes the planned files. Small files (almost all, in a typical archive) are read, inflated and
 * written synchronously: measured, that is about twice as fast as sending each open/write/close
 * through libuv's thread pool, which mostly adds hand-offs. Big entries stream (inflating off the
 * main thread), a bounded few at once, while the small ones go on around them.
 */
class Extraction {
  files = 0
  bytes = 0

  constructor(
    private readonly zipfile: yauzl.ZipFile,
    private readonly archiveFd: number,
    private readonly limits: ExtractionLimits,
    private readonly created: Created
  ) {}

  async run(files: FileToWrite[], signal?: AbortSignal): Promise<void> {
    const streaming = new Set<Promise<void>>()
    let failure: { error: unknown } | undefined
    let sinceYield = 0
    for (const file of files) {
      if (failure) break
      if (signal?.aborted) break
      if (!file.entry) {
        try {
          this.writeSmall(file)
        } catch (error) {
          failure = { error }
        }
        // Let timers, signals and the streams in flight run now and then.
        if (++sinceYield >= SMALL_FILES_BETWEEN_YIELDS) {
          sinceYield = 0
          await setImmediate()
        }
        continue
      }
      if (streaming.size >= STREAMS_AT_ONCE) await Promise.race(streaming)
      const stream: Promise<void> = this.writeStreamed({ ...file, entry: file.entry }, signal)
        .catch(error => void (failure ??= { error }))
        .finally(() => streaming.delete(stream))
      streaming.add(stream)
    }
    await Promise.all(streaming)
    // A cancel or the deadline also shows as a stream's abort error: it is reported as what it is.
    if (signal?.aborted) throw stoppedFailure(signal, 'extracting the artifacts', `${count(this.files, 'file')} written, all removed again`)
    if (failure) throw failure.error
  }

  private readonly release = releasingMemory()

  /** Counts bytes as they are written: the archive's declared sizes are a claim, this is the fact. */
  private addBytes(bytes: number): void {
    this.bytes += bytes
    this.release(bytes)
    if (this.bytes > this.limits.maxBytes) {
      throw new ActionError(`Stopped extracting: the archive unpacks to more than 'max-extracted-size' (${formatBytes(this.limits.maxBytes)}).`, {
        title: 'Artifacts archive too large'
      })
    }
  }

  private writeSmall(file: FileToWrite): void {
    let read: ReturnType<typeof readSmallEntry>
    try {
      read = readSmallEntry(this.archiveFd, file)
      if (crc32(read.data) !== file.crc) throw new Error('its CRC-32 does not match: the data is corrupt')
    } catch (error) {
      throw asDamage(file, error)
    }
    const { data } = read
    this.addBytes(data.length)
    this.release(read.stored.length)
    let output: number
    try {
      output = openSync(file.target, WRITE_FLAGS, file.mode)
    } catch (error) {
      throw refuseSymlinkTarget(file.target, error)
    }
    this.created.files.push(file.target)
    try {
      for (let written = 0; written < data.length;) written += writeSync(output, data, written)
    } finally {
      closeSync(output)
    }
    this.files++
  }

  private async writeStreamed(file: FileToWrite & { entry: yauzl.Entry }, signal?: AbortSignal): Promise<void> {
    const output = await open(file.target, WRITE_FLAGS, file.mode).catch((error: unknown) => {
      throw refuseSymlinkTarget(file.target, error)
    })
    this.created.files.push(file.target)
    let crc = 0
    const addBytes = (bytes: number): void => this.addBytes(bytes)
    try {
      await pipeline(
        await this.zipfile.openReadStreamPromise(file.entry),
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            addBytes(chunk.length)
            crc = crc32(chunk, crc)
            yield chunk
          }
        },
        output.createWriteStream({ highWaterMark: STREAM_BUFFER_BYTES }),
        { signal }
      )
      if (crc !== file.crc) throw new Error('its CRC-32 does not match: the data is corrupt')
    } catch (error) {
      throw asDamage(file, error)
    } finally {
      // The write stream closes the handle when it finishes; this covers a failure before that.
      await output.close()
    }
    this.files++
  }
}

/**
 * Reads the archive for yauzl with plain positioned reads. yauzl's own file reader queues each
 * read of the central directory through the thread pool one at a time, which made listing
 * 20,000 entries take seconds; these reads hit the page cache and take microseconds.
 */
class ArchiveReader extends yauzl.RandomAccessReader {
  constructor(private readonly fd: number) {
    super()
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    let bytesRead: number
    try {
      bytesRead = readSync(this.fd, buffer, offset, length, position)
    } catch (error) {
      process.nextTick(callback, error)
      return
    }
    process.nextTick(callback, null, bytesRead)
  }

  /** Big reads for big entries; the descriptor stays open (it is not the stream's to close). */
  override _readStreamForRange(start: number, end: number): Readable {
    const fd = this.fd
    let position = start
    return new Readable({
      highWaterMark: STREAM_BUFFER_BYTES,
      read() {
        const length = Math.min(STREAM_BUFFER_BYTES, end - position)
        if (length <= 0) return void this.push(null)
        const buffer = Buffer.allocUnsafe(length)
        read(fd, buffer, 0, length, position, (error, bytesRead) => {
          if (error) return void this.destroy(error)
          if (bytesRead === 0) return void this.destroy(new Error('the archive ends inside this entry'))
          position += bytesRead
          this.push(buffer.subarray(0, bytesRead))
        })
      }
    })
  }
}

/**
 * Extracts a zip into `folder` (created if needed), after checking every entry: an absolute path,
 * a `..` that climbs out, a symlink or special file, or more than the limits allow refuses the
 * whole archive, naming the entry, before anything is written.
 */
export async function extractArchive(zipPath: string, folder: string, limits: ExtractionLimits, signal?: AbortSignal): Promise<ExtractedArchive> {
  const archive = await open(zipPath, 'r')
  try {
    let zipfile: yauzl.ZipFile
    try {
      const { size } = await archive.stat()
      zipfile = await yauzl.fromRandomAccessReaderPromise(new ArchiveReader(archive.fd), size, {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: false,
        validateEntrySizes: true
      })
    } catch (error) {
      throw damaged(undefined, reasonOf(error))
    }
    try {
      const plan = await planExtraction(zipfile, folder, limits)
      log.info(`Extracting ${count(plan.files.length, 'file')} (${formatBytes(plan.declaredBytes)}) into ${folder}`)
      const created = new Created()
      const extraction = new Extraction(zipfile, archive.fd, limits, created)
      const stopProgress = startProgress(
        () => `Extracted ${extraction.files} of ${plan.files.length} files (${formatBytes(extraction.bytes)} of ${formatBytes(plan.declaredBytes)})`
      )
      try {
        await mkdir(folder, { recursive: true })
        await createDirectories(plan.directories, folder, created)
        await extraction.run(plan.files, signal)
      } catch (error) {
        await created.remove()
        throw error instanceof ActionError
          ? error
          : new ActionError(`Could not extract the artifacts into ${folder}: ${reasonOf(error)}`, { title: 'Could not extract the artifacts', cause: error })
      } finally {
        stopProgress()
      }
      return { files: extraction.files, directories: plan.directories.length, bytes: extraction.bytes }
    } finally {
      zipfile.close()
    }
  } finally {
    await archive.close()
  }
}
