import { mount } from 'svelte';
import './fonts.css';
import './app.css';
import App from './App.svelte';
import { primeFirstView } from './lib/firstview';
import { loadReading } from './lib/readingsettings.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('no #app element');
// The Library's first answers are asked for before the mount, which waits for them (a moment at
// most): the first frame draws the whole view at once (lib/firstview.ts), in the reader's theme.
void Promise.all([primeFirstView(location.hash), loadReading()]).then(() => mount(App, { target }));
