package dev.quorum.server.config;

import dev.quorum.api.http.WebUrl;
import dev.quorum.sfu.api.Sid;
import dev.quorum.storage.account.Account;
import dev.quorum.storage.account.ApiKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the configured accounts and API keys (docs/configuration.md, "Accounts and API keys"):
 * {@code accounts = main, other} names them, then {@code accounts.<name>.sid},
 * {@code .auth-token}, …; {@code api-keys = ci} and {@code api-keys.<name>.sid}, {@code .secret},
 * {@code .account} (an account's name or SID).
 */
public final class AccountConfigs {

    /**
     * The configured accounts and keys.
     *
     * @param sids each account's SID by its configured name and by its SID
     */
    public record Configured(List<Account> accounts, List<ApiKey> keys, Map<String, String> sids) {

        public Configured(List<Account> accounts, List<ApiKey> keys) {
            this(accounts, keys, Map.of());
        }
    }

    private AccountConfigs() {}

    public static Configured from(ConfigSource c) {
        Map<String, String> sidByName = new HashMap<>();
        List<Account> accounts = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        for (String name : c.list("accounts", List.of())) {
            String p = "accounts." + name + ".";
            String sid = sid(c, p + "sid", Sid.ACCOUNT);
            if (!sids.add(sid)) {
                throw c.invalid(p + "sid", sid, "a SID no other account has");
            }
            String token =
                    c.required(p + "auth-token", "the account's auth token (HTTP Basic password, signs callbacks)");
            if (token.length() < 16) {
                throw c.invalid(p + "auth-token", "(hidden)", "at least 16 characters");
            }
            String callback = c.string(p + "room-status-callback", "");
            String problem = callback.isEmpty() ? null : WebUrl.problem(callback);
            if (problem != null) {
                throw c.invalid(p + "room-status-callback", callback, problem);
            }
            accounts.add(new Account(
                    sid,
                    c.string(p + "friendly-name", name),
                    token,
                    Account.CONFIGURED,
                    true,
                    callback.isEmpty() ? null : callback,
                    c.choice(p + "room-status-callback-method", "POST", List.of("POST", "GET")),
                    c.bool(p + "record-participants-on-connect", false),
                    null,
                    null));
            sidByName.put(name, sid);
        }
        List<ApiKey> keys = new ArrayList<>();
        for (String name : c.list("api-keys", List.of())) {
            String p = "api-keys." + name + ".";
            String sid = sid(c, p + "sid", Sid.API_KEY);
            String secret = c.required(p + "secret", "the key's secret (HTTP Basic password, signs access tokens)");
            if (secret.length() < 16) {
                throw c.invalid(p + "secret", "(hidden)", "at least 16 characters");
            }
            String owner = c.required(p + "account", "the name or SID of a configured account that owns the key");
            String accountSid = sidByName.getOrDefault(owner, owner);
            if (!sids.contains(accountSid)) {
                throw c.invalid(p + "account", owner, "the name or SID of an account listed in 'accounts'");
            }
            keys.add(new ApiKey(
                    sid, accountSid, c.string(p + "friendly-name", name), secret, ApiKey.CONFIGURED, null, null));
        }
        Map<String, String> bySidOrName = new HashMap<>(sidByName);
        accounts.forEach(a -> bySidOrName.put(a.sid(), a.sid()));
        return new Configured(accounts, keys, bySidOrName);
    }

    private static String sid(ConfigSource c, String key, String prefix) {
        String v = c.required(key, "a " + prefix + " SID: " + prefix + " followed by 32 hex digits");
        if (!Sid.is(prefix, v) || !v.startsWith(prefix)) {
            throw c.invalid(key, v, prefix + " followed by 32 hex digits");
        }
        return prefix + v.substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
