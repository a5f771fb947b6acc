// Socket.IO 4 peer: seed 001's signalling as the most common tutorial pattern (rooms + emit), WebSocket
// transport only so a raw WebSocket load generator can drive it without long-polling.
//
//   node --expose-gc socketio-server.mjs [--port 9102] [--redis redis://127.0.0.1:6379]
//                                                         prints "listening <port>" when ready
// With --redis it is one node of a cluster: the official Redis adapter (@socket.io/redis-adapter, classic pub/sub,
// as its README sets it up) carries every room emit and broadcast to the other nodes.
//
// Events: ping -> pong; joinRoom(roomId) -> others get newParticipant(socket.id), sender gets joined(roomId);
// sendMsgToRoom(roomId, text) -> others get message(text). HTTP: POST /broadcast, GET /stats (after GC).
// `ping`/`pong` are NOT reserved in Socket.IO 4 (reserved: connect, connect_error, disconnect, disconnecting,
// newListener, removeListener; see socket.io/dist/socket-types.js), so no echo/echoed rename was needed.
//
// Wire protocol for a raw WebSocket client (Engine.IO v4 + Socket.IO v5), VERIFIED with a plain `ws` client
// (no socket.io-client) against this server, socket.io 4.8.4. One text frame per line; A joined r1 first:
//   A: connect ws://127.0.0.1:PORT/socket.io/?EIO=4&transport=websocket
//   A < 0{"sid":"9_gjtKB8N7fMay2aAAAA","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":131072}
//   A > 40                                         Socket.IO CONNECT to the main namespace "/"
//   A < 40{"sid":"vph2x8LY_Coz8IYFAAAA"}           this sid is socket.id (what newParticipant carries)
//   A > 42["ping"]
//   A < 42["pong"]
//   A > 42["joinRoom","r1"]
//   A < 42["joined","r1"]
//   B: connect, < 0{...}, > 40, < 40{"sid":"I6Kp-Q8idxmZwdBPAAAB"}
//   B > 42["joinRoom","r1"]
//   A < 42["newParticipant","I6Kp-Q8idxmZwdBPAAAB"]  (sent before B's own "joined")
//   B < 42["joined","r1"]
//   B > 42["sendMsgToRoom","r1","hello world!"]
//   A < 42["message","hello world!"]                 (other members only, never the sender)
//   POST /broadcast body "to all" -> A < 42["message","to all"], B < 42["message","to all"], {"delivered":2}
//   A < 2   (Engine.IO ping, 25 s = pingInterval after the handshake, to every client)
//   A > 3   (pong; a client that never answers is dropped at 25 + 20 s = pingInterval + pingTimeout, with
//            a close frame without a status code, the client sees 1005; also verified)
// The Engine.IO sid in "0{...}" is not the Socket.IO socket.id in "40{...}". maxPayload echoes
// maxHttpBufferSize. Text payloads are JSON-encoded inside the array (quotes and backslashes escaped).
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';

const { values } = parseArgs({ options: { port: { type: 'string', default: '9102' }, redis: { type: 'string' } } });
const port = Number(values.port);

// Socket.IO takes over requests under /socket.io/ and passes every other request to this handler.
const server = http.createServer(async (req, res) => {
  if (req.method === 'POST' && req.url === '/broadcast') {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    io.emit('message', Buffer.concat(chunks).toString('utf8'));
    return json(res, 200, { delivered: io.engine.clientsCount });
  }
  if (req.method === 'GET' && req.url === '/stats') {
    if (typeof global.gc === 'function') global.gc(); // needs node --expose-gc
    const { rss, heapUsed } = process.memoryUsage();
    return json(res, 200, { rss, heapUsed, connections: io.engine.clientsCount });
  }
  json(res, 404, { message: 'Not Found' });
});

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const io = new Server(server, {
  transports: ['websocket'], // no HTTP long-polling: the client opens the WebSocket directly
  perMessageDeflate: false,
  maxHttpBufferSize: 128 * 1024, // same 128 KiB message limit as API Gateway / the ws peer
  serveClient: false, // nothing to serve to browsers here
});

if (values.redis) {
  const pubClient = createClient({ url: values.redis });
  const subClient = pubClient.duplicate();
  await Promise.all([pubClient.connect(), subClient.connect()]);
  io.adapter(createAdapter(pubClient, subClient));
}

io.on('connection', (socket) => {
  socket.on('ping', () => socket.emit('pong'));
  socket.on('joinRoom', (roomId) => {
    socket.join(roomId);
    socket.to(roomId).emit('newParticipant', socket.id);
    socket.emit('joined', roomId);
  });
  socket.on('sendMsgToRoom', (roomId, text) => {
    socket.to(roomId).emit('message', text);
  });
});

server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));

function shutdown() {
  io.close(); // disconnects every socket and closes the http server
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 1000).unref();
  server.on('close', () => process.exit(0));
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
