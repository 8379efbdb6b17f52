// Deterministic random meeting links and the redirect wrappers real calendars put around them.
export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for test data. */
export function seededRandom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const letters = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(rng() * 26))).join('');
const digits = (rng: Rng, n: number): string =>
  String(1 + Math.floor(rng() * 9)) + Array.from({ length: n - 1 }, () => Math.floor(rng() * 10)).join('');
const alnum = (rng: Rng, n: number): string => {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: n }, () => abc[Math.floor(rng() * abc.length)]).join('');
};

export function meetUrl(rng: Rng): string {
  return `https://meet.google.com/${letters(rng, 3)}-${letters(rng, 4)}-${letters(rng, 3)}`;
}

export function zoomUrl(rng: Rng): string {
  return `https://us02web.zoom.us/j/${digits(rng, 11)}?pwd=${alnum(rng, 16)}`;
}

export function teamsUrl(rng: Rng): string {
  const thread = encodeURIComponent(`19:meeting_${alnum(rng, 24)}@thread.v2`);
  const context = encodeURIComponent(JSON.stringify({ Tid: uuid(rng), Oid: uuid(rng) }));
  return `https://teams.microsoft.com/l/meetup-join/${thread}/0?context=${context}`;
}

/** Outlook Safe Links wrapper. */
export function safeLink(url: string): string {
  return `https://nam12.safelinks.protection.outlook.com/?url=${encodeURIComponent(url)}&data=05%7C02%7C%7Cabc%7C0%7C0%7C0&sdata=x&reserved=0`;
}

/** Google Calendar's redirect wrapper for links in descriptions and conference notes. */
export function googleRedirect(url: string): string {
  return `https://www.google.com/url?q=${encodeURIComponent(url)}&sa=D&source=calendar&usg=AOvVaw0sandbox`;
}

function uuid(rng: Rng): string {
  const h = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}
