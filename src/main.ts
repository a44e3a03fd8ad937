import { mount } from 'svelte';
import App from './App.svelte';
import { afterQuiet } from './state/afterQuiet';
import { registerServiceWorker, watchChunkFailures } from './state/updates.svelte';
import UpdatePrompt from './ui/components/UpdatePrompt.svelte';
import './ui/app.css';

watchChunkFailures();
mount(App, { target: document.getElementById('app') as HTMLElement });
mount(UpdatePrompt, { target: document.body });

// Production only: a service worker under the dev server would serve stale modules. Registered once
// the page has loaded; on a first visit (no worker controls the page yet) only once the user pauses
// for two seconds, so that storing the offline copy does not compete with their first edits.
if (import.meta.env.PROD) {
  const firstVisit = !navigator.serviceWorker?.controller;
  const register = () => void (firstVisit ? afterQuiet(2000) : Promise.resolve()).then(() => registerServiceWorker());
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
