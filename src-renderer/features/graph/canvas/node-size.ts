/**
 * Node sizes for the layout, from the text they show. Text is measured once per string on a
 * canvas (the Kedro-Viz trick, without touching the DOM) and cached.
 */
import { type GraphNode } from '../model/types'

const widths = new Map<string, number>()
let context: CanvasRenderingContext2D | null | undefined

function textWidth(text: string, font: string): number {
  const key = `${font}|${text}`
  const known = widths.get(key)
  if (known !== undefined) return known
  if (context === undefined) {
    context =
      typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')
  }
  let width = text.length * 7.6
  if (context !== null) {
    context.font = `${font} system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`
    width = context.measureText(text).width
  }
  widths.set(key, width)
  return width
}

const clamp = (value: number, low: number, high: number) =>
  Math.round(Math.min(high, Math.max(low, value)))

export interface NodeSize {
  readonly width: number
  readonly height: number
}

export function nodeSize(node: GraphNode): NodeSize {
  switch (node.kind) {
    case 'op':
      return {
        width: clamp(textWidth(node.label, '600 13px') + 100, 176, 340),
        height: node.marks === null ? 64 : 84,
      }
    case 'call':
      return {
        width: clamp(
          Math.max(textWidth(node.label, '600 12px'), textWidth(node.inputSummary, '11px')) + 48,
          170,
          300,
        ),
        height: node.mark === null ? 52 : 68,
      }
    case 'variable':
      return { width: clamp(textWidth(node.label, '500 12px') + 64, 84, 260), height: 30 }
    case 'more':
      return { width: clamp(textWidth(node.label, '12px') + 32, 160, 320), height: 34 }
  }
}
