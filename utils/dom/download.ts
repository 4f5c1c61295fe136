/** A file to save: what the exports make (utils/export/model.ts ExportFile has this shape). */
export interface DownloadFile {
  name: string;
  type: string;
  data: string | Uint8Array;
}

/** Save a file through a temporary object URL (no downloads permission needed). */
export function download(file: DownloadFile): void {
  const blob = new Blob([file.data as BlobPart], { type: file.type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
