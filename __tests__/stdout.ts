import { jest } from '@jest/globals'

/**
 * Collects what is written to stdout during each test (@actions/core's workflow commands:
 * annotations, masks), keeping it out of the test log; returns a reader of the current test's text.
 */
export function captureStdout(): () => string {
  let text = ''
  beforeEach(() => {
    text = ''
    jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      text += String(chunk)
      return true
    })
  })
  afterEach(() => jest.restoreAllMocks())
  return () => text
}
