import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { connectToHost } from './api/client'
import { App } from './app/App'
import { setQueryHost } from './features/query/query-host'
import { StoreProvider } from './app/store-context'
import { createAppStore } from './store/app-store'
import { connectHostEvents } from './store/host-events'
import './app/app.css'

const host = connectToHost()
const store = createAppStore(host)
setQueryHost(host)
connectHostEvents(store, host)
void store.getState().appStarted()

const container = document.getElementById('root')
if (container === null) throw new Error('index.html has no #root element')
createRoot(container).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
)
