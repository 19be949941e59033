// The keys of each view, for the shortcuts sheet (`?`). Kept by hand beside the handlers:
// App.svelte (the global keys), BlogIndex with lib/listnav.ts, SearchView, AnnotationLayer,
// NoteEditor, TimelineChart and TimelineOverview. A key added there belongs here too.

import type { Route } from './router';

export type RouteName = Route['name'];

export type Shortcut = {
  /** One combination, pressed together, as shown: ['Ctrl', 'K']. */
  keys: string[];
  /** Other combinations that do the same. */
  or?: string[][];
  /** What the key does, as a short sentence. */
  what: string;
  /** The views where it works. */
  views: RouteName[] | 'all';
  /** Where the focus has to be for the key to work (a list, a chart, a field), if not anywhere. */
  where?: string;
  /** A key of the whole app, listed under "Everywhere" in the views where it works. */
  global?: true;
};

// Every view once: a new route fails the type check here until it is given its keys.
const everyRoute: Record<RouteName, true> = {
  index: true,
  article: true,
  search: true,
  timeline: true,
  person: true,
  organization: true,
  books: true,
  book: true,
  notes: true,
  blogs: true,
  problems: true,
  settings: true,
};
export const routeNames = Object.keys(everyRoute) as RouteName[];

const except = (...left: RouteName[]): RouteName[] => routeNames.filter((r) => !left.includes(r));

/** The views that show long text: the reading settings change its size. */
const longText: RouteName[] = ['article', 'person', 'organization', 'book'];
/** The views with a chart of tenures and events (TimelineChart). */
const charts: RouteName[] = ['timeline', 'person', 'organization'];

export const shortcuts: Shortcut[] = [
  // Everywhere (App.svelte).
  { keys: ['?'], what: 'Show this list of keys.', views: 'all', global: true },
  { keys: ['/'], what: 'Go to Search, or back to the search box.', views: 'all', global: true },
  { keys: ['Ctrl', 'K'], what: 'Go to Search, even while typing in a field.', views: 'all', global: true },
  { keys: ['Tab'], or: [['Shift', 'Tab']], what: 'Move to the next or the previous link or control.', views: 'all', global: true },
  { keys: ['Esc'], or: [['Alt', '←'], ['Backspace']], what: 'Go back.', views: except('index'), global: true },
  { keys: ['Ctrl', '+'], what: 'Make the text larger.', views: longText, global: true },
  { keys: ['Ctrl', '-'], what: 'Make the text smaller.', views: longText, global: true },
  { keys: ['Ctrl', '0'], what: 'Bring the text back to its usual size.', views: longText, global: true },

  // The Library's list of articles (BlogIndex, lib/listnav.ts).
  { keys: ['↓'], or: [['j']], what: 'Select the next article.', views: ['index'], where: 'In the list of articles' },
  { keys: ['↑'], or: [['k']], what: 'Select the previous article.', views: ['index'], where: 'In the list of articles' },
  { keys: ['Page Down'], what: 'Move ten articles down.', views: ['index'], where: 'In the list of articles' },
  { keys: ['Page Up'], what: 'Move ten articles up.', views: ['index'], where: 'In the list of articles' },
  { keys: ['Home'], what: 'Select the first article.', views: ['index'], where: 'In the list of articles' },
  { keys: ['End'], what: 'Select the last article.', views: ['index'], where: 'In the list of articles' },
  { keys: ['Enter'], what: 'Open the selected article.', views: ['index'], where: 'In the list of articles' },

  // Search (SearchView).
  { keys: ['↓'], what: 'Select the next result.', views: ['search'], where: 'In the search box' },
  { keys: ['↑'], what: 'Select the previous result.', views: ['search'], where: 'In the search box' },
  { keys: ['Enter'], what: 'Open the selected result.', views: ['search'], where: 'In the search box' },
  { keys: ['Esc'], what: 'Empty the search box; press again to go back.', views: ['search'], where: 'In the search box' },

  // The article (App.svelte, AnnotationLayer, NoteEditor).
  { keys: ['Ctrl', 'P'], what: 'Print the article.', views: ['article'] },
  { keys: ['h'], what: 'Highlight the selected words.', views: ['article'] },
  { keys: ['Ctrl', 'Enter'], what: 'Save the note.', views: ['article'], where: 'In the note editor' },
  { keys: ['Esc'], what: 'Close the note editor.', views: ['article'], where: 'In the note editor' },

  // The timeline chart (TimelineChart), on the Timeline and on people and organizations.
  { keys: ['+'], what: 'Zoom in.', views: charts, where: 'On the timeline chart' },
  { keys: ['-'], what: 'Zoom out.', views: charts, where: 'On the timeline chart' },
  { keys: ['←'], or: [['→']], what: 'Move earlier or later in time.', views: charts, where: 'On the timeline chart' },
  // The strip of years above the Timeline (TimelineOverview) and its fields.
  { keys: ['←'], or: [['→']], what: 'Move the years shown.', views: ['timeline'], where: 'On the strip of years' },
  { keys: ['Enter'], what: 'Add the name typed.', views: ['timeline'], where: 'In the Organizations and Compare careers fields' },
];

/** Whether `s` works in the view named `route`. */
export function appliesTo(s: Shortcut, route: string): boolean {
  return s.views === 'all' || (s.views as string[]).includes(route);
}

/** Every combination of `s`: its keys, then the others. */
export function combinations(s: Shortcut): string[][] {
  return [s.keys, ...(s.or ?? [])];
}

/** The keys that work in the view named `route`: the app's own, then the view's. A group with
 * no keys is left out. */
export function shortcutsFor(route: string): { group: string; items: Shortcut[] }[] {
  const here = shortcuts.filter((s) => appliesTo(s, route));
  return [
    { group: 'Everywhere', items: here.filter((s) => s.global) },
    { group: 'This view', items: here.filter((s) => !s.global) },
  ].filter((g) => g.items.length > 0);
}

const spoken: Record<string, string> = {
  '?': 'Question mark',
  '/': 'Slash',
  '+': 'Plus',
  '-': 'Minus',
  '↑': 'Up arrow',
  '↓': 'Down arrow',
  '←': 'Left arrow',
  '→': 'Right arrow',
  Esc: 'Escape',
  Ctrl: 'Control',
};

/** How a screen reader should say a key shown as `key` (symbols are often not read out). */
export function spokenKey(key: string): string {
  return spoken[key] ?? key;
}
