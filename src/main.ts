import { mount } from 'svelte';
import App from './App.svelte';
import { registerServiceWorker, watchChunkFailures } from './state/updates.svelte';
import UpdatePrompt from './ui/components/UpdatePrompt.svelte';
import './ui/app.css';

watchChunkFailures();
mount(App, { target: document.getElementById('app') as HTMLElement });
mount(UpdatePrompt, { target: document.body });

// Production only: a service worker under the dev server would serve stale modules.
if (import.meta.env.PROD) {
  if (document.readyState === 'complete') void registerServiceWorker();
  else addEventListener('load', () => void registerServiceWorker(), { once: true });
}
