// The connection-id example: connect, send GET_CONNECTION_ID, show the answer. Anything else that arrives is listed, so a push from
// the management API (curl) shows up here.
import {GatewaySocket} from "/assets/js/socket.js";
import {$, bindStatus, formatTime, h, notice} from "/assets/js/ui.js";

const idBox = $("#connection-id");
const log = $("#log");
const buttons = ["#copy", "#ask", "#ping"].map(s => $(s));
let socket;
let connectionId = "";

function received(text, kind = "") {
  log.querySelector(".empty")?.remove();
  log.append(h("div", {class: `msg ${kind}`}, h("span", {class: "when"}, formatTime(new Date(), true)), " ",
      h("span", {class: "text mono"}, text)));
  log.scrollTop = log.scrollHeight;
}

function showId(id) {
  connectionId = id;
  idBox.textContent = id || "…";
  idBox.dataset.id = id;
  const endpoint = `${location.origin}/production/@connections/${encodeURIComponent(id)}`;
  $("#curl").textContent = id
    ? `curl -X POST -d '{"hello":"from a backend"}' \\\n  ${endpoint}\n\ncurl ${endpoint}`
    : "Connect first.";
}

function connect() {
  socket?.close();
  showId("");
  socket = new GatewaySocket("production");
  bindStatus($("#status"), socket);
  socket.addEventListener("state", ({detail}) => {
    buttons.forEach(b => b.disabled = detail.state !== "open");
    if (detail.state === "open") {
      notice($("#notice"), "");
      socket.send({action: "GET_CONNECTION_ID"});
    } else if (detail.state === "reconnecting" || detail.state === "failed") {
      showId("");
      notice($("#notice"), "The connection dropped; the new one will have a new id.", "warn");
    }
  });
  socket.addEventListener("message", ({detail}) => {
    if (detail && typeof detail === "object" && typeof detail.connectionId === "string" && !detail.type) {
      showId(detail.connectionId);
      received(`your id: ${detail.connectionId}`, "system");
    } else {
      received(typeof detail === "string" ? detail : JSON.stringify(detail));
    }
  });
  socket.connect();
}

$("#copy").addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(connectionId);
    notice($("#notice"), "Copied.", "ok");
  } catch {
    notice($("#notice"), "The browser did not allow copying; select the id and copy it by hand.", "warn");
  }
});
$("#ask").addEventListener("click", () => socket.send({action: "GET_CONNECTION_ID"}));
$("#ping").addEventListener("click", () => socket.send({action: "ping"}));
$("#reconnect").addEventListener("click", connect);
connect();
