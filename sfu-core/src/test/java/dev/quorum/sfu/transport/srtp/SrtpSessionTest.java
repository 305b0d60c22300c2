package dev.quorum.sfu.transport.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.sfu.transport.MediaBuffers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpSessionTest {

    private final List<ByteBuf> buffers = new ArrayList<>();
    private final List<SrtpSession> sessions = new ArrayList<>();

    @AfterEach
    void release() {
        buffers.forEach(ByteBuf::release);
        sessions.forEach(SrtpSession::close);
    }

    /** A DTLS client and server session over the same exported material. */
    SrtpSession[] pair(SrtpProfile profile, int maxStreams) {
        byte[] material = new byte[profile.keyingMaterialLength()];
        new SecureRandom().nextBytes(material);
        SrtpSession client = new SrtpSession(SrtpKeys.fromKeyingMaterial(profile, material.clone()), false, maxStreams);
        SrtpSession server = new SrtpSession(SrtpKeys.fromKeyingMaterial(profile, material.clone()), true, maxStreams);
        sessions.add(client);
        sessions.add(server);
        return new SrtpSession[] {client, server};
    }

    ByteBuf rtp(int ssrc, int seq, int payloadLength) {
        ByteBuf b = MediaBuffers.allocate(12 + payloadLength);
        b.writeByte(0x80).writeByte(96).writeShort(seq).writeInt(seq * 3000).writeInt(ssrc);
        for (int i = 0; i < payloadLength; i++) {
            b.writeByte(i);
        }
        buffers.add(b);
        return b;
    }

    ByteBuf rtcp(int ssrc) {
        ByteBuf b = MediaBuffers.allocate(28);
        // Receiver report with one report block's worth of bytes.
        b.writeByte(0x81).writeByte(201).writeShort(6).writeInt(ssrc);
        b.writeZero(20);
        buffers.add(b);
        return b;
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void clientAndServerDecryptEachOthersRtpAndRtcpInPlace(SrtpProfile profile) {
        SrtpSession[] p = pair(profile, 16);
        for (SrtpSession[] direction : new SrtpSession[][] {{p[0], p[1]}, {p[1], p[0]}}) {
            ByteBuf packet = rtp(0x11223344, 1000, 1188);
            String plain = ByteBufUtil.hexDump(packet);
            byte[] array = packet.array();

            assertThat(direction[0].protectRtp(packet)).isEqualTo(SrtpResult.OK);
            assertThat(packet.readableBytes()).isEqualTo(1200 + profile.tagLength());
            assertThat(ByteBufUtil.hexDump(packet)).isNotEqualTo(plain);
            assertThat(direction[1].unprotectRtp(packet)).isEqualTo(SrtpResult.OK);
            assertThat(ByteBufUtil.hexDump(packet)).isEqualTo(plain);
            assertThat(packet.array()).as("transformed in the same array").isSameAs(array);

            ByteBuf report = rtcp(0x55667788);
            String plainReport = ByteBufUtil.hexDump(report);
            assertThat(direction[0].protectRtcp(report)).isEqualTo(SrtpResult.OK);
            assertThat(report.readableBytes()).isEqualTo(28 + 4 + profile.tagLength());
            assertThat(direction[1].unprotectRtcp(report)).isEqualTo(SrtpResult.OK);
            assertThat(ByteBufUtil.hexDump(report)).isEqualTo(plainReport);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aPacketIsNotDecryptedByItsOwnSendersReceiveSide(SrtpProfile profile) {
        SrtpSession[] p = pair(profile, 16);
        ByteBuf packet = rtp(7, 1, 100);
        p[1].protectRtp(packet);
        assertThat(p[1].unprotectRtp(packet)).isEqualTo(SrtpResult.AUTH_FAILED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aReplayedPacketIsRejected(SrtpProfile profile) {
        SrtpSession[] p = pair(profile, 16);
        ByteBuf packet = rtp(7, 500, 100);
        p[0].protectRtp(packet);
        ByteBuf replay = MediaBuffers.copyOf(packet);
        buffers.add(replay);
        assertThat(p[1].unprotectRtp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(p[1].unprotectRtp(replay)).isEqualTo(SrtpResult.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aCorruptedTagIsRejectedAndTheStreamKeepsWorking(SrtpProfile profile) {
        SrtpSession[] p = pair(profile, 16);
        ByteBuf good = rtp(7, 1, 100);
        ByteBuf bad = rtp(7, 2, 100);
        ByteBuf next = rtp(7, 3, 100);
        p[0].protectRtp(good);
        p[0].protectRtp(bad);
        p[0].protectRtp(next);
        bad.setByte(bad.writerIndex() - 1, bad.getByte(bad.writerIndex() - 1) ^ 0x01);

        assertThat(p[1].unprotectRtp(good)).isEqualTo(SrtpResult.OK);
        assertThat(p[1].unprotectRtp(bad)).isEqualTo(SrtpResult.AUTH_FAILED);
        assertThat(p[1].unprotectRtp(next)).isEqualTo(SrtpResult.OK);
    }

    @Test
    void retransmittingTheSameSequenceNumberIsAllowedOnSend() {
        SrtpSession[] p = pair(SrtpProfile.AEAD_AES_128_GCM, 16);
        assertThat(p[1].protectRtp(rtp(9, 42, 50))).isEqualTo(SrtpResult.OK);
        assertThat(p[1].protectRtp(rtp(9, 42, 50))).isEqualTo(SrtpResult.OK);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void decryptionContinuesAcrossTheSequenceNumberWrap(SrtpProfile profile) {
        SrtpSession[] p = pair(profile, 16);
        for (int seq : new int[] {65533, 65534, 65535, 0, 1, 2}) {
            ByteBuf packet = rtp(3, seq, 40);
            String plain = ByteBufUtil.hexDump(packet);
            assertThat(p[0].protectRtp(packet)).isEqualTo(SrtpResult.OK);
            assertThat(p[1].unprotectRtp(packet)).as("seq %d", seq).isEqualTo(SrtpResult.OK);
            assertThat(ByteBufUtil.hexDump(packet)).isEqualTo(plain);
        }
    }

    @Test
    void forgedSsrcsDoNotUseUpStreamSlots() {
        SrtpSession[] p = pair(SrtpProfile.AES128_CM_HMAC_SHA1_80, 1);
        for (int ssrc = 100; ssrc < 110; ssrc++) {
            ByteBuf junk = rtp(ssrc, 1, 100);
            junk.writeZero(10); // a tag that cannot verify
            assertThat(p[1].unprotectRtp(junk)).isEqualTo(SrtpResult.AUTH_FAILED);
        }
        ByteBuf real = rtp(5, 1, 100);
        p[0].protectRtp(real);
        assertThat(p[1].unprotectRtp(real)).isEqualTo(SrtpResult.OK);

        ByteBuf second = rtp(6, 1, 100);
        p[0].protectRtp(second);
        assertThat(p[1].unprotectRtp(second)).isEqualTo(SrtpResult.TOO_MANY_STREAMS);
    }

    @Test
    void tooShortPacketsAreInvalid() {
        SrtpSession[] p = pair(SrtpProfile.AEAD_AES_128_GCM, 4);
        ByteBuf tiny = MediaBuffers.allocate(8);
        buffers.add(tiny);
        tiny.writeLong(0x80600001_00000000L);
        assertThat(p[1].unprotectRtp(tiny)).isEqualTo(SrtpResult.INVALID);
        assertThat(p[1].unprotectRtcp(tiny)).isEqualTo(SrtpResult.INVALID);
        assertThat(p[1].protectRtp(tiny)).isEqualTo(SrtpResult.INVALID);
    }

    @Test
    void afterCloseNothingIsTransformed() {
        SrtpSession[] p = pair(SrtpProfile.AEAD_AES_128_GCM, 4);
        p[0].close();
        assertThat(p[0].protectRtp(rtp(1, 1, 10))).isEqualTo(SrtpResult.PROTECT_FAILED);
    }

    /**
     * AES-GCM (the profile browsers get from us) protects and unprotects without allocating: the
     * IV of each packet is refilled in one array instead of new parameter specs per packet.
     * Counted with the JVM's per-thread allocation counter over packets after the contexts exist.
     */
    @Test
    void aesGcmProtectAndUnprotectAllocateNothingPerPacket() {
        assertThat(SrtpCrypto.initialize())
                .as("SRTP's AES through OpenSSL (libssl3)")
                .isEqualTo("OpenSSL");
        SrtpSession[] p = pair(SrtpProfile.AEAD_AES_128_GCM, 16);
        // A plain wrapped array: the leak detector's access records (PARANOID in tests) would
        // be counted as the path's allocation.
        ByteBuf packet = Unpooled.wrappedBuffer(new byte[1200 + SrtpSession.MAX_OVERHEAD]);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        // Windows of packets until the JIT has compiled the path: what allocates only before
        // compilation (boxing the compiler elides) is not what a running server pays. Before,
        // every window paid the parameter specs: 128 B per packet. On a busy machine the compiler
        // threads get the cores late, so the windows go on until then (within a generous limit).
        int window = 2_000;
        long perPacket = Long.MAX_VALUE;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        for (int start = 0; perPacket >= 8 && System.nanoTime() < deadline; start += window) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int seq = start; seq < start + window; seq++) {
                packet.clear()
                        .writeByte(0x80)
                        .writeByte(96)
                        .writeShort(seq)
                        .writeInt(seq * 3000)
                        .writeInt(0x0A0B0C0D);
                packet.writerIndex(1200);
                if (p[0].protectRtp(packet) != SrtpResult.OK || p[1].unprotectRtp(packet) != SrtpResult.OK) {
                    throw new AssertionError("packet " + seq + " did not round-trip");
                }
            }
            perPacket = (threads.getThreadAllocatedBytes(id) - before) / window;
        }
        assertThat(perPacket).as("bytes allocated per protect + unprotect").isLessThan(8);
    }
}
