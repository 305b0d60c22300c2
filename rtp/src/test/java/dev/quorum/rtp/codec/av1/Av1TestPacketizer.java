package dev.quorum.rtp.codec.av1;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Packetizes a temporal unit the way the AV1 RTP payload format describes it (§5), to give the
 * depacketizer realistic input from real encoder output: OBU size fields removed, temporal
 * delimiters dropped, OBUs aggregated and fragmented to fit the payload size.
 */
final class Av1TestPacketizer {

    enum Layout {
        /** W=0: every element carries its length; several OBUs per packet when they fit. */
        LENGTH_PREFIXED,
        /** W=1: one element (an OBU or a fragment) per packet, without length. */
        ONE_ELEMENT_PER_PACKET
    }

    private Av1TestPacketizer() {}

    /** The RTP payloads for {@code temporalUnit} (OBUs with size fields). */
    static List<byte[]> packetize(byte[] temporalUnit, int maxPayload, Layout layout, boolean markNewSequence) {
        List<byte[]> elements = elements(temporalUnit);
        boolean sequenceHeader = elements.stream().anyMatch(e -> ((e[0] >> 3) & 0x0F) == Av1Obu.SEQUENCE_HEADER);
        List<byte[]> payloads = new ArrayList<>();
        if (layout == Layout.ONE_ELEMENT_PER_PACKET) {
            for (byte[] element : elements) {
                for (int off = 0; off < element.length; off += maxPayload - 1) {
                    int end = Math.min(element.length, off + maxPayload - 1);
                    int aggregation = (off > 0 ? 0x80 : 0) | (end < element.length ? 0x40 : 0) | 0x10;
                    payloads.add(concat(new byte[] {(byte) aggregation}, Arrays.copyOfRange(element, off, end)));
                }
            }
        } else {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            boolean continuation = false;
            for (byte[] element : elements) {
                int off = 0;
                while (off < element.length) {
                    int free = maxPayload - 1 - body.size();
                    int chunk = Math.min(element.length - off, free - lebLength(free));
                    if (chunk <= 0) {
                        payloads.add(payload(continuation, false, body));
                        continuation = false;
                        continue;
                    }
                    writeLeb(chunk, body);
                    body.write(element, off, chunk);
                    off += chunk;
                    if (off < element.length) {
                        payloads.add(payload(continuation, true, body));
                        continuation = true;
                    }
                }
            }
            if (body.size() > 0) {
                payloads.add(payload(continuation, false, body));
            }
        }
        if (markNewSequence && sequenceHeader) {
            payloads.get(0)[0] |= 0x08;
        }
        return payloads;
    }

    private static byte[] payload(boolean z, boolean y, ByteArrayOutputStream body) {
        byte[] payload = concat(new byte[] {(byte) ((z ? 0x80 : 0) | (y ? 0x40 : 0))}, body.toByteArray());
        body.reset();
        return payload;
    }

    /** The OBUs of a temporal unit without size fields, temporal delimiters left out. */
    static List<byte[]> elements(byte[] unit) {
        List<byte[]> elements = new ArrayList<>();
        int pos = 0;
        while (pos < unit.length) {
            int header = unit[pos] & 0xFF;
            int headerLength = (header & 0x04) != 0 ? 2 : 1;
            int payloadStart = pos + headerLength;
            int size;
            if ((header & 0x02) != 0) {
                size = 0;
                int shift = 0;
                int b;
                do {
                    b = unit[payloadStart++] & 0xFF;
                    size |= (b & 0x7F) << shift;
                    shift += 7;
                } while ((b & 0x80) != 0);
            } else {
                size = unit.length - payloadStart;
            }
            if (((header >> 3) & 0x0F) != Av1Obu.TEMPORAL_DELIMITER) {
                byte[] element = new byte[headerLength + size];
                element[0] = (byte) (header & ~0x02);
                if (headerLength == 2) {
                    element[1] = unit[pos + 1];
                }
                System.arraycopy(unit, payloadStart, element, headerLength, size);
                elements.add(element);
            }
            pos = payloadStart + size;
        }
        return elements;
    }

    private static int lebLength(int value) {
        int length = 1;
        while (value >= 0x80) {
            value >>>= 7;
            length++;
        }
        return length;
    }

    private static void writeLeb(int value, ByteArrayOutputStream out) {
        while (value >= 0x80) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
