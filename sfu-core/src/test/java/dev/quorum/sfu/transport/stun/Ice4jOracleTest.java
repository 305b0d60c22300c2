package dev.quorum.sfu.transport.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.attribute.MessageIntegrityAttribute;
import org.ice4j.attribute.PriorityAttribute;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.RawMessage;
import org.ice4j.stack.StunStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ice4j as an independent implementation: for the same inputs our encodings are byte-identical
 * to ice4j's, and each side decodes and authenticates the other's messages.
 */
class Ice4jOracleTest {

    static {
        // ice4j adds "SOFTWARE: ice4j.org" to every message unless this is empty.
        System.setProperty("ice4j.software", "");
    }

    static final String LOCAL_UFRAG = "srvA";
    static final String LOCAL_PWD = "serverpassword0123456789";
    static final String REMOTE_UFRAG = "brwZ";
    static final String REMOTE_PWD = "browserpassword012345678";
    static final String USERNAME = LOCAL_UFRAG + ":" + REMOTE_UFRAG;

    static StunStack stack;

    @BeforeAll
    static void stack() {
        stack = new StunStack();
        stack.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
            @Override
            public byte[] getLocalKey(String username) {
                return username.equals(LOCAL_UFRAG) ? LOCAL_PWD.getBytes(StandardCharsets.UTF_8) : null;
            }

            @Override
            public byte[] getRemoteKey(String username, String media) {
                // A request to us is signed with our password (the remote agent's view of "remote").
                return username.startsWith(LOCAL_UFRAG + ":") ? LOCAL_PWD.getBytes(StandardCharsets.UTF_8) : null;
            }

            @Override
            public boolean checkLocalUserName(String username) {
                return username.equals(LOCAL_UFRAG);
            }
        });
    }

    static byte[] ours(StunMessage m, StunIntegrity key) {
        ByteBuf out = Unpooled.buffer();
        try {
            StunEncoder.encode(m, key, true, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    static byte[] ice4jRequest(byte[] tid) throws Exception {
        Request r = MessageFactory.createBindingRequest();
        r.setTransactionID(tid);
        r.putAttribute(AttributeFactory.createUsernameAttribute(USERNAME));
        r.putAttribute(AttributeFactory.createPriorityAttribute(1853817087L));
        r.putAttribute(AttributeFactory.createIceControllingAttribute(0x0102030405060708L));
        r.putAttribute(AttributeFactory.createUseCandidateAttribute());
        r.putAttribute(AttributeFactory.createMessageIntegrityAttribute(USERNAME));
        r.putAttribute(AttributeFactory.createFingerprintAttribute());
        return r.encode(stack);
    }

    static StunMessage ourRequest(byte[] tid) {
        return new StunMessage(
                StunMessage.BINDING_REQUEST,
                tid,
                List.of(
                        new StunAttribute.Username(USERNAME),
                        new StunAttribute.Priority(1853817087L),
                        new StunAttribute.IceControlling(0x0102030405060708L),
                        new StunAttribute.UseCandidate()));
    }

    @Test
    void bindingRequestIsByteIdenticalToIce4js() throws Exception {
        byte[] tid = StunMessage.newTransactionId();
        assertThat(ours(ourRequest(tid), StunIntegrity.shortTerm(LOCAL_PWD))).isEqualTo(ice4jRequest(tid));
    }

    @Test
    void successResponsesAreByteIdenticalToIce4jsForIpv4AndIpv6() throws Exception {
        for (String ip : List.of("192.0.2.44", "2001:db8::1:44")) {
            InetSocketAddress source = new InetSocketAddress(InetAddress.getByName(ip), 54321);
            byte[] tid = StunMessage.newTransactionId();
            Request request = (Request) Message.decode(ice4jRequest(tid), 0, ice4jRequest(tid).length);
            Response r = MessageFactory.createBindingResponse(request, new TransportAddress(source, Transport.UDP));
            r.setTransactionID(tid);
            r.putAttribute(AttributeFactory.createMessageIntegrityAttribute(LOCAL_UFRAG));
            r.putAttribute(AttributeFactory.createFingerprintAttribute());
            byte[] theirs = r.encode(stack);

            StunMessage ours = new StunMessage(
                    StunMessage.BINDING_SUCCESS_RESPONSE, tid, List.of(new StunAttribute.XorMappedAddress(source)));
            assertThat(ours(ours, StunIntegrity.shortTerm(LOCAL_PWD))).as(ip).isEqualTo(theirs);
        }
    }

    @Test
    void errorResponseIsByteIdenticalToIce4js() throws Exception {
        byte[] tid = StunMessage.newTransactionId();
        Response r = MessageFactory.createBindingErrorResponse(ErrorCodeAttribute.BAD_REQUEST, "Bad Request");
        r.setTransactionID(tid);
        r.putAttribute(AttributeFactory.createFingerprintAttribute());
        byte[] theirs = r.encode(stack);

        StunMessage ours = new StunMessage(
                StunMessage.BINDING_ERROR_RESPONSE, tid, List.of(new StunAttribute.ErrorCode(400, "Bad Request")));
        ByteBuf out = Unpooled.buffer();
        StunEncoder.encode(ours, null, true, out);
        try {
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(theirs);
        } finally {
            out.release();
        }
    }

    @Test
    void weDecodeAndAuthenticateIce4jsRequest() throws Exception {
        ByteBuf buf = Unpooled.wrappedBuffer(ice4jRequest(StunMessage.newTransactionId()));
        try {
            StunDecodeResult.Decoded d = (StunDecodeResult.Decoded) StunDecoder.decode(buf);
            StunMessage m = d.message();
            assertThat(m.attribute(StunAttribute.Username.class)).contains(new StunAttribute.Username(USERNAME));
            assertThat(m.attribute(StunAttribute.Priority.class)).contains(new StunAttribute.Priority(1853817087L));
            assertThat(m.attribute(StunAttribute.IceControlling.class))
                    .contains(new StunAttribute.IceControlling(0x0102030405060708L));
            assertThat(m.has(StunAttribute.UseCandidate.class)).isTrue();
            assertThat(m.has(StunAttribute.Fingerprint.class)).isTrue();
            assertThat(StunIntegrity.shortTerm(LOCAL_PWD).verify(buf, d.integrityOffset()))
                    .isTrue();
            assertThat(StunIntegrity.shortTerm(REMOTE_PWD).verify(buf, d.integrityOffset()))
                    .isFalse();
        } finally {
            buf.release();
        }
    }

    @Test
    void ice4jDecodesAndAuthenticatesOurRequestAndResponse() throws Exception {
        byte[] tid = StunMessage.newTransactionId();
        byte[] request = ours(ourRequest(tid), StunIntegrity.shortTerm(LOCAL_PWD));
        Message m = Message.decode(request, 0, request.length);
        assertThat(m).isInstanceOf(Request.class);
        assertThat(new String(
                        ((UsernameAttribute) m.getAttribute(Attribute.USERNAME)).getUsername(), StandardCharsets.UTF_8))
                .isEqualTo(USERNAME);
        assertThat(((PriorityAttribute) m.getAttribute(Attribute.PRIORITY)).getPriority())
                .isEqualTo(1853817087L);
        assertThat(m.containsAttribute(Attribute.USE_CANDIDATE)).isTrue();
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 10000);
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 50000);
        assertThat(stack.validateMessageIntegrity(
                        (MessageIntegrityAttribute) m.getAttribute(Attribute.MESSAGE_INTEGRITY),
                        USERNAME,
                        true,
                        RawMessage.build(
                                request,
                                request.length,
                                new TransportAddress(remote, Transport.UDP),
                                new TransportAddress(local, Transport.UDP))))
                .isTrue();

        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("198.51.100.3"), 61000);
        byte[] response = ours(
                new StunMessage(
                        StunMessage.BINDING_SUCCESS_RESPONSE, tid, List.of(new StunAttribute.XorMappedAddress(mapped))),
                StunIntegrity.shortTerm(LOCAL_PWD));
        Message r = Message.decode(response, 0, response.length);
        assertThat(r).isInstanceOf(Response.class);
        assertThat(((Response) r).isSuccessResponse()).isTrue();
        assertThat(r.getTransactionID()).isEqualTo(tid);
        XorMappedAddressAttribute x = (XorMappedAddressAttribute) r.getAttribute(Attribute.XOR_MAPPED_ADDRESS);
        assertThat(x.getAddress(tid).getAddress()).isEqualTo(mapped.getAddress());
        assertThat(x.getAddress(tid).getPort()).isEqualTo(61000);
        // ice4j checks FINGERPRINT while decoding; recompute the MI as ice4j does for a response.
        MessageIntegrityAttribute mi = (MessageIntegrityAttribute) r.getAttribute(Attribute.MESSAGE_INTEGRITY);
        byte[] expected = MessageIntegrityAttribute.calculateHmacSha1(
                withLength(response, mi.getLocationInMessage()),
                0,
                mi.getLocationInMessage(),
                LOCAL_PWD.getBytes(StandardCharsets.UTF_8));
        assertThat(mi.getHmacSha1Content()).isEqualTo(expected);
    }

    /** The message prefix with its length field covering up to the end of MESSAGE-INTEGRITY. */
    private static byte[] withLength(byte[] message, int integrityOffset) {
        byte[] copy = message.clone();
        int length = integrityOffset + 24 - 20;
        copy[2] = (byte) (length >> 8);
        copy[3] = (byte) length;
        return copy;
    }
}
