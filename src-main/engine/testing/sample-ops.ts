import { op } from '../index'

/** Small ops that query, similar() and frame tests build their histories from. */
export const inc = op(function inc(x: number) {
  return x + 1
})

export const add = op(function add(x: number, y: number) {
  return x + y
})

export const total = op(function total(xs: number[]) {
  return xs.reduce((sum, x) => sum + x, 0)
})
