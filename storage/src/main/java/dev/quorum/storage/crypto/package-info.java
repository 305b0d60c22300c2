/**
 * Public-key encryption of stored media: RSA public keys, the per-file envelope, the cipher.
 */
package dev.quorum.storage.crypto;
