/**
 * Accounts and API keys: the credentials requests authenticate with.
 */
package dev.quorum.storage.account;
