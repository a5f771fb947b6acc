// A WebSocket to one Switchboard stage, with JSON messages, a visible state and reconnection with back-off.
//
//   const socket = new GatewaySocket("videochat");
//   socket.addEventListener("state", e => console.log(e.detail.state));   // connecting | open | reconnecting | closed
//   socket.addEventListener("message", e => console.log(e.detail));        // parsed JSON, or the text if not JSON
//   socket.connect();
//   socket.send({action: "joinRoom", roomId: "123"});
//
// With a token fetched before every attempt (tokens expire; a reconnection needs a fresh one):
//   new GatewaySocket("live", {authorize: async () => ({authorization: await fetchToken()})});

/** The URL of a stage on the server that served this page (ws:// or wss:// to match http:// or https://). */
export function stageUrl(stage, query = {}) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const params = new URLSearchParams(query).toString();
  return `${scheme}//${location.host}/${encodeURIComponent(stage)}${params ? "?" + params : ""}`;
}

/** Close codes after which reconnecting would fail the same way (see docs/operations.md). */
const FINAL_CLOSE_CODES = new Set([1002, 1003, 1007, 1009]);

export class GatewaySocket extends EventTarget {
  /**
   * @param stage     the stage to connect to
   * @param options   query: query string parameters of the upgrade; reconnect: try again after a drop (true);
   *                  authorize: an async function called before every attempt whose result is added to the query
   *                  (a fresh token: {authorization: "…"}); when it throws, the attempt fails and is retried like a
   *                  drop, unless the error has final: true
   */
  constructor(stage, {query = {}, reconnect = true, authorize = null} = {}) {
    super();
    this.stage = stage;
    this.query = query;
    this.url = stageUrl(stage, query);
    this.reconnect = reconnect;
    this.authorize = authorize;
    this.state = "closed";
    this.attempt = 0;
    this.generation = 0;
    this.ws = null;
    this.timer = null;
    this.stopped = false;
  }

  async connect() {
    this.stopped = false;
    clearTimeout(this.timer);
    const generation = ++this.generation;
    this.setState("connecting");
    let url = this.url;
    if (this.authorize) {
      try {
        const extra = await this.authorize();
        if (this.stopped || generation !== this.generation) {
          return;
        }
        url = stageUrl(this.stage, {...this.query, ...extra});
      } catch (error) {
        if (!this.stopped && generation === this.generation) {
          this.dropped({code: 0, reason: "", opened: false, error: error.message}, error.final === true);
        }
        return;
      }
    }
    const ws = new WebSocket(url);
    this.ws = ws;
    let opened = false;
    ws.addEventListener("open", () => {
      opened = true;
      this.attempt = 0;
      this.setState("open");
    });
    ws.addEventListener("message", event => {
      let data = event.data;
      if (typeof data === "string") {
        try { data = JSON.parse(data); } catch { /* plain text stays text */ }
      }
      this.dispatchEvent(new CustomEvent("message", {detail: data}));
    });
    ws.addEventListener("close", event => {
      if (this.ws !== ws) {
        return;
      }
      this.ws = null;
      this.dropped({code: event.code, reason: event.reason, opened}, FINAL_CLOSE_CODES.has(event.code));
    });
  }

  /** After a close or a failed attempt: closed, failed, or reconnecting after a back-off. */
  dropped(detail, final) {
    if (this.stopped || !this.reconnect || final) {
      this.setState(detail.opened || this.stopped ? "closed" : "failed", detail);
      return;
    }
    // 1, 2, 4, 8, 15 s: quick when the server just restarted, gentle when it is down for longer.
    const delay = Math.min(15000, 1000 * 2 ** this.attempt);
    this.attempt++;
    this.setState("reconnecting", {...detail, delay});
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** Sends a message (objects as JSON); false when not connected, so callers can tell the user. */
  send(message) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
      return false;
    }
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
    return true;
  }

  /** Closes for good (no reconnection). */
  close(code = 1000, reason = "bye") {
    this.stopped = true;
    this.generation++;
    clearTimeout(this.timer);
    if (this.ws) {
      this.ws.close(code, reason);
    } else {
      this.setState("closed");
    }
  }

  get isOpen() {
    return this.state === "open";
  }

  setState(state, detail = {}) {
    this.state = state;
    this.dispatchEvent(new CustomEvent("state", {detail: {state, ...detail}}));
  }
}
