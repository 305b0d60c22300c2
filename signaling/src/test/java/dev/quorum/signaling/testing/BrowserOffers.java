package dev.quorum.signaling.testing;

/** Scripts that make the browser create the publish offers the SDK creates. */
public final class BrowserOffers {

    private BrowserOffers() {}

    /** Audio plus video with three simulcast layers (rid q, h, f), as the SDK publishes. */
    public static final String SIMULCAST = """
            const s = await navigator.mediaDevices.getUserMedia({audio: true, video: {width: 1280, height: 720}});
            const pc = new RTCPeerConnection({bundlePolicy: 'max-bundle'});
            pc.addTransceiver(s.getAudioTracks()[0], {direction: 'sendonly', streams: [s]});
            pc.addTransceiver(s.getVideoTracks()[0], {direction: 'sendonly', streams: [s], sendEncodings: [
                {rid: 'q', scaleResolutionDownBy: 4}, {rid: 'h', scaleResolutionDownBy: 2}, {rid: 'f'}]});
            const o = await pc.createOffer();
            await pc.setLocalDescription(o);
            window.__pc = pc;
            return pc.localDescription.sdp;
            """;

    /** Audio plus one video encoding: SSRCs signalled with an RTX FID group. */
    public static final String SINGLE_LAYER = """
            const s = await navigator.mediaDevices.getUserMedia({audio: true, video: {width: 640, height: 360}});
            const pc = new RTCPeerConnection({bundlePolicy: 'max-bundle'});
            pc.addTransceiver(s.getAudioTracks()[0], {direction: 'sendonly', streams: [s]});
            pc.addTransceiver(s.getVideoTracks()[0], {direction: 'sendonly', streams: [s]});
            const o = await pc.createOffer();
            await pc.setLocalDescription(o);
            window.__pc = pc;
            return pc.localDescription.sdp;
            """;

    /** Microphone only. */
    public static final String AUDIO_ONLY = """
            const s = await navigator.mediaDevices.getUserMedia({audio: true});
            const pc = new RTCPeerConnection({bundlePolicy: 'max-bundle'});
            pc.addTransceiver(s.getAudioTracks()[0], {direction: 'sendonly', streams: [s]});
            const o = await pc.createOffer();
            await pc.setLocalDescription(o);
            window.__pc = pc;
            return pc.localDescription.sdp;
            """;

    /** Applies an answer to the offer made by one of the scripts above; returns the signaling state. */
    public static final String APPLY_ANSWER = """
            await window.__pc.setRemoteDescription({type: 'answer', sdp: args[0]});
            return window.__pc.signalingState;
            """;

    /** Applies a remote offer to a fresh receiving peer connection and returns the browser's answer. */
    public static final String ANSWER_REMOTE_OFFER = """
            const pc = window.__sub || (window.__sub = new RTCPeerConnection({bundlePolicy: 'max-bundle'}));
            await pc.setRemoteDescription({type: 'offer', sdp: args[0]});
            const a = await pc.createAnswer();
            await pc.setLocalDescription(a);
            return pc.localDescription.sdp;
            """;
}
