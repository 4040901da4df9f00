// multipart/form-data for `POST …/storage/{storage}/upload`, in the order pve-http-server reads it
// (PVE/APIServer/AnyEvent.pm, file_upload_multipart): the fields first, then the file in a part
// named "filename" whose filename attribute names the file on the storage. Built by hand, not with
// FormData, so the bytes (and the boundary) are the same on every run and for every transport.
import { createHash } from 'node:crypto';

export interface MultipartBody {
  body: Buffer;
  contentType: string;
}

export function uploadBody(fields: Record<string, string>, file: { name: string; data: Buffer }): MultipartBody {
  const boundary = `pvectl-${createHash('sha256').update(file.data).digest('hex').slice(0, 32)}`;
  const head: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    head.push(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  }
  head.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="filename"; filename="${file.name.replace(/"/g, '')}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const body = Buffer.concat([Buffer.from(head.join('')), file.data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
