// Plain `ws` peer: seed 001's video chat signalling written the way a typical Node app would, so the
// load generator can compare Switchboard with a hand-rolled single-process server.
//
//   node --expose-gc ws-server.mjs [--port 9101]      prints "listening <port>" when ready
//
// WebSocket (any path): JSON text messages {"action":"ping"|"joinRoom"|"sendMsgToRoom",...}; anything else is
// ignored. HTTP: POST /broadcast (body -> every open connection), GET /stats (after a forced GC).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { WebSocket, WebSocketServer } from 'ws';

const { values } = parseArgs({ options: { port: { type: 'string', default: '9101' } } });
const port = Number(values.port);

/** roomId -> sockets in it. Each socket also remembers its rooms (ws.rooms) so close() is O(its rooms). */
const rooms = new Map();

const server = http.createServer(async (req, res) => {
  if (req.method === 'POST' && req.url === '/broadcast') {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    let delivered = 0;
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) {
        client.send(text);
        delivered++;
      }
    }
    return json(res, 200, { delivered });
  }
  if (req.method === 'GET' && req.url === '/stats') {
    // Forced GC first so heapUsed/rss measure live data, not garbage (needs node --expose-gc).
    if (typeof global.gc === 'function') global.gc();
    const { rss, heapUsed } = process.memoryUsage();
    return json(res, 200, { rss, heapUsed, connections: wss.clients.size });
  }
  json(res, 404, { message: 'Not Found' });
});

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

// No `path`: every upgrade on the shared server is accepted, like the Java gateway's stage paths.
// perMessageDeflate off and 128 KiB frames: the same limits API Gateway (and Switchboard) apply.
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 128 * 1024 });

wss.on('connection', (ws) => {
  ws.id = randomBytes(16).toString('base64url');
  ws.rooms = new Set();
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let msg;
    try {
      msg = JSON.parse(data.toString('utf8'));
    } catch {
      return; // not JSON: ignored, as specified
    }
    if (msg === null || typeof msg !== 'object') return;
    const handler = actions[msg.action];
    if (typeof handler === 'function' && Object.hasOwn(actions, msg.action)) handler(ws, msg);
  });
  ws.on('close', () => {
    for (const roomId of ws.rooms) {
      const members = rooms.get(roomId);
      members.delete(ws);
      if (members.size === 0) rooms.delete(roomId);
    }
    ws.rooms.clear();
  });
  ws.on('error', () => {}); // e.g. a frame over maxPayload: ws closes the socket itself (1009)
});

const actions = {
  ping(ws) {
    ws.send(JSON.stringify({ type: 'pong', statusCode: 200, connectionId: ws.id }));
  },
  joinRoom(ws, { roomId }) {
    if (roomId == null) return;
    roomId = String(roomId);
    let members = rooms.get(roomId);
    if (!members) rooms.set(roomId, (members = new Set()));
    members.add(ws);
    ws.rooms.add(roomId);
    const notice = JSON.stringify({ type: 'newParticipant', participantConnectionId: ws.id });
    const others = [];
    for (const other of members) {
      if (other === ws) continue;
      others.push(other.id);
      if (other.readyState === WebSocket.OPEN) other.send(notice);
    }
    ws.send(JSON.stringify({ type: 'joined', roomId, connectionId: ws.id, participants: others }));
  },
  sendMsgToRoom(ws, { roomId, message }) {
    const members = rooms.get(String(roomId));
    if (!members) return;
    const text = String(message); // the string value itself, as seed 001's PostToConnection Data
    // One ws.send per member, as typical ws apps do (no pre-framed buffer sharing).
    for (const other of members) {
      if (other !== ws && other.readyState === WebSocket.OPEN) other.send(text);
    }
  },
};

server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));

function shutdown() {
  for (const client of wss.clients) client.terminate();
  wss.close();
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 1000).unref(); // never hang the harness
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
