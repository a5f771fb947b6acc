// The real-time console example: sign in with a name (the development issuer signs a JWT), connect to the live API with it,
// ping, publish to the messages topic and send to the messages queue in UNICAST, MULTICAST or BROADCAST mode; the
// backend answers through the pusher. Who is connected comes from get_connected_users, kept live by presence events.
import {GatewaySocket} from "/assets/js/socket.js";
import {$, bindStatus, formatTime, h, notice, toast} from "/assets/js/ui.js";

const STAGE = "live";
const NAME = /^[A-Za-z0-9._@-]{1,64}$/;          // the development issuer accepts these (up to 128)
const KEEP_ALIVE_MILLIS = 3 * 60 * 1000;          // the tutorial's keep-alive; the idle timeout is 10 minutes
const MAX_TEXT = 500;
const MODE_HINTS = {
  UNICAST: "The message comes back to you alone (to every tab you are signed in on).",
  MULTICAST: "The message goes to the users you tick in the list, not to you.",
  BROADCAST: "The message goes to everyone connected but you.",
};

let user = "";
let socket = null;
let keepAlive = null;
let pings = 0;                 // pings the user asked for whose pong has not come yet
const awaiting = [];           // what each route answer (the {"messageId"} of publish and send) answers, in order
const others = new Set();      // the connected users but me
const picked = new Set();      // the users picked for MULTICAST
let presenceWhileAsking = null; // presence events that arrive before the answer to get_connected_users

/** An error of the token endpoint; final when asking again cannot help. */
class TokenError extends Error {
  constructor(message, final) {
    super(message);
    this.final = final;
  }
}

async function fetchToken(name) {
  let response;
  try {
    response = await fetch("/dev-issuer/token", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({sub: name}),
    });
  } catch {
    throw new TokenError("The server cannot be reached.", false);
  }
  const body = await response.json().catch(() => ({}));
  if (response.status === 404) {
    throw new TokenError("This server has no development issuer: start it with dev-issuer.enabled (the bundled "
        + "examples do).", true);
  }
  if (!response.ok || typeof body.token !== "string") {
    throw new TokenError(`The token endpoint answered ${response.status}: ${body.message ?? response.statusText}`,
        response.status < 500);
  }
  return body.token;
}

function mode() {
  return document.querySelector("input[name=mode]:checked").value;
}

/** Adds to the Received list: a message under its sender's name, or an event (presence, pong) on one line. */
function log(kind, who, text, extra = []) {
  const box = $("#log");
  box.querySelector(".empty")?.remove();
  const when = h("span", {class: "when"}, formatTime(new Date(), true));
  box.append(who
      ? h("div", {class: `msg ${kind}`, dataset: {type: kind.split(" ")[0]}},
          h("span", {class: "who"}, who), ...extra, when, h("div", {class: "text"}, text))
      : h("div", {class: `msg event ${kind}`, dataset: {type: kind}}, h("span", {class: "text"}, text), when));
  box.scrollTop = box.scrollHeight;
}

function renderUsers() {
  const list = $("#users");
  const multicast = mode() === "MULTICAST";
  list.classList.toggle("picking", multicast);
  list.replaceChildren(...[...others].sort().map(name => h("li", {dataset: {user: name}},
      h("label", {class: "name"},
          h("input", {type: "checkbox", value: name, checked: picked.has(name), disabled: !multicast,
            "aria-label": `Send to ${name}`,
            onchange: event => {
              if (event.target.checked) {
                picked.add(name);
              } else {
                picked.delete(name);
              }
            }}),
          h("span", {class: "dot"}), name))));
  $("#user-count").textContent = String(others.size);
  $("#users-empty").hidden = others.size > 0 || !socket?.isOpen;
  $("#users-hint").textContent = !socket?.isOpen ? "Connect to see who is online."
      : multicast ? "Tick the users to send to." : "Everyone else who is connected, kept up to date by presence events.";
}

function presence({user_id: who, status}) {
  if (status === "ONLINE") {
    others.add(who);
  } else if (status === "OFFLINE") {
    others.delete(who);
    picked.delete(who);
  }
}

function showState(state) {
  const open = state === "open";
  $("#connect").disabled = open || state === "connecting" || state === "reconnecting";
  $("#disconnect").disabled = state === "closed" || state === "failed";
  for (const id of ["#ping", "#publish", "#send"]) {
    $(id).disabled = !open;
  }
}

function onState({state, code, error, delay}) {
  showState(state);
  const hint = $("#connection-hint");
  clearInterval(keepAlive);
  if (state === "open") {
    hint.textContent = `Connected to ${STAGE} as ${user}. A ping every 3 minutes keeps the connection alive.`;
    keepAlive = setInterval(() => socket.send({action: "ping"}), KEEP_ALIVE_MILLIS);
    toast("Connected", "ok");
    log("system", "", `Connected as ${user}.`);
    askForUsers();
    return;
  }
  others.clear();
  awaiting.length = 0;
  pings = 0;
  if (state === "connecting") {
    hint.textContent = "Getting a token and connecting…";
  } else if (state === "reconnecting") {
    hint.textContent = error ? `${error} Trying again in ${Math.round(delay / 1000)} s.`
        : `The connection dropped${code ? ` (${code})` : ""}; reconnecting in ${Math.round(delay / 1000)} s.`;
  } else if (state === "failed") {
    hint.textContent = error ?? "The server refused the connection or cannot be reached.";
  } else {
    hint.textContent = "Not connected.";
    log("system", "", "Disconnected.");
  }
  renderUsers();
}

function askForUsers() {
  presenceWhileAsking = [];
  publish({type: "get_connected_users", message: {usage: "contact"}}, "get_connected_users");
}

function publish(message, purpose) {
  if (!socket.send({action: "publish", message})) {
    return false;
  }
  awaiting.push(purpose);
  return true;
}

function onRouteAnswer(answer) {
  const purpose = awaiting.shift();
  if (answer.messageId === undefined) {
    // {"message": "…"}: the topic or queue refused it, or a gateway error frame (throttling, …).
    notice($("#message-notice"), `Not delivered: ${answer.message}`);
    return;
  }
  if (purpose === "publish" || purpose === "send") {
    notice($("#message-notice"), `${purpose === "publish" ? "Published to the messages topic"
        : "Sent to the messages queue"} (message id ${answer.messageId.slice(0, 8)}…).`, "ok");
  }
}

function onMessage({detail: message}) {
  if (!message || typeof message !== "object") {
    log("system", "server", String(message));
    return;
  }
  if (message.type === undefined && (message.messageId !== undefined || typeof message.message === "string")) {
    onRouteAnswer(message);
    return;
  }
  const m = message.message ?? {};
  switch (message.type) {
    case "pong":
      if (pings > 0) {
        pings--;
        toast("Pong: the gateway answered the ping.", "info", 3000);
        log("pong", "", "pong");
      }
      $("#connection-hint").textContent = `Connected to ${STAGE} as ${user}. Last pong at `
          + `${formatTime(new Date(), true)}.`;
      break;
    case "connected_users":
      others.clear();
      (m.users ?? []).forEach(name => others.add(name));
      (presenceWhileAsking ?? []).forEach(presence);
      presenceWhileAsking = null;
      for (const name of [...picked]) {
        if (!others.has(name)) {
          picked.delete(name);
        }
      }
      renderUsers();
      break;
    case "presence":
      if (presenceWhileAsking) {
        presenceWhileAsking.push(m);
      }
      presence(m);
      renderUsers();
      toast(`${m.user_id} is ${m.status}`, m.status === "ONLINE" ? "ok" : "error");
      log("presence", "", `${m.user_id} is ${m.status}`);
      break;
    case "message": {
      const mine = m.user_id === user;
      log(`message${mine ? " mine" : ""}`, mine ? "You" : m.user_id, m.text,
          [h("span", {class: "tag"}, `${m.push_mode} · ${m.via === "send" ? "queue" : "topic"}`)]);
      if (!mine) {
        toast(`New message from ${m.user_id}`, "info", 3000);
      }
      break;
    }
    case "error":
      notice($("#message-notice"), m.text ?? "The message could not be delivered.");
      break;
    default:
      log("system", "server", JSON.stringify(message));
  }
}

function deliver(action) {
  const text = $("#text").value.trim();
  const pushMode = mode();
  if (!text) {
    notice($("#message-notice"), "Write a message first.", "warn");
    return;
  }
  if (pushMode === "MULTICAST" && picked.size === 0) {
    notice($("#message-notice"), "Multicast: tick at least one user in the list.", "warn");
    return;
  }
  const message = {type: "message", message: {text, push_mode: pushMode, users: [...picked]}};
  const sent = action === "publish" ? publish(message, "publish") : socket.send({action: "send", message});
  if (!sent) {
    notice($("#message-notice"), "Not connected: connect first.");
    return;
  }
  if (action === "send") {
    awaiting.push("send");
  }
  $("#text").value = "";
  updateCount();
}

function updateCount() {
  $("#count").textContent = `${$("#text").value.length} / ${MAX_TEXT}`;
}

function signIn(name, firstToken) {
  user = name;
  sessionStorage.setItem("console-user", name);
  $("#who").textContent = name;
  $("#who").hidden = false;
  $("#sign-in-view").hidden = true;
  $("#console-view").hidden = false;
  let token = firstToken;
  socket = new GatewaySocket(STAGE, {
    authorize: async () => {
      const authorization = token ?? await fetchToken(user);
      token = null; // a reconnection gets a fresh one: tokens expire
      return {authorization};
    },
  });
  bindStatus($("#status"), socket);
  socket.addEventListener("state", ({detail}) => onState(detail));
  socket.addEventListener("message", onMessage);
  socket.connect();
}

function signOut() {
  socket?.close();
  socket = null;
  user = "";
  sessionStorage.removeItem("console-user");
  others.clear();
  picked.clear();
  $("#log").replaceChildren(h("div", {class: "empty"}, "Nothing yet."));
  $("#who").hidden = true;
  $("#console-view").hidden = true;
  $("#sign-in-view").hidden = false;
  $("#status").dataset.state = "closed";
  $("#status").textContent = "Disconnected";
  $("#name").focus();
}

$("#sign-in-form").addEventListener("submit", async event => {
  event.preventDefault();
  const name = $("#name").value.trim();
  if (!NAME.test(name)) {
    notice($("#sign-in-notice"), "Use 1 to 64 letters, digits, '.', '_', '@' or '-' (no spaces).", "warn");
    return;
  }
  notice($("#sign-in-notice"), "");
  $("#sign-in").disabled = true;
  try {
    signIn(name, await fetchToken(name));
  } catch (error) {
    notice($("#sign-in-notice"), error.message);
  } finally {
    $("#sign-in").disabled = false;
  }
});
$("#connect").addEventListener("click", () => socket.connect());
$("#disconnect").addEventListener("click", () => socket.close());
$("#ping").addEventListener("click", () => {
  if (socket.send({action: "ping"})) {
    pings++;
  }
});
$("#sign-out").addEventListener("click", signOut);
$("#publish").addEventListener("click", () => deliver("publish"));
$("#send").addEventListener("click", () => deliver("send"));
$("#text").addEventListener("input", updateCount);
$("#text").addEventListener("keydown", event => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    deliver("publish");
  }
});
for (const input of document.querySelectorAll("input[name=mode]")) {
  input.addEventListener("change", () => {
    $("#mode-hint").textContent = MODE_HINTS[mode()];
    renderUsers();
  });
}
$("#mode-hint").textContent = MODE_HINTS[mode()];
showState("closed");

const remembered = sessionStorage.getItem("console-user");
if (remembered && NAME.test(remembered)) {
  signIn(remembered, null);
} else {
  $("#name").focus();
}
