// Renderer entry: mounts the app shell. Runs unchanged in Electron and as a plain web app.
// zodConfig comes first so no schema is parsed before zod is told to stay CSP-safe.
import './shell/zodConfig.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './App.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing <div id="root">');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
