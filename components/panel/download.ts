/** Saves text as a file through a temporary link (works in the side panel, a tab and Firefox's sidebar). */
export function downloadText(fileName: string, text: string, type: string): void {
  // A BOM so Excel opens UTF-8 CSV (Hebrew names) correctly.
  const body = type.startsWith('text/csv') ? `\uFEFF${text}` : text;
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
