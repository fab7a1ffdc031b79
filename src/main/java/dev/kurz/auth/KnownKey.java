package dev.kurz.auth;

import dev.kurz.shared.Caller;

/**
 * A key that was found valid.
 *
 * @param hash its SHA-256 hash, which names it without revealing it
 * @param id its row, or null for an admin key from the configuration
 * @param caller whom it authenticates
 */
record KnownKey(String hash, Long id, Caller caller) {

}
