import { dispositionFileName, safeFileName } from '../../src/gitlab/file-name.js'

describe('Content-Disposition file names', () => {
  it.each([
    ['attachment; filename="artifacts.zip"', 'artifacts.zip'],
    ['attachment; filename=artifacts.zip', 'artifacts.zip'],
    ['attachment; filename="a \\"quoted\\" name.txt"', 'a "quoted" name.txt'],
    [`attachment; filename="fallback.txt"; filename*=UTF-8''%E6%96%87%E4%BB%B6.txt`, '文件.txt'],
    [`attachment; filename*=utf-8'en'na%C3%AFve.txt`, 'naïve.txt'],
    [`attachment; filename*=iso-8859-1''caf%E9.txt`, 'café.txt'],
    [`attachment; filename*=UTF-8''%E6%96%87%ZZ; filename="plain.txt"`, 'plain.txt'],
    ['inline', undefined],
    [undefined, undefined]
  ])('%s → %s', (header, name) => {
    expect(dispositionFileName(header)).toBe(name)
  })
})

describe('safe file names', () => {
  it.each([
    ['artifacts.zip', 'artifacts.zip'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\evil.dll', 'evil.dll'],
    ['..\\..\\startup\\evil.bat', 'evil.bat'],
    ['a/b\\c/..\\d.txt', 'd.txt'],
    ['\\\\server\\share\\x.zip', 'x.zip'],
    ['C:evil.txt', 'C_evil.txt'],
    ['report.txt:hidden', 'report.txt_hidden'],
    ['NUL', '_NUL'],
    ['con.txt', '_con.txt'],
    ['COM1.log', '_COM1.log'],
    ['console.txt', 'console.txt'],
    ['..\\', undefined],
    ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['bell\u0007.txt', 'bell.txt'],
    ['trailing. ', 'trailing'],
    ['..', undefined],
    ['dir/', undefined],
    ['', undefined],
    [undefined, undefined]
  ])('%s → %s', (name, safe) => {
    expect(safeFileName(name)).toBe(safe)
  })
})
