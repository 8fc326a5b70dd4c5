import { clientAddress, limitKey } from "./client-address";

const request = (remoteAddress: string | undefined, xff?: string | string[]) => ({
  socket: { remoteAddress } as never,
  headers: xff === undefined ? {} : { "x-forwarded-for": xff },
});

describe("clientAddress", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientAddress(request("203.0.113.7", "198.51.100.1"), 0)).toBe("203.0.113.7");
  });

  it("is the entry appended by the one trusted proxy, not one the client wrote before it", () => {
    expect(clientAddress(request("10.0.0.2", "6.6.6.6, 198.51.100.1"), 1)).toBe("198.51.100.1");
  });

  it("counts trusted proxies from the right", () => {
    expect(clientAddress(request("10.0.0.3", "6.6.6.6, 198.51.100.1, 10.0.0.2"), 2)).toBe("198.51.100.1");
    expect(clientAddress(request("10.0.0.3", ["6.6.6.6, 198.51.100.1", "10.0.0.2"]), 2)).toBe("198.51.100.1");
  });

  it("uses the leftmost entry a request that skipped a proxy has, and the peer when it has none", () => {
    expect(clientAddress(request("10.0.0.3", "198.51.100.1"), 2)).toBe("198.51.100.1");
    expect(clientAddress(request("10.0.0.3"), 1)).toBe("10.0.0.3");
    expect(clientAddress(request("10.0.0.3", " , "), 1)).toBe("10.0.0.3");
  });

  it("falls back to the peer when the chosen entry is not an address", () => {
    expect(clientAddress(request("10.0.0.2", "unknown"), 1)).toBe("10.0.0.2");
  });

  it("keys a missing peer address as the empty string", () => {
    expect(clientAddress(request(undefined), 0)).toBe("");
  });
});

describe("limitKey", () => {
  test.each([
    ["an IPv4 address", "198.51.100.1", "198.51.100.1"],
    ["an IPv4-mapped IPv6 address", "::ffff:198.51.100.1", "198.51.100.1"],
    ["an IPv6 address", "2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["another address of the same /64", "2001:0DB8:0001:0002:ffff::1", "2001:db8:1:2::/64"],
    ["a compressed IPv6 address", "2001:db8::1", "2001:db8:0:0::/64"],
    ["the loopback", "::1", "0:0:0:0::/64"],
    ["a link-local address with a zone", "fe80::1%eth0", "fe80:0:0:0::/64"],
    ["an IPv6 address with an IPv4 tail", "64:ff9b::198.51.100.1", "64:ff9b:0:0::/64"],
  ])("keys %s as %s", (_label, address, key) => {
    expect(limitKey(address)).toBe(key);
  });
});
