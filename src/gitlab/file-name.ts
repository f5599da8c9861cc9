/**
 * The file name a server suggests in Content-Disposition: RFC 5987 `filename*=UTF-8''...` first
 * (it carries non-ASCII names), else `filename="..."`.
 */
export function dispositionFileName(value: string | undefined): string | undefined {
  if (!value) return undefined
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^;]+)/i.exec(value)?.[1]?.trim()
  const fromExtended = extended ? decodeExtendedValue(extended) : undefined
  if (fromExtended) return fromExtended
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(value)
  if (!plain) return undefined
  return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2].trim()
}

/** `charset'language'percent-encoded`, as RFC 5987 writes it; UTF-8 and ISO-8859-1 are the charsets it allows. */
function decodeExtendedValue(value: string): string | undefined {
  const match = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(value.replace(/^"|"$/g, ''))
  if (!match) return undefined
  try {
    if (/^utf-8$/i.test(match[1])) return decodeURIComponent(match[2])
    // Each ISO-8859-1 byte is the code point of the same number.
    if (/^iso-8859-1$/i.test(match[1])) return match[2].replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  } catch {
    return undefined
  }
  return undefined
}

/** Names Windows gives to devices, with any extension (`NUL.txt` opens the null device too). */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i

/**
 * A name that is safe as the last part of a path on any runner: no folders on either separator
 * (a server could send `../../x` or `..\..\x`, and Windows takes both), no control characters,
 * none of the characters Windows refuses (`:` included, so no drive `C:x` or stream `x:y`), and
 * no Windows device name.
 */
export function safeFileName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined
  const base = name.split(/[/\\]/).pop() ?? ''
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/[. ]+$/, '')
    .trim()
  // Trailing dots are gone, so '.' and '..' are empty here.
  if (cleaned === '') return undefined
  return WINDOWS_DEVICE_NAME.test(cleaned) ? `_${cleaned}` : cleaned
}
