import { type ValuePreview } from '../../../src-shared/model/values'
import { ImagePreview } from './ImagePreview'
import { JsonTree } from './JsonTree'
import { NumbersPlot } from './NumbersPlot'
import { TablePreview } from './TablePreview'
import { formatCount } from './value-format'
import './values.css'

/**
 * One stored value drawn by kind. Everything from the value is rendered as React text (or a
 * data: URL for PNG bytes the host recognized by signature): never as HTML.
 */
export function ValuePreviewView({ preview, label }: { preview: ValuePreview; label?: string }) {
  switch (preview.kind) {
    case 'scalar':
      return (
        <div className="value-preview value-scalar">
          <code className="value-scalar-text">{preview.text}</code>
          <span className="value-type">{preview.type}</span>
        </div>
      )
    case 'text':
      return (
        <div className="value-preview">
          <pre className="value-text" tabIndex={0} aria-label={label ?? 'Text value'}>
            {preview.text}
          </pre>
          <p className="value-meta">
            {formatCount(preview.length, 'character')}
            {preview.text.length < preview.length && (
              <span> (first {preview.text.length.toLocaleString('en-US')} shown)</span>
            )}
          </p>
        </div>
      )
    case 'numbers':
      return (
        <div className="value-preview">
          <NumbersPlot
            values={preview.values}
            length={preview.length}
            min={preview.min}
            max={preview.max}
          />
        </div>
      )
    case 'table':
      return (
        <div className="value-preview">
          <TablePreview columns={preview.columns} rows={preview.rows} rowCount={preview.rowCount} />
        </div>
      )
    case 'image':
      return <ImagePreview base64={preview.base64} bytes={preview.bytes} label={label} />
    case 'json':
      return (
        <div className="value-preview">
          <JsonTree tree={preview.tree} />
        </div>
      )
    case 'unavailable':
      return (
        <p className="value-preview value-unavailable">
          <span aria-hidden="true">⊘ </span>
          Preview not available: {preview.reason}
        </p>
      )
  }
}
