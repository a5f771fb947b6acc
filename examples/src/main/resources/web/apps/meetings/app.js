// The meetings example: connect with ?name= (the $connect check), create or join a meeting by code, the host lets
// people in or not, chat with names and times, and in a video meeting a mesh call like the video chat's.
import {GatewaySocket} from "/assets/js/socket.js";
import {$, bindStatus, formatTime, h, notice, toast} from "/assets/js/ui.js";
import {Mesh} from "/assets/js/mesh.js";
import {CallView, startLocalMedia} from "/assets/js/call.js";

const views = ["#start", "#waiting", "#meeting", "#ended"];
let socket = null;
let me = "";
let meeting = null;          // {code, kind, host}
const people = new Map();    // id -> {name, host}
let mesh = null;
let view = null;
let stream = null;
let media = {audio: true, video: true};
let leaving = false;
// What happened in the meeting before our "admitted" arrived: the host's admission tells the others about us in the
// same step as it adds us, so their calls, arrivals, departures and messages may overtake our own answer.
let early = [];
const MEETING_EVENTS = new Set(["participantJoined", "participantLeft", "chat", "signal"]);

function show(id) {
  for (const v of views) {
    $(v).hidden = v !== id;
  }
}

function end(title, text) {
  mesh?.close();
  stream?.getTracks().forEach(track => track.stop());
  leaving = true;
  socket?.close();
  $("#ended-title").textContent = title;
  $("#ended-text").textContent = text;
  show("#ended");
}

function connect(name, firstMessage) {
  notice($("#notice"), "");
  socket?.close();
  leaving = false;
  // One connection per visit: a reconnect would be a stranger to the meeting, so drops end the visit.
  socket = new GatewaySocket("meetings", {query: {name}, reconnect: false});
  bindStatus($("#status"), socket);
  socket.addEventListener("state", ({detail}) => {
    if (detail.state === "open") {
      socket.send(firstMessage);
    } else if (detail.state === "failed") {
      notice($("#notice"), "The server refused the connection or cannot be reached. Check your name and try again.");
      show("#start");
    } else if (detail.state === "closed" && !leaving) {
      end("Disconnected", "The connection to the server was lost. Start or join again.");
    }
  });
  let queue = Promise.resolve();
  socket.addEventListener("message", ({detail}) => {
    queue = queue.then(() => onMessage(detail)).catch(error => {
      console.warn(error);
      notice($("#notice"), error.message);
    });
  });
  socket.connect();
}

function renderPeople() {
  const list = $("#participants");
  list.replaceChildren(...[...people].map(([id, person]) => h("li", {dataset: {id}},
      h("span", {class: "name"}, person.name + (id === me ? " (you)" : "")),
      person.host ? h("span", {class: "tag"}, "host") : null)));
  if (view) {
    people.forEach((person, id) => view.setName(id, person.name));
  }
}

function addChat(message) {
  document.getElementById("chat-empty")?.remove();
  const chat = $("#chat");
  chat.append(h("div", {class: `msg${message.from === me ? " mine" : ""}`},
      h("span", {class: "who"}, message.name), h("time", {class: "when", datetime: message.sentAt},
          formatTime(message.sentAt)),
      h("div", {class: "text"}, message.text)));
  chat.scrollTop = chat.scrollHeight;
}

function system(text) {
  document.getElementById("chat-empty")?.remove();
  $("#chat").append(h("div", {class: "msg system"}, text));
}

async function enter(message, host) {
  me = message.you;
  meeting = {code: message.code, kind: message.kind, host};
  people.clear();
  for (const p of message.participants) {
    people.set(p.id, {name: p.name, host: p.host});
  }
  $("#meeting-code").textContent = message.code;
  $("#title").textContent = `${message.kind === "video" ? "Video" : "Chat"} meeting ${message.code}`;
  history.replaceState(null, "", `?code=${encodeURIComponent(message.code)}`);
  $("#invite").hidden = !host;
  show("#meeting");
  if (message.kind === "video") {
    $("#video-panel").hidden = false;
    view = new CallView($("#stage"), $("#alone"));
    stream = await startLocalMedia(view, {mute: $("#mute"), camera: $("#camera")}, $("#notice"), (audio, video) => {
      media = {audio, video};
      mesh?.announceMedia(audio, video);
    });
    mesh = new Mesh({iceServers: message.iceServers ?? [], stream,
      send: (to, payload) => socket.send({action: "signal", to, message: payload})});
    view.bind(mesh);
    mesh.addEventListener("state", ({detail}) => {
      if (detail.state === "connected") {
        socket.send({action: "signal", to: detail.id, message: {kind: "media", ...media}});
      }
    });
  }
  renderPeople();
  system(host ? "You started the meeting. Share the code to invite people." : "You joined the meeting.");
}

async function onMessage(message) {
  if (!message || typeof message !== "object") {
    return;
  }
  if (!meeting && MEETING_EVENTS.has(message.type)) {
    early.push(message);
    return;
  }
  switch (message.type) {
    case "created":
      await enter(message, true);
      break;
    case "waiting":
      $("#waiting-code").textContent = message.code;
      show("#waiting");
      break;
    case "admitted":
      await enter(message, false);
      for (const pending of early.splice(0)) {
        await onMessage(pending);
      }
      break;
    case "rejected":
      end("The host did not let you in", `Your request to join ${message.code} was declined.`);
      break;
    case "joinRequest":
      $("#requests-panel").hidden = false;
      $("#requests").append(h("li", {dataset: {id: message.id}},
          h("span", {class: "name"}, message.name),
          h("button", {class: "small", onclick: () => decide(message.id, true)}, "Accept"),
          h("button", {class: "small secondary", onclick: () => decide(message.id, false)}, "Reject")));
      toast(`${message.name} asks to join.`);
      break;
    case "requestWithdrawn":
      document.querySelector(`#requests li[data-id="${CSS.escape(message.id)}"]`)?.remove();
      $("#requests-panel").hidden = !$("#requests").children.length;
      break;
    case "decided":
      if (message.accept) {
        people.set(message.id, {name: message.name, host: false});
        renderPeople();
      }
      break;
    case "participantJoined":
      if (message.id === me) {
        break;
      }
      people.set(message.id, {name: message.name, host: false});
      renderPeople();
      system(`${message.name} joined.`);
      if (mesh) {
        view.setName(message.id, message.name);
        await mesh.connect(message.id);
      }
      break;
    case "participantLeft":
      people.delete(message.id);
      renderPeople();
      system(`${message.name ?? "Someone"} left.`);
      mesh?.drop(message.id);
      view?.remove(message.id);
      break;
    case "meetingEnded":
      end("The meeting has ended", "The host left, which ends the meeting for everyone.");
      break;
    case "chat":
      addChat(message);
      break;
    case "signal":
      if (mesh && message.from !== me) {
        const {type, from, ...payload} = message;
        await mesh.handle(from, payload);
      }
      break;
    case "error":
      notice($("#notice"), message.message);
      if (!meeting) {
        leaving = true;
        socket.close();
        show("#start");
      }
      break;
    default:
      break;
  }
}

function decide(id, accept) {
  socket.send({action: "admit", id, accept});
  document.querySelector(`#requests li[data-id="${CSS.escape(id)}"]`)?.remove();
  $("#requests-panel").hidden = !$("#requests").children.length;
}

$("#create-form").addEventListener("submit", event => {
  event.preventDefault();
  const kind = new FormData(event.target).get("kind");
  connect($("#host-name").value.trim(), {action: "createMeeting", kind});
});
$("#join-form").addEventListener("submit", event => {
  event.preventDefault();
  connect($("#guest-name").value.trim(), {action: "joinMeeting", code: $("#code").value.trim()});
});
$("#chat-form").addEventListener("submit", event => {
  event.preventDefault();
  const text = $("#chat-text").value.trim();
  if (text && socket?.send({action: "sendMessage", text})) {
    $("#chat-text").value = "";
  }
});
$("#cancel").addEventListener("click", () => {
  socket?.send({action: "leaveMeeting"});
  leaving = true;
  socket?.close();
  show("#start");
});
$("#leave").addEventListener("click", () => {
  socket?.send({action: "leaveMeeting"});
  end("You left the meeting", meeting?.host ? "As the host, leaving ended the meeting for everyone." : "");
});
const copy = async (text, what) => {
  try {
    await navigator.clipboard.writeText(text);
    toast(`${what} copied.`, "ok");
  } catch {
    toast(`Copy the ${what.toLowerCase()} by hand.`, "error");
  }
};
$("#copy-code").addEventListener("click", () => copy(meeting.code, "Code"));
$("#copy-link").addEventListener("click", () => copy(`${location.origin}${location.pathname}?code=${meeting.code}`, "Link"));

const codeFromLink = new URLSearchParams(location.search).get("code");
if (codeFromLink) {
  $("#code").value = codeFromLink;
  $("#guest-name").focus();
}
show("#start");
