// @ts-check
// The job summary as a reader meets it. GitHub renders the step summary file as Markdown with HTML
// blocks; the action writes only HTML. Two uses of one parser (parse5, the WHATWG HTML parser that
// jsdom uses): the tests check that every summary is valid HTML, and the demo prints it as text
// the way the summary page would show it, not as tags.
import { parseFragment, Tokenizer } from 'parse5'

/** @typedef {import('parse5').DefaultTreeAdapterTypes.ChildNode} Node */
/** @typedef {import('parse5').DefaultTreeAdapterTypes.Element} Element */
/** @typedef {import('parse5').DefaultTreeAdapterTypes.ParentNode} ParentNode */

/** Elements that have no end tag (https://html.spec.whatwg.org/#void-elements). */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

/** @param {Node} node @returns {node is Element} */
function isElement(node) {
  return 'tagName' in node
}

/** @param {ParentNode} parent @returns {Element[]} */
function elementsIn(parent) {
  return parent.childNodes.filter(isElement).flatMap(element => [element, ...elementsIn(element)])
}

/**
 * What is wrong with a summary as HTML: the tokenizer's own errors (bad character references,
 * unquoted attributes, unclosed comments...), and tags that do not pair up. HTML lets a parser
 * close an open <td> or <p> silently and ignore a stray end tag, but GitHub renders the summary
 * through Markdown, which reads HTML blocks line by line, and anyone reading the file sees the
 * gap: the action closes every element it opens, in order, as XHTML would.
 * @param {string} html
 * @returns {string[]}
 */
export function htmlProblems(html) {
  /** @type {string[]} */
  const problems = []
  /** @type {Array<{ name: string, at: string }>} */
  const open = []
  /** @param {import('parse5').Token.Location | null} location */
  const where = location => (location ? `line ${location.startLine}, column ${location.startCol}` : 'an unknown place')
  const tokenizer = new Tokenizer(
    { sourceCodeLocationInfo: true },
    {
      onStartTag: tag => {
        if (!VOID.has(tag.tagName) && !tag.selfClosing) open.push({ name: tag.tagName, at: where(tag.location) })
      },
      onEndTag: tag => {
        const innermost = open.pop()
        if (innermost?.name === tag.tagName) return
        problems.push(`</${tag.tagName}> at ${where(tag.location)} closes ${innermost ? `<${innermost.name}> opened at ${innermost.at}` : 'nothing'}`)
        if (innermost) open.push(innermost)
      },
      onParseError: error => problems.push(`${error.code} at line ${error.startLine}, column ${error.startCol}`),
      onComment: () => undefined,
      onDoctype: () => problems.push('a doctype in a fragment'),
      onEof: () => undefined,
      onCharacter: () => undefined,
      onNullCharacter: () => undefined,
      onWhitespaceCharacter: () => undefined
    }
  )
  tokenizer.write(html, true)
  for (const element of open) problems.push(`<${element.name}> opened at ${element.at} is never closed`)
  return problems
}

/** Columns a string takes in a terminal: the emoji the summary uses take two. @param {string} text */
function width(text) {
  return [...text].reduce((total, char) => total + (/\p{Extended_Pictographic}/u.test(char) ? 2 : 1), 0)
}

/** @param {string} text @param {number} columns */
function pad(text, columns) {
  return text + ' '.repeat(Math.max(0, columns - width(text)))
}

/**
 * An element's text as shown, line breaks kept; a link shows its text and a [n] that points to its
 * address, listed under the block (a long address would otherwise stretch a whole table).
 * @param {ParentNode} parent
 * @param {string[]} links  Addresses met so far, in order.
 * @returns {string}
 */
function inlineText(parent, links) {
  return parent.childNodes
    .map(node => {
      if (node.nodeName === '#text') return /** @type {{ value: string }} */ (node).value
      if (!isElement(node)) return ''
      if (node.tagName === 'br') return '\n'
      // A folded block (<details>) shows its <summary> line, then its content indented, as when opened.
      if (node.tagName === 'summary') return `▸ ${inlineText(node, links)}\n`
      if (node.tagName === 'pre') return inlineText(node, links).replace(/^/gm, '    ')
      const inner = inlineText(node, links)
      const href = node.tagName === 'a' ? node.attrs.find(attribute => attribute.name === 'href')?.value : undefined
      if (!href) return inner
      links.push(href)
      return `${inner} [${links.length}]`
    })
    .join('')
}

/**
 * A table as aligned text; a cell's lines after the first go on lines of their own.
 * @param {Element} table
 * @param {string[]} links
 */
function tableText(table, links) {
  const rows = elementsIn(table)
    .filter(element => element.tagName === 'tr')
    .map(row => row.childNodes.filter(isElement).map(cell => inlineText(cell, links).split('\n')))
  const columns = Math.max(...rows.map(row => row.length))
  const widths = Array.from({ length: columns }, (_, column) => Math.max(...rows.flatMap(row => (row[column] ?? ['']).map(width))))
  /** @type {string[]} */
  const lines = []
  rows.forEach((row, index) => {
    const height = Math.max(...row.map(cell => cell.length))
    for (let line = 0; line < height; line++) {
      lines.push(
        widths
          .map((columnWidth, column) => pad(row[column]?.[line] ?? '', columnWidth))
          .join(' │ ')
          .trimEnd()
      )
    }
    if (index === 0) lines.push(widths.map(columnWidth => '─'.repeat(columnWidth)).join('─┼─'))
  })
  return lines
}

/**
 * The summary as plain text, roughly as GitHub's summary page shows it: headings, aligned tables,
 * paragraphs; links numbered, their addresses under the table or paragraph they are in.
 * @param {string} html
 * @returns {string[]} lines
 */
export function summaryAsText(html) {
  /** @type {string[]} */
  const links = []
  return parseFragment(html)
    .childNodes.filter(isElement)
    .flatMap(element => {
      const shownBefore = links.length
      const lines =
        element.tagName === 'table'
          ? tableText(element, links)
          : /^h[1-6]$/.test(element.tagName)
            ? [`${'#'.repeat(Number(element.tagName[1]))} ${inlineText(element, links)}`]
            : inlineText(element, links).split('\n')
      return [...lines, ...links.slice(shownBefore).map((href, index) => `  [${shownBefore + index + 1}] ${href}`), '']
    })
    .slice(0, -1)
}
