/**
 * Encode + cid timings for the memoization hot path.
 * Run: node --import tsx src-main/engine/values/encoding.bench.ts
 */
import { encodeValue } from './index'

/**
 * Milliseconds per call: the median over batches, each batch long enough (≥ 20 ms) that the
 * clock's cost vanishes, so a burst of load from other processes moves one batch, not all.
 */
function measure(run: () => unknown, totalMs: number): number {
  let batchSize = 1
  for (;;) {
    const start = performance.now()
    for (let index = 0; index < batchSize; index++) run()
    if (performance.now() - start >= 20) break
    batchSize *= 2
  }
  const perCall: number[] = []
  const end = performance.now() + totalMs
  do {
    const start = performance.now()
    for (let index = 0; index < batchSize; index++) run()
    perCall.push((performance.now() - start) / batchSize)
  } while (performance.now() < end || perCall.length < 5)
  perCall.sort((a, b) => a - b)
  return perCall[Math.floor(perCall.length / 2)] as number
}

const smallNumber = 42
const shortString = 'memograph-arguments-'
const tenKeyObject = Object.fromEntries(
  Array.from({ length: 10 }, (_, index) => [`key${index}`, index * 1.5]),
)
const hundredThousandNumbers = Array.from({ length: 100_000 }, (_, index) => index * 0.5)
const eightMegabytes = new Float64Array(1024 * 1024).map((_, index) => Math.sin(index))

const figures: [string, number, 'µs' | 'ms'][] = [
  ['encode+cid small number', measure(() => encodeValue(smallNumber), 500) * 1000, 'µs'],
  ['encode+cid 20-char string', measure(() => encodeValue(shortString), 500) * 1000, 'µs'],
  ['encode+cid 10-key object', measure(() => encodeValue(tenKeyObject), 500) * 1000, 'µs'],
  [
    'encode+cid 100k-number array',
    measure(() => encodeValue(hundredThousandNumbers), 2000) * 1000,
    'µs',
  ],
  ['encode+cid 8 MB Float64Array', measure(() => encodeValue(eightMegabytes), 2000), 'ms'],
]

for (const [label, value, unit] of figures) {
  console.log(`${label}: ${value.toFixed(unit === 'µs' ? 2 : 1)} ${unit}`)
}
