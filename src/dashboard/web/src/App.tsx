// Shell: sign-in gate, navigation and the page for the current hash route.
import { useEffect, useState } from 'react';
import { apiKey, signOut } from './api.js';
import { useRoute } from './router.js';
import { SignIn, exchangeLoginCode } from './pages/SignIn.js';
import { Overview } from './pages/Overview.js';
import { CalendarPage } from './pages/Calendar.js';
import { MeetingPage } from './pages/Meeting.js';
import { BotPage } from './pages/Bot.js';
import { WebhooksPage } from './pages/Webhooks.js';
import { ConnectPage } from './pages/Connect.js';
import { V1UsersPage } from './pages/V1Users.js';
import { V1UserPage } from './pages/V1User.js';
import { V1MeetingPage } from './pages/V1Meeting.js';
import { forgetCalendarTokens } from './v1-api.js';

const NAV = [
  ['#/', 'Overview'],
  ['#/webhooks', 'Webhooks'],
  ['#/v1-users', 'V1 users'],
  ['#/connect', 'Connect a calendar'],
] as const;

export function App() {
  const [signedIn, setSignedIn] = useState(() => apiKey() !== null);
  const [loginError, setLoginError] = useState<string | null>(null);
  const route = useRoute();

  // A one-time local link (?login=CODE) signs in without typing a key; the code is gone from the URL after.
  useEffect(() => {
    const code = new URLSearchParams(location.search).get('login');
    if (!code) return;
    history.replaceState(null, '', location.pathname + location.hash);
    exchangeLoginCode(code).then(
      () => setSignedIn(true),
      (err: Error) => setLoginError(err.message),
    );
  }, []);

  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} initialError={loginError} />;

  const [section, id, sub, subId] = route.path;
  let page;
  if (section === 'calendars' && id) page = <CalendarPage id={id} />;
  else if (section === 'events' && id) page = <MeetingPage id={id} />;
  else if (section === 'bots' && id) page = <BotPage id={id} />;
  else if (section === 'webhooks') page = <WebhooksPage />;
  else if (section === 'v1-users' && id && sub === 'meetings' && subId) page = <V1MeetingPage userId={id} meetingId={subId} />;
  else if (section === 'v1-users' && id) page = <V1UserPage id={id} />;
  else if (section === 'v1-users') page = <V1UsersPage />;
  else if (section === 'connect') page = <ConnectPage query={route.query} />;
  else page = <Overview />;

  const active = `#/${section ?? ''}`;
  return (
    <>
      <a className="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <header className="top">
        <span className="brand">rollcall</span>
        <nav aria-label="Main">
          {NAV.map(([href, label]) => (
            <a key={href} href={href} aria-current={active === href ? 'page' : undefined}>{label}</a>
          ))}
        </nav>
        <button
          type="button"
          className="link"
          onClick={async () => {
            await signOut();
            forgetCalendarTokens();
            location.hash = '#/';
            setSignedIn(false);
          }}
        >
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>{page}</main>
    </>
  );
}
