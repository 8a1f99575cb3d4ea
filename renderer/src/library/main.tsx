import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LibraryApp } from './LibraryApp';
import '../styles/base.css';
import '../styles/library.css';

const container = document.getElementById('root');
if (!container) throw new Error('The Library page has no #root element.');
createRoot(container).render(
  <StrictMode>
    <LibraryApp />
  </StrictMode>,
);
