package dev.quorum.api.accounts;

import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.account.Account;
import dev.quorum.storage.account.AccountStore;
import dev.quorum.storage.account.ApiKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the configured accounts and API keys at start. With none configured and dev mode on,
 * a development account and key are created on the first start and kept; once real accounts are
 * configured (or dev mode is off) the development account is disabled.
 */
public final class AccountSetup {

    private static final Logger LOG = LoggerFactory.getLogger(AccountSetup.class);

    private AccountSetup() {}

    /**
     * @return the development credentials when dev mode is in use, for the start-up banner
     * @throws IllegalArgumentException if a key names an account that is not configured
     */
    public static Optional<AccountStore.DevelopmentCredentials> apply(
            MetadataStore store, List<Account> accounts, List<ApiKey> keys, boolean devMode) {
        Set<String> sids = accounts.stream().map(Account::sid).collect(Collectors.toSet());
        for (ApiKey k : keys) {
            if (!sids.contains(k.accountSid())) {
                throw new IllegalArgumentException(
                        "API key " + k.sid() + " belongs to account " + k.accountSid() + ", which is not configured");
            }
        }
        store.accounts().syncConfigured(accounts);
        store.apiKeys().syncConfigured(keys);
        if (accounts.isEmpty() && devMode) {
            return Optional.of(store.accounts().ensureDevelopment());
        }
        store.accounts().disableDevelopment();
        if (accounts.isEmpty()) {
            LOG.warn("No account is configured and dev-mode is off: every REST API request will be refused (401)."
                    + " Configure accounts (see docs/configuration.md).");
        }
        return Optional.empty();
    }
}
