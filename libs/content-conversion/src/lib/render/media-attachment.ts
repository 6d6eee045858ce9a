import { extension, lookup } from 'mime-types';
import { type CanonicalOutput } from '../canonical';
import { type GenesysAttachment } from '../genesys/genesys-reply.types';
import { compact } from '../json-guards';
import { Degradation } from './degradation';
import { type RenderContext } from './render-context';

/** Sent when neither the bot nor the file extension says what the media is. */
export const UNKNOWN_MIME = 'application/octet-stream';

/** The file name used when the URL path ends in `/` (or has no path): `attachment`, plus an extension when known. */
const DEFAULT_FILENAME = 'attachment';

type MediaOutput = Extract<CanonicalOutput, { kind: 'media' }>;

/**
 * A media output as a Genesys `Attachment` `{mediaType, url, mime, filename, text?}` (genesys-api.md §1.3; Genesys
 * requires `mime` and `filename`). The bot's own `mime`/`filename` win; missing ones are derived from the URL:
 * - `filename`: the last path segment of the URL, percent-decoded (query and fragment ignored); when that is empty,
 *   `attachment` plus the extension of the known MIME type (`attachment.pdf`), or just `attachment`;
 * - `mime`: looked up from the extension of the filename, then of the URL's last segment; when neither is known,
 *   `application/octet-stream` with a `mime-unknown` warning.
 */
export function toGenesysAttachment(output: MediaOutput, context: RenderContext): GenesysAttachment {
  const { mediaType, url, text } = output;
  const urlName = lastPathSegment(url);
  const mime = output.mime ?? mimeOf(output.filename) ?? mimeOf(urlName);
  const filename = output.filename ?? (urlName || defaultFilename(mime));
  if (mime === undefined) {
    context.warn(Degradation.MimeUnknown, `${mediaType} ${url} sent as ${UNKNOWN_MIME}`);
  }
  return compact({ mediaType, url, mime: mime ?? UNKNOWN_MIME, filename, text });
}

/**
 * The last path segment of a URL, percent-decoded, without query or fragment: `https://x/a/My%20File.pdf?v=2` →
 * `My File.pdf`; `''` when the path is empty or ends in `/`. A segment with malformed escapes is kept as it is.
 */
export function lastPathSegment(url: string): string {
  const segment = pathOf(url).split('/').pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The MIME type for a file name's extension (`report.PDF` → `application/pdf`); undefined without a known one. */
export function mimeOf(filename: string | undefined): string | undefined {
  const dot = filename?.lastIndexOf('.') ?? -1;
  // Only a real extension: mime-types would read a dot-less name such as "pdf" as an extension itself.
  if (filename === undefined || dot < 0 || dot === filename.length - 1) return undefined;
  return lookup(filename.slice(dot + 1)) || undefined;
}

function defaultFilename(mime: string | undefined): string {
  const ext = mime === undefined ? false : extension(mime);
  return ext ? `${DEFAULT_FILENAME}.${ext}` : DEFAULT_FILENAME;
}

/**
 * The URL's path (no scheme, host, query or fragment); `''` for URLs without one (`data:`, `mailto:`); for a string
 * that is not an absolute URL, the part before `?`/`#`.
 */
function pathOf(url: string): string {
  try {
    const { pathname } = new URL(url);
    return pathname.startsWith('/') ? pathname : '';
  } catch {
    return url.split(/[?#]/, 1)[0];
  }
}
