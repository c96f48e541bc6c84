import { useEffect, useState } from 'react';

/** The value once it has stopped changing for `ms`: a look-up per pause in typing, not per key. */
export function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}
