/**
 * The Accounts API's credentials: AWS access keys for external storage, RSA public keys for
 * encrypting media.
 */
package dev.quorum.storage.credential;
