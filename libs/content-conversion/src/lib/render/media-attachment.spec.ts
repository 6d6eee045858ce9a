import { resolveCapabilities } from './degradation';
import { lastPathSegment, mimeOf, toGenesysAttachment } from './media-attachment';
import { RenderContext } from './render-context';

describe('lastPathSegment', () => {
  it.each([
    ['https://cdn.example.com/a/b/report.pdf', 'report.pdf'],
    ['https://cdn.example.com/a/My%20File%20%C3%A4.pdf?v=2#page=3', 'My File ä.pdf'],
    ['https://cdn.example.com/a/', ''],
    ['https://cdn.example.com', ''],
    ['https://cdn.example.com/100%25.png', '100%.png'],
    ['https://cdn.example.com/bad%E0%A4%A.png', 'bad%E0%A4%A.png'],
    ['/relative/path/x.mp3?y=1', 'x.mp3'],
    ['data:image/png;base64,iVBORw0KGgo=', ''],
  ])('%s → %j', (url, segment) => {
    expect(lastPathSegment(url)).toBe(segment);
  });
});

describe('mimeOf', () => {
  it.each([
    ['photo.JPG', 'image/jpeg'],
    ['clip.mp4', 'video/mp4'],
    ['song.mp3', 'audio/mpeg'],
    ['a.b.pdf', 'application/pdf'],
    ['pdf', undefined],
    ['archive.', undefined],
    ['export', undefined],
    ['data.unknownext', undefined],
    [undefined, undefined],
  ])('%j → %j', (filename, mime) => {
    expect(mimeOf(filename)).toBe(mime);
  });
});

describe('toGenesysAttachment', () => {
  const render = (output: Parameters<typeof toGenesysAttachment>[0]) => {
    const context = new RenderContext(resolveCapabilities());
    return { attachment: toGenesysAttachment(output, context), warnings: context.warnings };
  };

  it('derives mime and filename from the URL', () => {
    expect(render({ kind: 'media', mediaType: 'Image', url: 'https://x.test/img/pass.png?sig=abc' })).toEqual({
      attachment: { mediaType: 'Image', url: 'https://x.test/img/pass.png?sig=abc', mime: 'image/png', filename: 'pass.png' },
      warnings: [],
    });
  });

  it("keeps the bot's mime and filename, even when the URL says otherwise", () => {
    const output = { kind: 'media' as const, mediaType: 'File' as const, url: 'https://x.test/f.bin', mime: 'text/csv', filename: 'r.csv' };
    expect(render(output).attachment).toEqual({ mediaType: 'File', url: 'https://x.test/f.bin', mime: 'text/csv', filename: 'r.csv' });
  });

  it("takes the mime from the bot's filename first, then from the URL", () => {
    expect(render({ kind: 'media', mediaType: 'File', url: 'https://x.test/get', filename: 'Invoice.PDF' }).attachment.mime).toBe(
      'application/pdf',
    );
    expect(render({ kind: 'media', mediaType: 'File', url: 'https://x.test/i.pdf', filename: 'Invoice' }).attachment).toMatchObject({
      mime: 'application/pdf',
      filename: 'Invoice',
    });
  });

  it('names a file without a path segment "attachment", with the extension of a known mime', () => {
    expect(render({ kind: 'media', mediaType: 'Image', url: 'https://x.test/', mime: 'image/png' }).attachment.filename).toBe(
      'attachment.png',
    );
    expect(render({ kind: 'media', mediaType: 'Image', url: 'https://x.test/' }).attachment.filename).toBe('attachment');
  });

  it('falls back to application/octet-stream with a mime-unknown warning', () => {
    expect(render({ kind: 'media', mediaType: 'Video', url: 'https://x.test/stream?id=7', text: 'Watch' })).toEqual({
      attachment: { mediaType: 'Video', url: 'https://x.test/stream?id=7', mime: 'application/octet-stream', filename: 'stream', text: 'Watch' },
      warnings: ['mime-unknown: Video https://x.test/stream?id=7 sent as application/octet-stream'],
    });
  });
});
