/**
 * Configured and development accounts, and the account defaults of ad hoc rooms.
 */
package dev.quorum.api.accounts;
