// Self-test of the three peers: starts each one on free loopback ports as a child process and drives it with
// two raw `ws` clients (Socket.IO too: raw Engine.IO/Socket.IO frames, no socket.io-client), the way the Java
// load generator will. Prints PASS/FAIL per check, exits 1 if any failed.
//
//   cd bench/peers && npm ci && node check.mjs
import { spawn } from 'node:child_process';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';

const here = dirname(fileURLToPath(import.meta.url));
const TIMEOUT_MS = 5000;
let failures = 0;

function report(name, ok, detail = '') {
  if (!ok) failures++;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? `  (${detail})` : ''}`);
}

/** Runs one check; an exception (e.g. a timeout waiting for a frame) is a FAIL, not a crash. */
async function check(name, fn) {
  try {
    const detail = await fn();
    report(name, true, typeof detail === 'string' ? detail : '');
  } catch (err) {
    report(name, false, err.message);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Spawns a server and resolves once `readyPattern` shows up on its stdout or stderr. */
function startServer(label, cmd, args, readyPattern, env = {}) {
  const child = spawn(cmd, args, { cwd: here, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} not ready in 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      child.output = output;
      if (readyPattern.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.exited.then(({ code }) => reject(new Error(`${label} exited (${code}) before ready:\n${output}`)));
  });
}

async function stopServer(child) {
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const result = await child.exited;
  clearTimeout(timer);
  return result;
}

/** A raw WebSocket client with an inbox: next() waits for the next text frame (optionally one matching). */
class Client {
  static async open(url, { answerEnginePing = false } = {}) {
    const c = new Client();
    c.ws = new WebSocket(url);
    c.inbox = [];
    c.waiters = [];
    c.ws.on('message', (data) => {
      const text = data.toString('utf8');
      if (answerEnginePing && text === '2') return c.ws.send('3'); // Engine.IO heartbeat
      c.inbox.push(text);
      c.waiters.splice(0).forEach((wake) => wake());
    });
    await new Promise((resolve, reject) => {
      c.ws.once('open', resolve);
      c.ws.once('error', reject);
    });
    c.ws.on('error', () => {}); // a later socket error shows up as a missing frame instead
    return c;
  }

  send(text) {
    this.ws.send(text);
  }

  async next(match = () => true, timeoutMs = TIMEOUT_MS) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex(match);
      if (i >= 0) return this.inbox.splice(i, 1)[0];
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame in ${timeoutMs} ms; inbox: ${JSON.stringify(this.inbox)}`);
      await new Promise((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }

  /** Nothing (else) arrives for `ms`: used to prove the sender is not echoed its own room message. */
  async quiet(ms = 300) {
    await new Promise((r) => setTimeout(r, ms));
    assert(this.inbox.length === 0, `unexpected frames: ${JSON.stringify(this.inbox)}`);
  }

  close() {
    this.ws.close();
  }
}

const isJson = (pred) => (text) => {
  try {
    return pred(JSON.parse(text));
  } catch {
    return false;
  }
};
// The room message: non-ASCII, quotes, backslash and JSON-looking text must arrive byte for byte.
const ROOM_TEXT = 'hello world! «ü» "quoted" \\ {"sdp":"v=0"}';

async function httpChecks(label, base, expectConnections) {
  await check(`${label}: POST /broadcast reaches both clients`, async () => {
    const res = await fetch(`${base}/broadcast`, { method: 'POST', body: 'to all' });
    const body = await res.json();
    assert(res.status === 200 && body.delivered === expectConnections, `got ${res.status} ${JSON.stringify(body)}`);
    return JSON.stringify(body);
  });
}

async function statsCheck(label, base, expectConnections) {
  await check(`${label}: GET /stats`, async () => {
    const res = await fetch(`${base}/stats`);
    const s = await res.json();
    assert(res.status === 200 && s.rss > 0 && s.heapUsed > 0, JSON.stringify(s));
    assert(s.connections === expectConnections, `connections ${s.connections}, expected ${expectConnections}`);
    return JSON.stringify(s);
  });
}

async function stopCheck(label, child) {
  await check(`${label}: exits cleanly on SIGTERM`, async () => {
    const { code, signal } = await stopServer(child);
    assert(code === 0, `exit code ${code}, signal ${signal}`);
  });
}

// ---------------------------------------------------------------------------------------------------------
async function checkWs() {
  const label = 'ws-server';
  const port = await freePort();
  const child = await startServer(label, process.execPath, ['--expose-gc', 'ws-server.mjs', '--port', port], /listening \d+/);
  const url = `ws://127.0.0.1:${port}/any/path`;
  const a = await Client.open(url);
  const b = await Client.open(url);
  let aId, bId;
  await check(`${label}: ping -> pong`, async () => {
    a.send('{"action":"ping"}');
    const pong = JSON.parse(await a.next());
    assert(pong.type === 'pong' && pong.statusCode === 200 && pong.connectionId, JSON.stringify(pong));
    return `connectionId ${pong.connectionId}`;
  });
  await check(`${label}: non-JSON and unknown actions are ignored`, async () => {
    a.send('not json');
    a.send('{"action":"dance"}');
    a.send('{"action":"toString"}');
    a.send('{"action":"ping"}');
    assert(JSON.parse(await a.next()).type === 'pong', 'next frame was not the pong');
  });
  await check(`${label}: first member joins r1`, async () => {
    a.send('{"action":"joinRoom","roomId":"r1"}');
    const joined = JSON.parse(await a.next());
    assert(joined.type === 'joined' && joined.roomId === 'r1' && joined.participants.length === 0, JSON.stringify(joined));
    aId = joined.connectionId;
  });
  await check(`${label}: second joins, first gets newParticipant(second)`, async () => {
    b.send('{"action":"joinRoom","roomId":"r1"}');
    const joined = JSON.parse(await b.next());
    bId = joined.connectionId;
    assert(joined.type === 'joined' && JSON.stringify(joined.participants) === JSON.stringify([aId]), JSON.stringify(joined));
    const notice = JSON.parse(await a.next());
    assert(notice.type === 'newParticipant' && notice.participantConnectionId === bId, JSON.stringify(notice));
  });
  await check(`${label}: sendMsgToRoom delivers the exact text to the other member only`, async () => {
    a.send(JSON.stringify({ action: 'sendMsgToRoom', roomId: 'r1', message: ROOM_TEXT }));
    const got = await b.next();
    assert(got === ROOM_TEXT, `got ${JSON.stringify(got)}`);
    await a.quiet();
  });
  await httpChecks(label, `http://127.0.0.1:${port}`, 2);
  await check(`${label}: broadcast body arrives as one text frame`, async () => {
    assert((await a.next()) === 'to all' && (await b.next()) === 'to all', 'missing broadcast');
  });
  await statsCheck(label, `http://127.0.0.1:${port}`, 2);
  a.close();
  b.close();
  await stopCheck(label, child);
}

// ---------------------------------------------------------------------------------------------------------
async function checkSocketIo() {
  const label = 'socketio-server';
  const port = await freePort();
  const child = await startServer(label, process.execPath, ['--expose-gc', 'socketio-server.mjs', '--port', port], /listening \d+/);
  const url = `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`;
  /** Engine.IO open ("0{...}"), then Socket.IO CONNECT ("40" -> "40{sid}"); returns socket.id. */
  async function connect(c) {
    const open = await c.next();
    assert(open.startsWith('0{'), `expected Engine.IO open, got ${open}`);
    const { pingInterval, pingTimeout, maxPayload } = JSON.parse(open.slice(1));
    c.send('40');
    const ack = await c.next();
    assert(ack.startsWith('40{'), `expected 40{...}, got ${ack}`);
    return { sid: JSON.parse(ack.slice(2)).sid, pingInterval, pingTimeout, maxPayload };
  }
  const a = await Client.open(url, { answerEnginePing: true });
  const b = await Client.open(url, { answerEnginePing: true });
  let aSid, bSid;
  await check(`${label}: handshake 0{...} / 40 / 40{sid}`, async () => {
    const ha = await connect(a);
    const hb = await connect(b);
    aSid = ha.sid;
    bSid = hb.sid;
    assert(ha.maxPayload === 128 * 1024, `maxPayload ${ha.maxPayload}`);
    return `pingInterval ${ha.pingInterval}, pingTimeout ${ha.pingTimeout}, maxPayload ${ha.maxPayload}`;
  });
  await check(`${label}: 42["ping"] -> 42["pong"]`, async () => {
    a.send('42["ping"]');
    const got = await a.next();
    assert(got === '42["pong"]', got);
  });
  await check(`${label}: first member joins r1`, async () => {
    a.send('42["joinRoom","r1"]');
    const got = await a.next();
    assert(got === '42["joined","r1"]', got);
  });
  await check(`${label}: second joins, first gets newParticipant(second)`, async () => {
    b.send('42["joinRoom","r1"]');
    assert((await b.next()) === '42["joined","r1"]', 'no joined');
    const notice = await a.next();
    assert(notice === `42["newParticipant","${bSid}"]`, notice);
    assert(aSid !== bSid, 'same sid');
  });
  await check(`${label}: sendMsgToRoom delivers the exact text to the other member only`, async () => {
    b.send(`42${JSON.stringify(['sendMsgToRoom', 'r1', ROOM_TEXT])}`);
    const frame = await a.next();
    const [event, text] = JSON.parse(frame.slice(2));
    assert(frame.startsWith('42') && event === 'message' && text === ROOM_TEXT, frame);
    await b.quiet();
  });
  await httpChecks(label, `http://127.0.0.1:${port}`, 2);
  await check(`${label}: broadcast arrives as 42["message",body]`, async () => {
    assert((await a.next()) === '42["message","to all"]' && (await b.next()) === '42["message","to all"]', 'missing');
  });
  await statsCheck(label, `http://127.0.0.1:${port}`, 2);
  a.close();
  b.close();
  await stopCheck(label, child);
}

// ---------------------------------------------------------------------------------------------------------
async function checkSls() {
  const label = 'serverless-offline';
  const [ws, http, lambda, alb] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const env = { SLS_WS_PORT: ws, SLS_HTTP_PORT: http, SLS_LAMBDA_PORT: lambda, SLS_ALB_PORT: alb };
  const child = await startServer(label, 'sh', [join(here, 'sls', 'start.sh')],
    /Offline \[http for websocket\] listening on http:\/\/127\.0\.0\.1:\d+/, env);
  const url = `ws://127.0.0.1:${ws}`;
  const a = await Client.open(url);
  const b = await Client.open(url);
  const pong = (c) => c.next(isJson((m) => m.type === 'pong'));
  let aId, bId;
  await check(`${label}: ping -> pong (route response)`, async () => {
    a.send('{"action":"ping"}');
    b.send('{"action":"ping"}');
    const pa = JSON.parse(await pong(a));
    aId = pa.connectionId;
    bId = JSON.parse(await pong(b)).connectionId;
    assert(pa.statusCode === 200 && aId && bId && aId !== bId, JSON.stringify(pa));
    return `connectionId ${aId}`;
  });
  await check(`${label}: second joins r1, first gets newParticipant(second) via @connections`, async () => {
    a.send('{"action":"joinRoom","roomId":"r1"}');
    await new Promise((r) => setTimeout(r, 300)); // joinRoom sends nothing back: let the first one finish
    b.send('{"action":"joinRoom","roomId":"r1"}');
    const notice = JSON.parse(await a.next());
    assert(notice.type === 'newParticipant' && notice.participantConnectionId === bId, JSON.stringify(notice));
  });
  await check(`${label}: sendMsgToRoom delivers the exact text to the other member only (shared state)`, async () => {
    a.send(JSON.stringify({ action: 'sendMsgToRoom', roomId: 'r1', message: ROOM_TEXT }));
    const got = await b.next();
    assert(got === ROOM_TEXT, `got ${JSON.stringify(got)}`);
    await a.quiet();
  });
  await check(`${label}: $disconnect removes the connection`, async () => {
    b.close();
    await new Promise((r) => setTimeout(r, 300));
    const c = await Client.open(url);
    c.send('{"action":"joinRoom","roomId":"r1"}');
    const notice = JSON.parse(await a.next()); // a is still there and hears about c ...
    assert(notice.type === 'newParticipant', JSON.stringify(notice));
    c.send(JSON.stringify({ action: 'sendMsgToRoom', roomId: 'r1', message: 'after b left' }));
    assert((await a.next()) === 'after b left', 'a missed the message');
    await new Promise((r) => setTimeout(r, 300));
    // Had b stayed in the table, posting to it would get 410 and the handler would log "Error occured".
    const error = child.output.match(/Error occured.*|.*GoneException.*/);
    assert(!error, `handler logged: ${error}`);
    c.close();
  });
  a.close();
  await stopCheck(label, child);
}

for (const run of [checkWs, checkSocketIo, checkSls]) {
  try {
    await run();
  } catch (err) {
    report(run.name, false, err.message); // a server that did not even start
  }
}
console.log(failures === 0 ? 'ALL PASSED' : `${failures} FAILED`);
process.exit(failures === 0 ? 0 : 1);
