package dev.quorum.sfu.transport;

import static dev.quorum.sfu.transport.MediaPortFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.sfu.transport.MediaPortFixture.Connection;
import dev.quorum.sfu.transport.srtp.SrtpProfile;
import dev.quorum.sfu.transport.stun.StunAttribute;
import dev.quorum.sfu.transport.stun.StunDecodeResult;
import dev.quorum.sfu.transport.stun.StunDecoder;
import dev.quorum.sfu.transport.stun.StunEncoder;
import dev.quorum.sfu.transport.stun.StunIntegrity;
import dev.quorum.sfu.transport.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken input on the media port: each kind is dropped and counted under its reason,
 * and a connected peer keeps exchanging media in both directions throughout.
 */
class MediaPortBadInputTest {

    MediaPortFixture f;
    Connection victim;
    DatagramSocket attacker;
    InetSocketAddress portAddress;
    int seq;
    final Random random = new Random(7983);

    @BeforeEach
    void connect() throws Exception {
        f = new MediaPortFixture(true);
        victim = f.open(false);
        victim.peer().connect(SrtpProfile.AEAD_AES_128_GCM);
        attacker = new DatagramSocket(new InetSocketAddress(MediaPortFixture.LOOPBACK, 0));
        attacker.setSoTimeout(5000);
        portAddress = new InetSocketAddress(MediaPortFixture.LOOPBACK, f.port.port());
        stillExchanging();
    }

    @AfterEach
    void close() throws Exception {
        assertThat(victim.transport().state()).isEqualTo(TransportState.CONNECTED);
        assertThat(victim.listener().closed).isNotDone();
        assertThat(victim.listener().rtp)
                .as("nothing but the victim's own media was delivered")
                .isEmpty();
        attacker.close();
        f.close();
    }

    void stillExchanging() throws Exception {
        f.exchange(victim, 0x77, seq++);
    }

    void fromAttacker(byte[] bytes) throws Exception {
        attacker.send(new DatagramPacket(bytes, bytes.length, portAddress));
    }

    /** Runs {@code inject} and waits until {@code reason} counted exactly {@code n} more drops. */
    void expectDrops(DropReason reason, int n, ThrowingRunnable inject) throws Exception {
        double before = f.drops(reason);
        inject.run();
        await(n + " × " + reason, () -> f.drops(reason) >= before + n);
        stillExchanging();
        assertThat(f.drops(reason)).isEqualTo(before + n);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    byte[] request(String username, String password, boolean fingerprint, StunAttribute... extra) {
        List<StunAttribute> a = new ArrayList<>(List.of(
                new StunAttribute.Username(username),
                new StunAttribute.Priority(100),
                new StunAttribute.IceControlling(1)));
        a.addAll(Arrays.asList(extra));
        ByteBuf out = Unpooled.buffer();
        try {
            StunEncoder.encode(
                    new StunMessage(StunMessage.BINDING_REQUEST, StunMessage.newTransactionId(), a),
                    password == null ? null : StunIntegrity.shortTerm(password),
                    fingerprint,
                    out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    String victimUsername() {
        return victim.transport().description().ice().ufrag() + ":evil";
    }

    StunMessage attackerReceivesStun() throws Exception {
        byte[] buf = new byte[1500];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        attacker.receive(p);
        ByteBuf b = Unpooled.wrappedBuffer(buf, 0, p.getLength());
        try {
            return ((StunDecodeResult.Decoded) StunDecoder.decode(b)).message();
        } finally {
            b.release();
        }
    }

    @Test
    void randomBytesAreDroppedByKind() throws Exception {
        EnumSet<DropReason> reasons =
                EnumSet.of(DropReason.UNKNOWN_PROTOCOL, DropReason.STUN_MALFORMED, DropReason.UNVALIDATED_SOURCE);
        double before = reasons.stream().mapToDouble(f::drops).sum();
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[1 + random.nextInt(1400)];
            random.nextBytes(b);
            fromAttacker(b);
        }
        await(
                "300 random datagrams to be dropped",
                () -> reasons.stream().mapToDouble(f::drops).sum() >= before + 300);
        stillExchanging();
        assertThat(reasons.stream().mapToDouble(f::drops).sum()).isEqualTo(before + 300);
        assertThat(f.drops(DropReason.UNKNOWN_PROTOCOL)).isPositive();
    }

    @Test
    void truncatedAndOversizedStunIsMalformed() throws Exception {
        byte[] valid =
                request(victimUsername(), victim.transport().description().ice().password(), true);
        byte[] oversized = new byte[1500];
        System.arraycopy(valid, 0, oversized, 0, 20);
        oversized[2] = (byte) ((1500 - 20) >> 8);
        oversized[3] = (byte) (1500 - 20);
        expectDrops(DropReason.STUN_MALFORMED, 3, () -> {
            fromAttacker(Arrays.copyOf(valid, 30));
            fromAttacker(Arrays.copyOf(valid, 12));
            fromAttacker(oversized);
        });
    }

    @Test
    void aCheckWithTheWrongPasswordGets401AndDoesNotValidateTheSender() throws Exception {
        expectDrops(
                DropReason.STUN_UNAUTHORIZED,
                1,
                () -> fromAttacker(request(victimUsername(), "guessedpassword012345678", true)));
        StunMessage response = attackerReceivesStun();
        assertThat(response.isErrorResponse()).isTrue();
        assertThat(response.attribute(StunAttribute.ErrorCode.class)
                        .orElseThrow()
                        .code())
                .isEqualTo(401);
        assertThat(response.has(StunAttribute.MessageIntegrity.class)).isFalse();

        byte[] forged = victim.peer().protectRtp(0x77, seq, f.payload(100));
        expectDrops(DropReason.UNVALIDATED_SOURCE, 1, () -> fromAttacker(forged));
    }

    @Test
    void aCheckForAnUnknownUfragIsNotAnswered() throws Exception {
        expectDrops(DropReason.STUN_UNKNOWN_USERNAME, 2, () -> {
            fromAttacker(request("nobody:evil", "whateverpassword01234567", true));
            fromAttacker(request("", null, true)); // no USERNAME to route by
        });
    }

    @Test
    void checksMissingRequiredAttributesGet400AndUnknownOnesGet420() throws Exception {
        String pwd = victim.transport().description().ice().password();
        expectDrops(DropReason.STUN_BAD_REQUEST, 2, () -> {
            fromAttacker(request(victimUsername(), pwd, false)); // no FINGERPRINT
            fromAttacker(request(victimUsername(), null, true)); // no MESSAGE-INTEGRITY
        });
        assertThat(attackerReceivesStun()
                        .attribute(StunAttribute.ErrorCode.class)
                        .orElseThrow()
                        .code())
                .isEqualTo(400);
        assertThat(attackerReceivesStun()
                        .attribute(StunAttribute.ErrorCode.class)
                        .orElseThrow()
                        .code())
                .isEqualTo(400);

        expectDrops(
                DropReason.STUN_UNKNOWN_ATTRIBUTE,
                1,
                () -> fromAttacker(
                        request(victimUsername(), pwd, true, new StunAttribute.Unknown(0x0042, new byte[4]))));
        StunMessage r420 = attackerReceivesStun();
        assertThat(r420.attribute(StunAttribute.ErrorCode.class).orElseThrow().code())
                .isEqualTo(420);
        assertThat(r420.attribute(StunAttribute.UnknownAttributes.class)
                        .orElseThrow()
                        .types())
                .containsExactly(0x0042);
    }

    @Test
    void dtlsGarbageMidHandshakeIsDroppedAndTheHandshakeCompletes() throws Exception {
        Connection second = f.open(false);
        second.peer().check(true);
        double dtlsIn = f.counter("quorum.media.packets", "direction", "in", "kind", "dtls");
        CompletableFuture<Void> handshake = CompletableFuture.runAsync(() -> {
            try {
                second.peer().connect(SrtpProfile.AES128_CM_HMAC_SHA1_80);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await("the ClientHello", () -> f.counter("quorum.media.packets", "direction", "in", "kind", "dtls") > dtlsIn);

        byte[] truncatedRecord = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 9, 0, 50, 1, 2, 3};
        byte[] notDtlsVersion = {22, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
        byte[] noise = new byte[200];
        random.nextBytes(noise);
        noise[0] = 23;
        expectDrops(DropReason.DTLS_MALFORMED, 3, () -> {
            second.peer().sendRaw(truncatedRecord);
            second.peer().sendRaw(notDtlsVersion);
            second.peer().sendRaw(noise);
        });
        expectDrops(DropReason.UNVALIDATED_SOURCE, 1, () -> fromAttacker(noise));

        handshake.get(10, TimeUnit.SECONDS);
        second.listener().connected.get(5, TimeUnit.SECONDS);
        f.exchange(second, 0x99, 1);
    }

    @Test
    void srtpWithABadTagOrAReplayedIndexIsDropped() throws Exception {
        byte[] tampered = victim.peer().protectRtp(0x77, seq, f.payload(300));
        tampered[tampered.length - 1] ^= 0x55;
        expectDrops(DropReason.SRTP_AUTH_FAILED, 1, () -> victim.peer().sendRaw(tampered));

        byte[] once = victim.peer().protectRtp(0x77, seq++, f.payload(300));
        victim.peer().sendRaw(once);
        assertThat(victim.listener().rtp.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(victim.peer().awaitRtp()).isNotNull();
        expectDrops(DropReason.SRTP_REPLAYED, 2, () -> {
            victim.peer().sendRaw(once);
            victim.peer().sendRaw(once);
        });

        expectDrops(DropReason.SRTP_INVALID, 1, () -> victim.peer().sendRaw(new byte[] {(byte) 0x80, 96, 0, 1, 0, 0}));
    }

    @Test
    void garbageOnAnIceTcpConnectionIsDropped() throws Exception {
        try (Socket s = new Socket(MediaPortFixture.LOOPBACK, f.port.port())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            byte[] rtpLike = victim.peer().protectRtp(0x77, seq, f.payload(50));
            expectDrops(DropReason.UNVALIDATED_SOURCE, 1, () -> {
                out.writeShort(rtpLike.length);
                out.write(rtpLike);
                out.flush();
            });
            expectDrops(DropReason.UNKNOWN_PROTOCOL, 2, () -> {
                out.writeShort(3);
                out.write(new byte[] {99, 99, 99});
                out.writeShort(0);
                out.flush();
            });
            expectDrops(DropReason.STUN_MALFORMED, 1, () -> {
                out.writeShort(24);
                out.write(Arrays.copyOf(request(victimUsername(), null, true), 24));
                out.flush();
            });
        }
    }
}
