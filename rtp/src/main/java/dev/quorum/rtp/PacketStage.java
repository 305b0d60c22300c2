package dev.quorum.rtp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The packet ledger of one stage of the media path: packets in, packets out, and packets dropped
 * by reason, so that {@code in = out + drops} can be checked per stage (once the packets in flight
 * inside the stage, such as a queue's, have left). Every stage of the server counts into the same
 * two meters:
 *
 * <ul>
 *   <li>{@code quorum.packets{stage, direction=in|out}} (Prometheus {@code quorum_packets_total})</li>
 *   <li>{@code quorum.packets.dropped{stage, reason}} (Prometheus {@code quorum_packets_dropped_total}),
 *       {@code reason} the enum constant in lower case</li>
 * </ul>
 *
 * <p>The counters are resolved once into arrays indexed by ordinal: counting on the packet path
 * is an array load and an add, with no lookup and no allocation. Only the reasons given to the
 * constructor are registered (a stage's own), so counting another is a bug that throws.
 *
 * <pre>{@code
 * PacketStage<RtpError> stage = new PacketStage<>(registry, "parse", RtpError.class, EnumSet.allOf(RtpError.class));
 * stage.in();
 * if (view.wrap(buf) instanceof RtpError error) { stage.drop(error); buf.release(); return; }
 * stage.out();
 * }</pre>
 *
 * @param <R> the stage's drop reasons
 */
public final class PacketStage<R extends Enum<R>> {

    public static final String PACKETS = "quorum.packets";
    public static final String DROPPED = "quorum.packets.dropped";

    private final String name;
    private final Counter in;
    private final Counter out;
    private final Counter[] drops;

    /**
     * Registers (or finds, when another instance already did) the stage's counters.
     *
     * @param stage   the {@code stage} tag, e.g. {@code transport_in}
     * @param reasons the reasons this stage drops for
     */
    public PacketStage(MeterRegistry registry, String stage, Class<R> type, Set<R> reasons) {
        this.name = stage;
        this.in = Counter.builder(PACKETS)
                .description("Packets entering (in) and leaving (out) each stage of the media path")
                .tag("stage", stage)
                .tag("direction", "in")
                .register(registry);
        this.out = Counter.builder(PACKETS)
                .description("Packets entering (in) and leaving (out) each stage of the media path")
                .tag("stage", stage)
                .tag("direction", "out")
                .register(registry);
        this.drops = new Counter[type.getEnumConstants().length];
        for (R r : reasons) {
            drops[r.ordinal()] = Counter.builder(DROPPED)
                    .description("Packets dropped, by the stage of the media path and one reason each")
                    .tag("stage", stage)
                    .tag("reason", tag(r))
                    .register(registry);
        }
    }

    /** A stage that drops for every constant of {@code type}. */
    public static <R extends Enum<R>> PacketStage<R> of(MeterRegistry registry, String stage, Class<R> type) {
        return new PacketStage<>(registry, stage, type, EnumSet.allOf(type));
    }

    /** The {@code reason} tag of a constant: its name in lower case. */
    public static String tag(Enum<?> reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    public String name() {
        return name;
    }

    /** One packet entered the stage. */
    public void in() {
        in.increment();
    }

    /** One packet left the stage: handed on, or consumed as intended. */
    public void out() {
        out.increment();
    }

    /** One packet entered the stage and was dropped at once (both counts). */
    public void inAndDrop(R reason) {
        in.increment();
        drop(reason);
    }

    /** One packet that entered the stage was dropped for {@code reason}. */
    public void drop(R reason) {
        drops[reason.ordinal()].increment();
    }

    public double countIn() {
        return in.count();
    }

    public double countOut() {
        return out.count();
    }

    public double dropped(R reason) {
        Counter c = drops[reason.ordinal()];
        return c == null ? 0 : c.count();
    }
}
