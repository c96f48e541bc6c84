// Tabs where a rep works with leads: while one of them is the active tab, the sync runs every 2 minutes.
export const WORK_TAB_PATTERNS = [
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://app-na2.hubspot.com/*',
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
];
