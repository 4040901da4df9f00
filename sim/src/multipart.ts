// multipart/form-data bodies of `…/storage/{storage}/upload`, read the way pve-http-server reads
// them (PVE/APIServer/AnyEvent.pm, file_upload_multipart): the form fields `content`,
// `checksum-algorithm` and `checksum` first, then the file itself in a part named "filename",
// whose filename attribute becomes the `filename` parameter. The file must be the last part.
import { ApiError } from './http.js';

export interface Upload {
  params: Record<string, string>;
  data: Buffer;
}

const FIELDS = ['content', 'checksum-algorithm', 'checksum'];

export function boundaryOf(contentType: string): string | undefined {
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  return /;\s*boundary\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1];
}

export function parseUpload(body: Buffer, boundary: string): Upload {
  const delim = Buffer.from(`--${boundary}`);
  const params: Record<string, string> = {};
  let at = body.indexOf(delim);
  if (at < 0) throw new ApiError(400, 'multipart body without its boundary');
  for (;;) {
    at += delim.length;
    if (body.subarray(at, at + 2).toString() === '--') break;
    const headEnd = body.indexOf('\r\n\r\n', at);
    if (headEnd < 0) throw new ApiError(400, 'multipart part without an end of headers');
    const head = body.subarray(at, headEnd).toString('utf8');
    const disposition = /Content-Disposition: (.*?); name="(.*?)"(?:; filename="([^"]+)")?/i.exec(head);
    if (!disposition) throw new ApiError(400, 'multipart part without Content-Disposition');
    if (disposition[1] !== 'form-data') {
      throw new ApiError(501, `wrong Content-Disposition '${disposition[1]}' in multipart, expected 'form-data'`);
    }
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delim]), headEnd + 4);
    if (next < 0) throw new ApiError(400, 'multipart part without a closing boundary');
    const value = body.subarray(headEnd + 4, next);
    if (disposition[3] !== undefined) {
      if (disposition[2] !== 'filename') {
        throw new ApiError(501, `wrong field name '${disposition[2]}' for file upload, expected 'filename'`);
      }
      params.filename = disposition[3].trim();
      const rest = body.subarray(next + 2 + delim.length, next + 4 + delim.length).toString();
      if (rest !== '--') throw new ApiError(400, 'the file must be the last part of an upload');
      return { params, data: Buffer.from(value) };
    }
    // fields other than these are not read by the server (they would be taken as file data)
    if (FIELDS.includes(disposition[2] ?? '')) params[disposition[2]!] = value.toString('utf8').trim();
    at = next + 2;
  }
  throw new ApiError(400, 'upload without a file part');
}
