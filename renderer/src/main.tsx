import { App } from './App';
import { mountPage } from './lib/mount-page';
import './styles/base.css';
import './styles/search.css';
import './styles/views.css';
import './styles/chrome.css';

mountPage('overlay', <App />);
