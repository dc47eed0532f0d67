// The top route: scroll restoration and focus management shared by every layout.
import { useEffect, useRef } from 'react';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';

/** Moves focus to <main> after each client-side navigation so screen readers start at the content. */
function FocusMainOnNavigate() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return; // first render: the browser's focus is right
    previous.current = pathname;
    document.getElementById('main-content')?.focus({ preventScroll: true });
  }, [pathname]);
  return null;
}

/** Renders the matched layout. */
export function RootLayout() {
  return (
    <>
      <FocusMainOnNavigate />
      <ScrollRestoration />
      <Outlet />
    </>
  );
}
