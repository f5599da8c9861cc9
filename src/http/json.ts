/** A response body parsed as a JSON object (or array); undefined for anything else, HTML error pages included. */
export function parseJsonObject(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null ? value : undefined
  } catch {
    return undefined
  }
}
