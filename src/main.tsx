import { render } from 'preact';
import { App } from './ui/App';

// Styles are imported by the components (src/ui/*.css).
render(<App />, document.getElementById('app')!);
