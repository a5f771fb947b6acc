// The video chat example's room: join with {"action":"joinRoom","roomId":…}; the members already there call us (newParticipant),
// offers, answers and ICE candidates travel as {"action":"sendMsgToRoom","roomId":…,"to":…,"message":{…}}, and
// participantLeft removes a tile. The server stamps "from" on every relayed message.
import {GatewaySocket} from "/assets/js/socket.js";
import {$, bindStatus, notice, toast} from "/assets/js/ui.js";
import {Mesh} from "/assets/js/mesh.js";
import {CallView, startLocalMedia} from "/assets/js/call.js";

const roomId = new URLSearchParams(location.search).get("room") ?? "";
const view = new CallView($("#stage"), $("#waiting"));
let socket;
let mesh = null;
let me = "";
// Room events that arrived before our "joined" answer: the server tells the others about us in the same step as we
// join, so their calls (and a newcomer's arrival, or someone's leaving) may overtake our own answer.
let early = [];
let media = {audio: true, video: true};
let stream = null;

function end(title, text) {
  mesh?.close();
  mesh = null;
  view.clearRemotes();
  socket?.close();
  stream?.getTracks().forEach(track => track.stop());
  $("#call").hidden = true;
  $("#ended-title").textContent = title;
  $("#ended-text").textContent = text;
  $("#ended").hidden = false;
}

function signal(to, payload) {
  socket.send({action: "sendMsgToRoom", roomId, to, message: {type: "signal", ...payload}});
}

function startMesh(iceServers) {
  mesh = new Mesh({send: signal, iceServers, stream});
  view.bind(mesh);
  mesh.addEventListener("state", ({detail}) => {
    if (detail.state === "connected") {
      signal(detail.id, {kind: "media", ...media});
    }
  });
}

async function onMessage(message) {
  if (!message || typeof message !== "object") {
    return;
  }
  switch (message.type) {
    case "joined":
      me = message.connectionId;
      startMesh(message.iceServers ?? []);
      notice($("#notice"), "");
      for (const pending of early.splice(0)) {
        await onMessage(pending);
      }
      break;
    case "newParticipant":
      if (!mesh) {
        early.push(message);
      } else if (message.participantConnectionId !== me) {
        view.tile(message.participantConnectionId);
        toast("Someone joined the room.");
        await mesh.connect(message.participantConnectionId);
      }
      break;
    case "participantLeft":
      if (!mesh) {
        early.push(message);
        break;
      }
      mesh.drop(message.participantConnectionId);
      if (view.tiles.has(message.participantConnectionId)) {
        view.remove(message.participantConnectionId);
        toast("Someone left the room.");
      }
      break;
    case "signal":
      if (!mesh) {
        early.push(message);
      } else if (message.from && message.from !== me) {
        const {type, from, ...payload} = message;
        await mesh.handle(from, payload);
      }
      break;
    case "error":
      if (!mesh) {
        end("Could not join the room", message.message);
      } else {
        notice($("#notice"), message.message);
      }
      break;
    default:
      break;
  }
}

async function start() {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(roomId)) {
    $("#call").hidden = true;
    end("No such room", "A room id is 1 to 64 letters, digits, '-' or '_'. Pick one in the lobby.");
    $("#rejoin").hidden = true;
    return;
  }
  document.title = `${roomId} · Video chat · Switchboard`;
  $("#title").textContent = `Room ${roomId}`;
  stream = await startLocalMedia(view, {mute: $("#mute"), camera: $("#camera")}, $("#notice"), (audio, video) => {
    media = {audio, video};
    mesh?.announceMedia(audio, video);
  });

  socket = new GatewaySocket("videochat");
  bindStatus($("#status"), socket);
  // One message at a time, in arrival order: an answer must not overtake the offer it answers.
  let queue = Promise.resolve();
  socket.addEventListener("message", ({detail}) => {
    queue = queue.then(() => onMessage(detail)).catch(error => {
      console.warn("signalling failed", error);
      notice($("#notice"), `A call could not be set up: ${error.message}`);
    });
  });
  socket.addEventListener("state", ({detail}) => {
    if (detail.state === "open") {
      socket.send({action: "joinRoom", roomId});
    } else if (detail.state === "reconnecting" && mesh) {
      // A new connection is a new participant: drop the calls and join again once reconnected.
      mesh.close();
      mesh = null;
      early = [];
      view.clearRemotes();
      notice($("#notice"), "The connection to the server dropped; rejoining…", "warn");
    } else if (detail.state === "failed") {
      notice($("#notice"), "Cannot reach the server. Is it running?");
    }
  });
  socket.connect();
}

$("#hangup").addEventListener("click", () => {
  socket?.send({action: "leaveRoom"});
  end("You left the room", "The others no longer see you.");
});
$("#rejoin").addEventListener("click", () => location.reload());
$("#copy-link").addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(location.href);
    toast("Link copied.", "ok");
  } catch {
    toast("Copy the address from the address bar.", "error");
  }
});
start();
