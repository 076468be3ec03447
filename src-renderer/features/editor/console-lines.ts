import { type RunOutput } from '../../../src-shared/host/contract'

export interface ConsoleLine {
  readonly stream: RunOutput['stream']
  readonly text: string
}

/**
 * Output chunks as lines. A chunk may end mid-line; the next chunk of the same stream continues
 * it, while a chunk of the other stream starts a line of its own.
 */
export function consoleLines(output: readonly RunOutput[]): readonly ConsoleLine[] {
  const lines: ConsoleLine[] = []
  let openLine: ConsoleLine | null = null
  for (const chunk of output) {
    const parts = chunk.text.replace(/\r\n/g, '\n').split('\n')
    const endsLine = parts[parts.length - 1] === ''
    if (endsLine) parts.pop()
    parts.forEach((text, index) => {
      if (index === 0 && openLine !== null && openLine.stream === chunk.stream) {
        lines[lines.length - 1] = { stream: chunk.stream, text: openLine.text + text }
      } else {
        lines.push({ stream: chunk.stream, text })
      }
    })
    openLine = endsLine || parts.length === 0 ? null : (lines[lines.length - 1] ?? null)
  }
  return lines
}
