import { type Agent, get, request } from "node:http";
import { print } from "graphql";
import { RequestUploadDocument } from "../../client/generated/graphql";
import { avatarInput } from "./operations";

/** What one request met: an answer, or a socket error and whether any of the request had been sent. */
export type Outcome = { kind: "answered"; status: number; body: string } | { kind: "failed"; code: string; sent: boolean };

/** One upload-grant POST /graphql; `hold` keeps the last bytes of the body back until it resolves. */
export function postUpload(port: number, token: string, agent: Agent | false, hold?: Promise<void>): Promise<Outcome> {
  const body = JSON.stringify({ query: print(RequestUploadDocument), variables: { input: avatarInput() } });
  return new Promise((done) => {
    let sent = false;
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/graphql",
        agent,
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => done({ kind: "answered", status: res.statusCode!, body: text }));
        res.on("error", (e: NodeJS.ErrnoException) => done({ kind: "failed", code: e.code ?? e.message, sent: true }));
      },
    );
    req.on("socket", (socket) => socket.once("connect", () => (sent = true)).once("free", () => (sent = true)));
    req.on("error", (e: NodeJS.ErrnoException) =>
      done({ kind: "failed", code: e.code ?? e.message, sent: sent || req.reusedSocket }),
    );
    if (!hold) return void req.end(body);
    req.write(body.slice(0, 40));
    void hold.then(() => req.end(body.slice(40)));
  });
}

/** GET /readyz on a connection of its own, as a load balancer's health check makes it. */
export function getReadyz(port: number): Promise<Outcome> {
  return new Promise((done) => {
    const req = get({ host: "127.0.0.1", port, path: "/readyz", agent: false }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => done({ kind: "answered", status: res.statusCode!, body: text }));
    });
    req.on("error", (e: NodeJS.ErrnoException) => done({ kind: "failed", code: e.code ?? e.message, sent: false }));
  });
}
