import { SeededRandom } from '@mdm-graph/mdm-core/sim';

/** One application of the simulated catalog (what many devices share). */
export interface CatalogApp {
  index: number;
  name: string;
  /** Real-world quirk: "" or "No value" for some apps. */
  bundleId: string;
  versions: string[];
  source: string;
  signature: string;
}

const WORDS = [
  'Slack',
  'Zoom',
  'Chrome',
  'Firefox',
  'Notion',
  'Figma',
  'Docker',
  'Xcode',
  'Postman',
  'Spotify',
  'Keynote',
  'Pages',
  'Numbers',
  'Teams',
  'Outlook',
  'Excel',
  'Word',
  'OneDrive',
  'Dropbox',
  'Box',
  'iTerm',
  'Alfred',
  'Raycast',
  'Magnet',
  'Rectangle',
  '1Password',
  'Bitwarden',
  'Tunnelblick',
  'Wireshark',
  'Sublime',
];
const SUFFIXES = [
  '',
  ' Helper',
  ' Pro',
  ' Studio',
  ' Lite',
  ' Beta',
  ' Agent',
  ' Tools',
  ' Sync',
  ' Desktop',
];
const SOURCES = ['App Store', 'Identified Developer', 'Apple'];

/**
 * A deterministic catalog. The first entries reproduce Kandji's bundle id quirks:
 * "" and "No value" bundle ids on apps with different names (graph-kandji CHANGELOG 1.1.1),
 * and a "No value" version.
 */
export function buildCatalog(seed: string, size: number, platform: 'mac' | 'ios'): CatalogApp[] {
  const rng = new SeededRandom(`${seed}:catalog:${platform}`);
  const apps: CatalogApp[] = [];
  for (let i = 0; i < size; i++) {
    const word = WORDS[i % WORDS.length] as string;
    const suffix = SUFFIXES[Math.floor(i / WORDS.length) % SUFFIXES.length] as string;
    const round = Math.floor(i / (WORDS.length * SUFFIXES.length));
    const name = `${word}${suffix}${round > 0 ? ` ${round + 1}` : ''}${platform === 'ios' ? ' Mobile' : ''}`;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
    let bundleId = `com.${word.toLowerCase().replace(/[^a-z0-9]/g, '')}.${slug}`;
    if (i === 0 || i === 2) bundleId = '';
    if (i === 1 || i === 3) bundleId = 'No value';
    const major = rng.int(1, 30);
    // Kandji reports some apps' version as "No value" (its published Mac apps example, Contacts).
    const versions = [0, 1, 2]
      .map((k) => `${major}.${rng.int(0, 9)}.${k}`)
      .map((v) => (i === 4 ? 'No value' : v));
    apps.push({
      index: i,
      name,
      bundleId,
      versions,
      source: SOURCES[i % SOURCES.length] as string,
      signature: `Developer ID Application: ${word} Inc. (${rng.hex(10).toUpperCase()})`,
    });
  }
  return apps;
}
