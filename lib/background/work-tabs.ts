import { matchPatterns, PAGE_HOSTS } from '../sites';

// Tabs where a rep works with leads: while one of them is the active tab, the sync runs every 2 minutes.
export const WORK_TAB_PATTERNS = matchPatterns(PAGE_HOSTS);
