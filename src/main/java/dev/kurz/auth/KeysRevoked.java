package dev.kurz.auth;

import java.util.List;

/** Published in the transaction that revokes keys; acted on after it commits. */
record KeysRevoked(List<String> hashes) {

}
