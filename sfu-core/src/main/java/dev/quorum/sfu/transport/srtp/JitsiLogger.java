package dev.quorum.sfu.transport.srtp;

import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jitsi-srtp's logger interface onto SLF4J, everything at debug or trace: jitsi-srtp logs some
 * failures per packet (at info), and on our packet path every failure is already a drop counter.
 */
final class JitsiLogger implements org.jitsi.utils.logging2.Logger {

    private final Logger log;

    JitsiLogger(String name) {
        this.log = LoggerFactory.getLogger(name);
    }

    static JitsiLogger forSrtp() {
        return new JitsiLogger("dev.quorum.sfu.transport.srtp.jitsi");
    }

    @Override
    public org.jitsi.utils.logging2.Logger createChildLogger(String name, Map<String, String> context) {
        return this;
    }

    @Override
    public org.jitsi.utils.logging2.Logger createChildLogger(String name) {
        return this;
    }

    @Override
    public void setUseParentHandlers(boolean useParentHandlers) {}

    @Override
    public void addHandler(Handler handler) {}

    @Override
    public void removeHandler(Handler handler) {}

    @Override
    public boolean isTraceEnabled() {
        return log.isTraceEnabled();
    }

    @Override
    public void trace(Object msg) {
        log.trace("{}", msg);
    }

    @Override
    public void trace(Supplier<String> msg) {
        if (log.isTraceEnabled()) {
            log.trace(msg.get());
        }
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isTraceEnabled();
    }

    @Override
    public void debug(Object msg) {
        log.trace("{}", msg);
    }

    @Override
    public void debug(Supplier<String> msg) {
        trace(msg);
    }

    @Override
    public boolean isInfoEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public void info(Object msg) {
        log.debug("{}", msg);
    }

    @Override
    public void info(Supplier<String> msg) {
        if (log.isDebugEnabled()) {
            log.debug(msg.get());
        }
    }

    @Override
    public boolean isWarnEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public void warn(Object msg) {
        log.debug("{}", msg);
    }

    @Override
    public void warn(Supplier<String> msg) {
        info(msg);
    }

    @Override
    public void warn(Object msg, Throwable t) {
        log.debug(String.valueOf(msg), t);
    }

    @Override
    public void error(Object msg) {
        log.debug("{}", msg);
    }

    @Override
    public void error(Supplier<String> msg) {
        info(msg);
    }

    @Override
    public void error(Object msg, Throwable t) {
        log.debug(String.valueOf(msg), t);
    }

    @Override
    public void setLevelError() {}

    @Override
    public void setLevelWarn() {}

    @Override
    public void setLevelInfo() {}

    @Override
    public void setLevelDebug() {}

    @Override
    public void setLevelTrace() {}

    @Override
    public void setLevelAll() {}

    @Override
    public void setLevelOff() {}

    @Override
    public void setLevel(Level level) {}

    @Override
    public Level getLevel() {
        return Level.FINE;
    }

    @Override
    public void addContext(Map<String, String> context) {}

    @Override
    public void addContext(String key, String value) {}
}
