import { useEffect } from 'react';

/** Sets the document title ("Page · HuntZen"), which screen readers announce on navigation. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · HuntZen` : 'HuntZen';
  }, [title]);
}
