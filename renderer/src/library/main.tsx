import { LibraryApp } from './LibraryApp';
import { mountPage } from '../lib/mount-page';
import '../styles/base.css';
import '../styles/library.css';

mountPage('Library', <LibraryApp />);
