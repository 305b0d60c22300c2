package dev.quorum.bench.transport;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.sfu.transport.MediaBuffers;
import dev.quorum.sfu.transport.PacketKind;
import dev.quorum.sfu.transport.srtp.SrtpCrypto;
import dev.quorum.sfu.transport.srtp.SrtpKeys;
import dev.quorum.sfu.transport.srtp.SrtpProfile;
import dev.quorum.sfu.transport.srtp.SrtpResult;
import dev.quorum.sfu.transport.srtp.SrtpSession;
import io.netty.buffer.ByteBuf;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SRTP on a 1,200-byte RTP packet (12-byte header, 1,188-byte payload), in place in a pooled
 * heap buffer from {@link MediaBuffers}, as the media port does it.
 *
 * <ul>
 *   <li>{@code copy}: refill the buffer with the plaintext packet (the baseline every other
 *       benchmark here includes, since SRTP transforms its input)</li>
 *   <li>{@code protect}: refill, then protect (the send path per receiver)</li>
 *   <li>{@code protectUnprotect}: refill, protect with the peer's session, unprotect with ours.
 *       A receive-side replay window refuses old packets, so unprotect cannot run alone on
 *       recycled input: its cost is {@code protectUnprotect − protect}.</li>
 *   <li>{@code receivePath}: as protectUnprotect, plus what the port does around unprotect:
 *       RFC 7983 classification and the RTP header parse ({@code dev.quorum.rtp.RtpPacket})</li>
 * </ul>
 *
 * The sequence number advances with every operation, so rollover and replay state are exercised
 * as on a live stream. Setup fails unless jitsi-srtp runs on OpenSSL, so the figures never come
 * silently from the JDK's AES.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SrtpBenchmark {

    private static final int PACKET_LENGTH = 1200;

    @Param({"AEAD_AES_128_GCM", "AES128_CM_HMAC_SHA1_80"})
    public SrtpProfile profile;

    private SrtpSession browser;
    private SrtpSession server;
    private ByteBuf packet;
    private final byte[] plaintext = new byte[PACKET_LENGTH];
    private final RtpPacket view = new RtpPacket();
    private int sequence;

    @Setup
    public void setUp() {
        String provider = SrtpCrypto.initialize();
        if (!"OpenSSL".equals(provider)) {
            throw new IllegalStateException("SRTP runs on " + provider + ", not OpenSSL: install libssl3");
        }
        byte[] material = new byte[profile.keyingMaterialLength()];
        new SecureRandom().nextBytes(material);
        browser = new SrtpSession(SrtpKeys.fromKeyingMaterial(profile, material.clone()), false, 16);
        server = new SrtpSession(SrtpKeys.fromKeyingMaterial(profile, material.clone()), true, 16);
        new SecureRandom().nextBytes(plaintext);
        plaintext[0] = (byte) 0x80;
        plaintext[1] = 96;
        plaintext[8] = 0x12;
        plaintext[9] = 0x34;
        plaintext[10] = 0x56;
        plaintext[11] = 0x78;
        packet = MediaBuffers.allocate(PACKET_LENGTH);
    }

    @TearDown
    public void tearDown() {
        packet.release();
        browser.close();
        server.close();
    }

    private ByteBuf refill() {
        int seq = sequence++ & 0xFFFF;
        plaintext[2] = (byte) (seq >> 8);
        plaintext[3] = (byte) seq;
        packet.clear().writeBytes(plaintext);
        return packet;
    }

    @Benchmark
    public ByteBuf copy() {
        return refill();
    }

    @Benchmark
    public SrtpResult protect() {
        return server.protectRtp(refill());
    }

    @Benchmark
    public SrtpResult protectUnprotect() {
        ByteBuf p = refill();
        browser.protectRtp(p);
        return server.unprotectRtp(p);
    }

    @Benchmark
    public long receivePath() {
        ByteBuf p = refill();
        browser.protectRtp(p);
        if (PacketKind.of(p) != PacketKind.RTP || server.unprotectRtp(p) != SrtpResult.OK) {
            throw new IllegalStateException("not an authentic RTP packet");
        }
        if (!(view.wrap(p) instanceof RtpPacket rtp)) {
            throw new IllegalStateException("not RTP");
        }
        return rtp.ssrc() + rtp.sequenceNumber() + rtp.payloadLength();
    }
}
