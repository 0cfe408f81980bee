// The page frame: a skip link, the top bar (where you are, sign out), and main.
import type { Child } from 'hono/jsx';
import type { Session } from './session.ts';

export interface Nav {
  label: string;
  href: string;
  current?: boolean;
}

export function Page(props: { title: string; session?: Session | undefined; nav?: Nav[]; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Cohort`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/htmx.min.js" defer></script>
      </head>
      <body hx-headers={props.session ? JSON.stringify({ 'X-CSRF-Token': props.session.csrf }) : undefined}>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <div class="bar">
            <a href="/">Cohort</a>
            <nav aria-label="Sections">
              {(props.nav ?? []).map((n) => (
                <a href={n.href} aria-current={n.current ? 'page' : undefined}>
                  {n.label}
                </a>
              ))}
            </nav>
            {props.session && (
              <form method="post" action="/signout">
                <input type="hidden" name="_csrf" value={props.session.csrf} />
                <span class="muted" style="color:#d0d7de;margin-right:8px">{props.session.identity.name}</span>
                <button type="submit">Sign out</button>
              </form>
            )}
          </div>
        </header>
        <main id="main">{props.children}</main>
      </body>
    </html>
  );
}

export const Csrf = (props: { session: Session }) => <input type="hidden" name="_csrf" value={props.session.csrf} />;
