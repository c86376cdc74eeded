import { render } from 'preact';
import { App } from './ui/App';
import { urlInputs } from './remote/params';

// Styles are imported by the components (src/ui/*.css). `?a=URL&b=URL` opens archives at
// URLs (src/remote); the service worker makes the built page work offline (vite.config.ts).
render(<App urls={urlInputs(location.search)} serviceWorker={import.meta.env.PROD} />, document.getElementById('app')!);
