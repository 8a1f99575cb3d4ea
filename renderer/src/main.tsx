import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/base.css';
import './styles/search.css';
import './styles/views.css';
import './styles/chrome.css';

const container = document.getElementById('root');
if (!container) throw new Error('The overlay page has no #root element.');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
