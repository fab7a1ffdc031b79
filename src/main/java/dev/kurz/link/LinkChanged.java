package dev.kurz.link;

/**
 * Published inside the transaction that changed a link (update, activation, delete,
 * import); listeners that cache link state act on it after commit.
 */
public record LinkChanged(String shortCode) {

}
