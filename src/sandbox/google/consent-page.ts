// Server-rendered consent and error pages for the authorize endpoint: plain HTML, no external assets, so a
// browser (or Playwright) can click through.
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#202124}' +
  'h1{font-size:1.4rem}label{display:block;margin:.4rem 0}button{font-size:1rem;padding:.5rem 1.4rem;margin-right:.6rem}' +
  '.allow{background:#1a73e8;color:#fff;border:0;border-radius:4px}.muted{color:#5f6368;font-size:.85rem}';

export interface ConsentPageInput {
  clientId: string;
  scopes: string[];
  accounts: string[];
  loginHint?: string;
  /** Opaque, HTML-escaped into a hidden field: the original authorization request. */
  request: string;
  action: string;
}

export function consentPage(p: ConsentPageInput): string {
  const chosen = p.loginHint ?? p.accounts[0] ?? '';
  const accountOptions = p.accounts.map((a) => `<option value="${esc(a)}"></option>`).join('');
  const scopes = p.scopes
    .map((s) => `<label><input type="checkbox" name="scope" value="${esc(s)}" checked> ${esc(s)}</label>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in - Google Accounts (sandbox)</title>
<style>${STYLE}</style></head><body>
<h1>rollcall sandbox wants to access your Google Account</h1>
<p class="muted">Client <code>${esc(p.clientId)}</code>. This is the rollcall Google emulator, not Google.</p>
<form method="post" action="${esc(p.action)}">
<input type="hidden" name="request" value="${esc(p.request)}">
<label>Account <input name="email" type="email" list="accounts" required value="${esc(chosen)}"></label>
<datalist id="accounts">${accountOptions}</datalist>
<p>Allow access to:</p>${scopes}
<p><button class="allow" type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny" formnovalidate>Cancel</button></p>
</form></body></html>`;
}

export function errorPage(status: number, error: string, description: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error ${status}: ${esc(error)}</title>
<style>${STYLE}</style></head><body><h1>Access blocked: authorization error</h1>
<p>Error ${status}: ${esc(error)}</p><p class="muted">${esc(description)}</p></body></html>`;
}
