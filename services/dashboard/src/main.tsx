import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadIdentity } from './api/identity';
import { prefetchCatalogue } from './catalogue';
import './styles.css';

// Every page starts from the catalogue: asked now, while React renders, not after.
prefetchCatalogue(loadIdentity(window.localStorage));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
