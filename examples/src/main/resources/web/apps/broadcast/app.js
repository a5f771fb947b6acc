// The broadcast example: join the listeners, send keyed messages (onMessage), receive messages and program ids, and call the
// REST route GET /broadcast/receiver?progId=N with x-api-key.
import {GatewaySocket} from "/assets/js/socket.js";
import {$, bindStatus, formatTime, h, notice, shortId} from "/assets/js/ui.js";

const log = $("#log");
const keyInput = $("#key");
keyInput.value = sessionStorage.getItem("broadcast-key") ?? "";
let me = "";
// Texts sent and not answered yet: listed as yours once the server says they went out, put back when refused.
const pending = [];

function append(who, text, kind = "") {
  log.querySelector(".empty")?.remove();
  log.append(h("div", {class: `msg ${kind}`},
      h("span", {class: "who"}, who), h("span", {class: "when"}, formatTime(new Date(), true)),
      h("div", {class: "text"}, text)));
  log.scrollTop = log.scrollHeight;
}

function showCurl() {
  const key = keyInput.value || "<key>";
  $("#curl").textContent = `curl -H "x-api-key: ${key}" \\\n  "${location.origin}/broadcast/receiver?progId=42"`;
}

const socket = new GatewaySocket("broadcast");
bindStatus($("#status"), socket);
socket.addEventListener("state", ({detail}) => {
  $("#send").disabled = detail.state !== "open";
  if (detail.state === "open") {
    pending.length = 0; // a new connection: answers to the old one's messages will not come
    socket.send({action: "join"});
  }
});
socket.addEventListener("message", ({detail: message}) => {
  if (!message || typeof message !== "object") {
    append("server", String(message));
    return;
  }
  switch (message.type) {
    case "joined":
      me = message.connectionId;
      $("#me").textContent = `you are Tab ${shortId(me)}`;
      break;
    case "message":
      append(`Tab ${shortId(message.from)}`, typeof message.message === "string" ? message.message
          : JSON.stringify(message.message));
      break;
    case "program":
      $("#program").textContent = String(message.progId);
      $("#program-time").textContent = `Set at ${formatTime(new Date(), true)} by the REST API.`;
      append("REST API", `program ${message.progId}`, "system");
      break;
    case "sent": {
      const text = pending.shift();
      if (text !== undefined) {
        append("You", text, "mine");
      }
      notice($("#send-notice"), message.delivered === 1 ? "Sent to 1 other tab." :
          `Sent to ${message.delivered} other tabs.`, "ok");
      break;
    }
    case "error": {
      const refused = pending.shift();
      if (refused !== undefined && !$("#message").value) {
        $("#message").value = refused; // nothing went out: the text is yours to send again
      }
      notice($("#send-notice"), message.statusCode === 403
          ? "Refused (403): the key is missing or wrong. Nobody received the message." : message.message);
      break;
    }
    default:
      append("server", JSON.stringify(message));
  }
});
socket.connect();

$("#send-form").addEventListener("submit", event => {
  event.preventDefault();
  const text = $("#message").value.trim();
  if (!text) {
    notice($("#send-notice"), "Write a message first.", "warn");
    return;
  }
  sessionStorage.setItem("broadcast-key", keyInput.value);
  if (socket.send({action: "onMessage", message: text, key: keyInput.value})) {
    if (pending.length < 100) {
      pending.push(text);
    }
    $("#message").value = "";
  } else {
    notice($("#send-notice"), "Not connected; wait for the connection to come back.");
  }
});

$("#rest-form").addEventListener("submit", async event => {
  event.preventDefault();
  const progId = $("#prog-id").value.trim();
  try {
    const response = await fetch(`/broadcast/receiver?progId=${encodeURIComponent(progId)}`,
        {headers: {"x-api-key": keyInput.value}});
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      notice($("#rest-notice"), `200: program ${body.progId} reached ${body.delivered} page(s).`, "ok");
    } else {
      notice($("#rest-notice"), `${response.status}: ${body.message ?? response.statusText}`);
    }
  } catch (error) {
    notice($("#rest-notice"), `The server could not be reached: ${error.message}`);
  }
});
keyInput.addEventListener("input", showCurl);
showCurl();
