package dev.quorum.composer.process;

import java.lang.reflect.Field;

/** Stands in for a composer that dies in native code: reports some progress, then segfaults. */
public final class CrashingComposerMain {

    private CrashingComposerMain() {}

    public static void main(String[] args) throws Exception {
        System.out.println("progress 10 5");
        System.out.flush();
        Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        f.setAccessible(true);
        Object unsafe = f.get(null);
        unsafe.getClass().getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 42L);
    }
}
