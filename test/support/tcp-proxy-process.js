// A TCP proxy in its own process, for chaos tests: stopping it (SIGSTOP) makes the service behind it look
// hung (connections accepted by the kernel, never answered); killing it makes it look dead (refused).
// Usage: node tcp-proxy-process.js <target port> [<listen port, 0 for any>]; prints "LISTENING <port>".
"use strict";
const net = require("node:net");

const targetPort = Number(process.argv[2]);
const listenPort = Number(process.argv[3] ?? 0);
const server = net.createServer((client) => {
  const upstream = net.connect(targetPort, "127.0.0.1");
  client.pipe(upstream).pipe(client);
  client.on("error", () => upstream.destroy());
  upstream.on("error", () => client.destroy());
});
server.listen(listenPort, "127.0.0.1", () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});
