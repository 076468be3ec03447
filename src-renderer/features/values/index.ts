export { FindSimilarButton, ValueChip } from './ValueChip'
export { ValuePreviewView } from './ValuePreviewView'
export { formatBytes, formatNumber } from './value-format'
