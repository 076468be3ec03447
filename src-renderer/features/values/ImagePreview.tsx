import { useState } from 'react'
import { formatBytes } from './value-format'

/** Below this natural width an image is shown enlarged (icons, tiny plots). */
const SMALL_IMAGE_PX = 48

/** PNG bytes as an <img> from a data: URL: the browser decodes them, nothing is interpreted. */
export function ImagePreview({
  base64,
  bytes,
  label,
}: {
  base64: string
  bytes: number
  label: string | undefined
}) {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null)
  const small = size !== null && size.width < SMALL_IMAGE_PX && size.height < SMALL_IMAGE_PX
  return (
    <div className="value-preview">
      <img
        className={small ? 'value-image value-image-small' : 'value-image'}
        src={`data:image/png;base64,${base64}`}
        alt={`${label ?? 'Stored image'} (PNG, ${formatBytes(bytes)})`}
        onLoad={(event) =>
          setSize({
            width: event.currentTarget.naturalWidth,
            height: event.currentTarget.naturalHeight,
          })
        }
      />
      <p className="value-meta">
        PNG image{size !== null && `, ${size.width} × ${size.height} px`}, {formatBytes(bytes)}
        {small && <span> (shown enlarged)</span>}
      </p>
    </div>
  )
}
