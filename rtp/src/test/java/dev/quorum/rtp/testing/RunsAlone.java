package dev.quorum.rtp.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that measures real-time behaviour a busy machine would change: freezes, time
 * to switch layers, loss recovered, audio/video lined up, a composition ready seconds after its
 * room, a timeout shortened to seconds, a flood that must disturb nobody. {@link MachineShare} runs such a class while no other test class of any test JVM on this
 * machine runs; every other class shares the machine with the classes running beside it.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RunsAlone {}
