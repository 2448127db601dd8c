import { useEffect, useState } from 'react';
import { formatAbsolute, formatRelative } from './format';

/** A relative time that stays current, with the absolute time on hover and for screen readers. */
export function RelativeTime({ iso, prefix = '' }: { iso: string; prefix?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={iso} title={formatAbsolute(iso)}>
      {prefix}
      {formatRelative(iso, now)}
    </time>
  );
}
