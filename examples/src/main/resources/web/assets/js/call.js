// The tiles of a call: ours (muted, mirrored) and one per remote participant, kept in step with a Mesh. Shared by the
// video chat and the video meetings. Each remote tile carries data-peer (the participant's id) and data-state (its
// RTCPeerConnection.connectionState), which the page shows and the browser tests read.
import {h, notice} from "./ui.js";
import {openCamera} from "./mesh.js";

const STATE_TEXT = {
  new: "calling…", connecting: "connecting…", connected: "", disconnected: "reconnecting…",
  failed: "connection failed", closed: "left",
};

export class CallView {
  /** @param stage the element that holds the tiles; @param empty the element shown while nobody else is there */
  constructor(stage, empty) {
    this.stage = stage;
    this.empty = empty;
    this.tiles = new Map();
    this.names = new Map();
  }

  /** Shows our own camera, or why there is none. */
  setLocal(stream, label = "You") {
    const video = h("video", {autoplay: true, playsInline: true, muted: true});
    video.muted = true; // the property, not only the attribute: never play our own microphone back
    if (stream) {
      video.srcObject = stream;
    }
    this.local = h("div", {class: "tile local", "data-local": "true"}, video,
        h("div", {class: "off", hidden: !!stream}, "No camera"),
        h("div", {class: "label"}, label));
    this.stage.prepend(this.local);
  }

  /** Marks our own tile muted or camera-off. */
  setLocalMedia(audio, video, hasStream) {
    if (!this.local) {
      return;
    }
    this.local.querySelector(".off").hidden = hasStream && video;
    this.local.querySelector(".off").textContent = hasStream ? "Camera off" : "No camera";
    this.local.querySelector(".label").textContent = audio ? "You" : "You · muted";
  }

  /** The tile of a participant, created on first use. */
  tile(id) {
    let tile = this.tiles.get(id);
    if (!tile) {
      tile = h("div", {class: "tile remote", dataset: {peer: id, state: "new"}},
          h("video", {autoplay: true, playsInline: true}),
          h("div", {class: "off", hidden: true}, "Camera off"),
          h("div", {class: "label"}));
      this.tiles.set(id, tile);
      this.stage.append(tile);
      this.refresh(id);
      this.updateEmpty();
    }
    return tile;
  }

  /** Names a participant's tile (the meetings know names; the video chat shows a short id). */
  setName(id, name) {
    this.names.set(id, name);
    if (this.tiles.has(id)) {
      this.refresh(id);
    }
  }

  setStream(id, stream) {
    const video = this.tile(id).querySelector("video");
    if (video.srcObject !== stream) {
      video.srcObject = stream;
    }
  }

  setState(id, state) {
    this.tile(id).dataset.state = state;
    this.refresh(id);
  }

  setMedia(id, {audio, video}) {
    const tile = this.tile(id);
    tile.dataset.audio = audio;
    tile.querySelector(".off").hidden = video;
    this.refresh(id);
  }

  remove(id) {
    this.tiles.get(id)?.remove();
    this.tiles.delete(id);
    this.updateEmpty();
  }

  clearRemotes() {
    for (const id of [...this.tiles.keys()]) {
      this.remove(id);
    }
  }

  /** Follows a Mesh: its streams, connection states and media announcements. */
  bind(mesh) {
    mesh.addEventListener("stream", ({detail}) => this.setStream(detail.id, detail.stream));
    mesh.addEventListener("state", ({detail}) => this.setState(detail.id, detail.state));
    mesh.addEventListener("media", ({detail}) => this.setMedia(detail.id, detail));
  }

  refresh(id) {
    const tile = this.tiles.get(id);
    const name = this.names.get(id) ?? `Guest ${id.slice(0, 4)}`;
    const state = STATE_TEXT[tile.dataset.state] ?? tile.dataset.state;
    const muted = tile.dataset.audio === "false" ? " · muted" : "";
    tile.querySelector(".label").textContent = name + muted + (state ? ` · ${state}` : "");
  }

  updateEmpty() {
    if (this.empty) {
      this.empty.hidden = this.tiles.size > 0;
    }
  }
}

/** Wires mute and camera buttons to the local stream; onChange(audio, video) tells the others. */
export function bindControls({mute, camera}, stream, onChange) {
  const state = {audio: true, video: true};
  const apply = () => {
    stream?.getAudioTracks().forEach(track => track.enabled = state.audio);
    stream?.getVideoTracks().forEach(track => track.enabled = state.video);
    mute.setAttribute("aria-pressed", String(!state.audio));
    mute.textContent = state.audio ? "Mute" : "Unmute";
    camera.setAttribute("aria-pressed", String(!state.video));
    camera.textContent = state.video ? "Camera off" : "Camera on";
    onChange(state.audio, state.video);
  };
  mute.disabled = !stream?.getAudioTracks().length;
  camera.disabled = !stream?.getVideoTracks().length;
  mute.addEventListener("click", () => { state.audio = !state.audio; apply(); });
  camera.addEventListener("click", () => { state.video = !state.video; apply(); });
  return state;
}

/**
 * Opens the camera and microphone, shows them in our tile and wires the mute and camera buttons; onMedia(audio,
 * video) runs on every change (to tell the others). Without a camera it says why in noticeElement and returns null.
 */
export async function startLocalMedia(view, controls, noticeElement, onMedia) {
  const camera = await openCamera();
  view.setLocal(camera.stream);
  if (camera.problem) {
    notice(noticeElement, camera.problem, "warn");
  }
  bindControls(controls, camera.stream, (audio, video) => {
    view.setLocalMedia(audio, video, !!camera.stream);
    onMedia(audio, video);
  });
  return camera.stream;
}
