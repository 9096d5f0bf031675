import type { Response as BotbuilderResponse } from 'botbuilder';

export interface RecordedAnswer {
  status: number;
  body: unknown;
}

/**
 * A stand-in for the HTTP response that botbuilder's CloudAdapter.process writes to (status, send, end, header):
 * it only records the status and body, so the caller decides what actually goes out. Headers (teams-ai sets its
 * User-Agent) are passed on to `forwardHeader`.
 */
export function createResponseRecorder(forwardHeader: (name: string, value: string) => void): {
  response: BotbuilderResponse;
  result(): RecordedAnswer;
} {
  let status = 200;
  let body: unknown;
  const response: BotbuilderResponse = {
    socket: undefined,
    header(name: string, value: unknown) {
      if (typeof name === 'string' && (typeof value === 'string' || typeof value === 'number'))
        forwardHeader(name, String(value));
      return response;
    },
    status(code: number) {
      status = code;
      return response;
    },
    send(...args: unknown[]) {
      body = args[0];
      return response;
    },
    end() {
      return response;
    },
  };
  return { response, result: () => ({ status, body }) };
}
