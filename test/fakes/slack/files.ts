// Slack's external file upload, as the fake serves it (files.upload is retired):
//   1. files.getUploadURLExternal { filename, length, alt_text? } → { upload_url, file_id }
//   2. POST the bytes to upload_url (raw, or a multipart form with the file) → 200 "OK - <length>"
//   3. files.completeUploadExternal { files: [{ id, title? }], channel_id?, thread_ts?, initial_comment? }
//      → { files: [...] }; with channel_id the file is shared there (in the thread with thread_ts).
// Without step 3 a file is never shared; without step 2 completing fails.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './body.ts';
import { SlackApiError, type MethodHandler } from './methods.ts';
import type { Workspace } from './workspace.ts';

export interface FakeFile {
  id: string;
  filename: string;
  /** The length announced in step 1. */
  length: number;
  altText?: string;
  title?: string;
  /** The bytes posted in step 2. */
  data?: Buffer;
  /** Where step 3 shared it: a channel, and the thread when there was one. */
  shares: { channel: string; threadTs?: string; ts: string; initialComment?: string }[];
  completed: boolean;
}

export class FileStore {
  readonly byId = new Map<string, FakeFile>();

  constructor(
    private readonly workspace: Workspace,
    private readonly baseUrl: () => string,
  ) {}

  /** Files shared in `channel` (and thread `threadTs`, when given). */
  sharedIn(channel: string, threadTs?: string): FakeFile[] {
    return [...this.byId.values()].filter((f) => f.shares.some((s) => s.channel === channel && (threadTs === undefined || s.threadTs === threadTs)));
  }

  handlers(postableChannel: (channel: string) => string): Record<string, MethodHandler> {
    const ws = this.workspace;
    return {
      'files.getUploadURLExternal': ({ args }) => {
        const filename = typeof args.filename === 'string' ? args.filename : '';
        const length = Number(args.length);
        if (filename === '' || !Number.isInteger(length) || length <= 0) throw new SlackApiError('invalid_arguments');
        const id = `F${ws.nextId()}`;
        this.byId.set(id, { id, filename, length, ...(typeof args.alt_text === 'string' && { altText: args.alt_text }), shares: [], completed: false });
        return { upload_url: `${this.baseUrl()}/upload/v1/${id}`, file_id: id };
      },
      'files.completeUploadExternal': ({ args }) => {
        let files: unknown = args.files;
        if (typeof files === 'string') {
          try {
            files = JSON.parse(files);
          } catch {
            throw new SlackApiError('invalid_arguments');
          }
        }
        if (!Array.isArray(files) || files.length === 0) throw new SlackApiError('invalid_arguments');
        const found = files.map((entry: { id?: unknown; title?: unknown }) => {
          const file = typeof entry.id === 'string' ? this.byId.get(entry.id) : undefined;
          if (!file) throw new SlackApiError('file_not_found');
          if (file.data === undefined) throw new SlackApiError('file_not_uploaded');
          if (file.data.length !== file.length) throw new SlackApiError('file_size_mismatch');
          if (typeof entry.title === 'string') file.title = entry.title;
          return file;
        });
        const channelArg = typeof args.channel_id === 'string' && args.channel_id !== '' ? args.channel_id : undefined;
        const threadTs = typeof args.thread_ts === 'string' && args.thread_ts !== '' ? args.thread_ts : undefined;
        const initialComment = typeof args.initial_comment === 'string' ? args.initial_comment : undefined;
        const channel = channelArg === undefined ? undefined : postableChannel(channelArg);
        for (const file of found) {
          file.completed = true;
          if (channel !== undefined) file.shares.push({ channel, ts: ws.nextTs(), ...(threadTs !== undefined && { threadTs }), ...(initialComment !== undefined && { initialComment }) });
        }
        return { files: found.map((f) => ({ id: f.id, title: f.title ?? f.filename })) };
      },
    };
  }

  /** Step 2: the bytes for a file announced in step 1. */
  async serveUpload(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const file = this.byId.get(id);
    if (req.method !== 'POST' || file === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let data = raw;
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string');
      data = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    }
    file.data = data;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${data.length}`);
  }
}
