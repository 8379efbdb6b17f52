// Server-rendered pages of the authorize flow: the consent page (clickable in a browser, no external assets),
// the form_post auto-submit page, and the error page shown when no redirect is possible.
import { escapeHtml } from './event-input.js';
import { responseScope } from './scopes.js';

const STYLE = `body{font-family:system-ui,sans-serif;background:#f2f2f2;margin:0}main{max-width:440px;margin:60px auto;background:#fff;padding:32px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:1.4em;margin-top:0}ul{padding-left:1.2em}input[type=email]{width:100%;padding:6px;box-sizing:border-box;margin:8px 0 16px}
.buttons{display:flex;gap:8px;justify-content:flex-end}button{padding:8px 24px;border:1px solid #8a8886;background:#fff;cursor:pointer}button.primary{background:#0067b8;color:#fff;border-color:#0067b8}
.note{color:#666;font-size:.85em}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function hidden(fields: Record<string, string | undefined>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v!)}">`)
    .join('');
}

export function consentPage(opts: { action: string; clientId: string; scopes: string[]; loginHint: string; known: string[]; params: Record<string, string | undefined> }): string {
  const scopeItems = responseScope(opts.scopes)
    .split(' ')
    .filter(Boolean)
    .map((s) => `<li>${escapeHtml(s)}</li>`)
    .join('');
  const offline = opts.scopes.includes('offline_access') ? '<li>Maintain access to data you have given it access to</li>' : '';
  const options = opts.known.map((e) => `<option value="${escapeHtml(e)}">`).join('');
  return page(
    'Permissions requested',
    `<h1>Permissions requested</h1><p>Application <b>${escapeHtml(opts.clientId)}</b> (rollcall sandbox) would like to:</p>
<ul>${scopeItems}${offline}</ul>
<form method="post" action="${escapeHtml(opts.action)}">${hidden(opts.params)}
<label for="login">Sign in as</label><input id="login" type="email" name="login" list="accounts" required value="${escapeHtml(opts.loginHint)}"><datalist id="accounts">${options}</datalist>
<div class="buttons"><button type="submit" name="consent" value="cancel">Cancel</button><button class="primary" type="submit" name="consent" value="accept">Accept</button></div></form>
<p class="note">Microsoft emulator: accepting creates the account if it does not exist.</p>`,
  );
}

/** response_mode=form_post: an auto-submitting form to the redirect URI (a button if scripts are off). */
export function formPostPage(redirectUri: string, fields: Record<string, string | undefined>): string {
  return page(
    'Working...',
    `<form method="post" action="${escapeHtml(redirectUri)}" id="f">${hidden(fields)}<noscript><button type="submit">Continue</button></noscript></form><script>document.getElementById('f').submit()</script>`,
  );
}

export function errorPage(code: string, description: string): string {
  return page('Sign in error', `<h1>Sorry, but we're having trouble signing you in.</h1><p><b>${escapeHtml(code)}</b></p><p>${escapeHtml(description)}</p>`);
}
