package dev.quorum.rtp.rtcp;

/** Annotated RTCP packets shared by the RTCP tests, the fuzz test and the benchmarks' fixtures. */
final class RtcpVectors {

    static final String SENDER_REPORT = """
            81 C8 00 0C              // V=2 RC=1 PT=SR length=12 words
            11 22 33 44              // sender SSRC
            E1 2C 3D 4E 80 00 00 00  // NTP timestamp
            00 01 E2 40              // RTP timestamp 123456
            00 00 00 64              // packet count 100
            00 00 27 10              // octet count 10000
            55 66 77 88              // report block: SSRC
            0A FF FF FE              // fraction lost 10/256, cumulative lost -2
            00 01 00 05              // extended highest sequence: cycle 1, seq 5
            00 00 00 20              // jitter 32
            3D 4E 80 00              // LSR
            00 00 80 00              // DLSR 0.5 s
            """;

    static final String RECEIVER_REPORT_EMPTY = "80 C9 00 01 | 11 22 33 44 // RC=0: only the sender SSRC\n";

    static final String SDES_CNAME = """
            81 CA 00 04              // SC=1 PT=SDES length=4
            11 22 33 44              // chunk SSRC
            01 09 75 73 65 72 40 68 6F 73 74  // CNAME "user@host"
            00                       // end of items, already at a word boundary
            """;

    static final String PLI = """
            81 CE 00 02              // FMT=1 PT=PSFB length=2
            11 22 33 44              // sender SSRC
            55 66 77 88              // media SSRC
            """;

    static final String TWCC_RUN_LENGTH = """
            8F CD 00 06              // FMT=15 PT=RTPFB length=6
            11 22 33 44 | 55 66 77 88
            00 05 00 03              // base seq 5, 3 packets
            00 00 2A 01              // reference time 42 (x 64 ms), feedback count 1
            20 03                    // run length chunk: symbol 1 (small delta) x 3
            10 20 30                 // deltas 4 ms, 8 ms, 12 ms
            00 00 00                 // zero padding
            """;

    private RtcpVectors() {}
}
