import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadEcharts } from './charts/load-echarts';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The charting library loads beside the first page's requests rather than before the app can start.
void loadEcharts().catch(() => undefined);
