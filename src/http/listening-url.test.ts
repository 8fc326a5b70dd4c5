import http from "node:http";
import { listeningUrl } from "./listening-url";

describe("listeningUrl", () => {
  const listening = async (host: string, run: (server: http.Server) => void) => {
    const server = http.createServer();
    await new Promise<void>((ok) => server.listen(0, host, ok));
    try {
      run(server);
    } finally {
      server.close();
    }
  };

  it("is the configured port on localhost before the server listens", () => {
    expect(listeningUrl(http.createServer(), 4000)).toBe("http://localhost:4000");
  });

  it("is the address and port it listens on", async () => {
    await listening("127.0.0.1", (server) => {
      expect(listeningUrl(server, 4000)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(listeningUrl(server, 4000)).not.toBe("http://127.0.0.1:4000");
    });
  });

  it("writes a wildcard address as localhost", async () => {
    await listening("0.0.0.0", (server) => expect(listeningUrl(server, 4000)).toMatch(/^http:\/\/localhost:\d+$/));
  });
});
