// A WebRTC mesh: one RTCPeerConnection per remote participant, each sending our camera and microphone and receiving
// theirs. Signalling goes through whatever the app gives as send(to, payload): the video chat and the meetings relay
// it through their rooms. Payloads: {kind: "offer"|"answer", sdp}, {kind: "candidate", candidate},
// {kind: "media", audio, video} (what the sender currently shares, for the others' indicators).
//
// Who offers: members already in the room call the newcomer (connect(id)); the newcomer answers. So two peers never
// offer to each other at the same time, and no "perfect negotiation" dance is needed.
//
// Events: "stream" {id, stream}, "state" {id, state} (RTCPeerConnection.connectionState), "media" {id, audio, video}.

export class Mesh extends EventTarget {
  constructor({send, iceServers = [], stream = null}) {
    super();
    this.send = send;
    this.iceServers = iceServers;
    this.stream = stream;
    this.peers = new Map();
  }

  /** Calls a participant: creates the connection and sends an offer. */
  async connect(id) {
    const peer = this.peer(id);
    await peer.pc.setLocalDescription(await peer.pc.createOffer());
    this.send(id, {kind: "offer", sdp: peer.pc.localDescription.sdp});
  }

  /** Handles a signalling payload from a participant. */
  async handle(from, payload) {
    if (!payload || typeof payload !== "object") {
      return;
    }
    if (payload.kind === "media") {
      this.emit("media", {id: from, audio: payload.audio !== false, video: payload.video !== false});
      return;
    }
    if (payload.kind === "offer") {
      const peer = this.peer(from);
      await peer.pc.setRemoteDescription({type: "offer", sdp: payload.sdp});
      await this.flush(peer);
      await peer.pc.setLocalDescription(await peer.pc.createAnswer());
      this.send(from, {kind: "answer", sdp: peer.pc.localDescription.sdp});
    } else if (payload.kind === "answer") {
      const peer = this.peers.get(from);
      if (peer && peer.pc.signalingState === "have-local-offer") {
        await peer.pc.setRemoteDescription({type: "answer", sdp: payload.sdp});
        await this.flush(peer);
      }
    } else if (payload.kind === "candidate" && payload.candidate) {
      const peer = this.peers.get(from) ?? this.peer(from);
      if (peer.pc.remoteDescription) {
        await peer.pc.addIceCandidate(payload.candidate).catch(() => {});
      } else {
        peer.pending.push(payload.candidate); // it raced ahead of the offer or answer
      }
    }
  }

  /** Tells everyone what we share (called after mute or camera off). */
  announceMedia(audio, video) {
    for (const id of this.peers.keys()) {
      this.send(id, {kind: "media", audio, video});
    }
  }

  /** Ends the call with one participant. */
  drop(id) {
    const peer = this.peers.get(id);
    if (peer) {
      this.peers.delete(id);
      peer.pc.close();
    }
  }

  /** Ends every call. */
  close() {
    for (const id of [...this.peers.keys()]) {
      this.drop(id);
    }
  }

  peer(id) {
    let peer = this.peers.get(id);
    if (peer) {
      return peer;
    }
    const pc = new RTCPeerConnection({iceServers: this.iceServers});
    peer = {pc, pending: []};
    this.peers.set(id, peer);
    if (this.stream) {
      for (const track of this.stream.getTracks()) {
        pc.addTrack(track, this.stream);
      }
    } else {
      // No camera or microphone here: still receive the others.
      pc.addTransceiver("audio", {direction: "recvonly"});
      pc.addTransceiver("video", {direction: "recvonly"});
    }
    pc.onicecandidate = event => {
      if (event.candidate) {
        this.send(id, {kind: "candidate", candidate: event.candidate.toJSON()});
      }
    };
    pc.ontrack = event => {
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      this.emit("stream", {id, stream});
    };
    pc.onconnectionstatechange = () => {
      if (this.peers.get(id) === peer) {
        this.emit("state", {id, state: pc.connectionState});
      }
    };
    this.emit("state", {id, state: pc.connectionState});
    return peer;
  }

  async flush(peer) {
    const pending = peer.pending.splice(0);
    for (const candidate of pending) {
      await peer.pc.addIceCandidate(candidate).catch(() => {});
    }
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, {detail}));
  }
}

/** The camera and microphone, or null with the reason when the browser has none or the user said no. */
export async function openCamera() {
  if (!navigator.mediaDevices?.getUserMedia) {
    return {stream: null, problem: "This browser cannot use a camera here (WebRTC needs https:// or localhost)."};
  }
  try {
    return {stream: await navigator.mediaDevices.getUserMedia({audio: true, video: {width: 640, height: 480}})};
  } catch (error) {
    const reason = error.name === "NotAllowedError" ? "Camera and microphone were not allowed."
      : error.name === "NotFoundError" ? "No camera or microphone was found."
      : `The camera could not start (${error.name}).`;
    return {stream: null, problem: `${reason} You can still see and hear the others.`};
  }
}
