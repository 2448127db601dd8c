import '../../components/styles.css';
import { createRoot } from 'react-dom/client';
import { PopupApp } from '../../components/popup/PopupApp';

const root = document.getElementById('root');
if (root) createRoot(root).render(<PopupApp />);
